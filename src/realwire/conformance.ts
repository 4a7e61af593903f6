/**
 * `npm run conformance:client -- <url>`: the project's own client as the official MCP conformance
 * suite runs a client in CI (conformanceOptions.ts maps the scenario and its context to options).
 * Exit status as outcome.ts says; 64 bad usage.
 */
import { conformanceOptions, parseContext } from './conformanceOptions';
import { reportOutcome } from './outcome';
import { runRealClient } from './realClient';

async function main(): Promise<number> {
  const serverUrl = process.argv.slice(2).find((a) => a !== '--');
  const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
  if (!serverUrl) {
    console.error('Usage: MCP_CONFORMANCE_SCENARIO=<scenario> npm run conformance:client -- <server-url>');
    return 64;
  }
  const context = parseContext(process.env.MCP_CONFORMANCE_CONTEXT);
  console.log(`Conformance scenario ${scenario || '(none)'} → ${serverUrl}`);
  const result = await runRealClient({
    ...conformanceOptions(serverUrl, scenario, context),
    log: (line) => console.log(line),
  });
  return reportOutcome(result.outcome, (line) => console.log(line));
}

void main().then((code) => process.exit(code));
