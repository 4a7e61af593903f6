/**
 * How `npm run client` and the conformance client end: one line that says what happened, and an
 * exit status a script can act on: 0 connected, 2 the client refused (a rule stopped it, named),
 * 3 authorization denied, 1 anything else failed.
 */
import type { FlowOutcome } from '../sim/flow/flowMachine';

function describe(result: unknown): string {
  if (typeof result === 'object' && result !== null) {
    if ('tools' in result && Array.isArray(result.tools)) {
      const names = result.tools.map((t: unknown) =>
        typeof t === 'object' && t !== null && 'name' in t ? String(t.name) : '?',
      );
      return `${names.length} tools: ${names.join(', ')}`;
    }
    if ('content' in result && Array.isArray(result.content)) {
      const first: unknown = result.content[0];
      return typeof first === 'object' && first !== null && 'text' in first
        ? String(first.text)
        : JSON.stringify(result);
    }
  }
  return JSON.stringify(result);
}

export function reportOutcome(outcome: FlowOutcome, print: (line: string) => void): number {
  print('');
  switch (outcome.kind) {
    case 'success':
      print(`Connected. ${describe(outcome.result)}`);
      return 0;
    case 'refused':
      print(`REFUSED by rule ${outcome.rule ?? '(unnamed)'}: ${outcome.message}`);
      return 2;
    case 'denied':
      print(
        `Authorization failed: ${outcome.error}${outcome.description ? ` (${outcome.description})` : ''}`,
      );
      return 3;
    case 'failed':
      print(`Failed: ${outcome.message}`);
      return 1;
  }
}
