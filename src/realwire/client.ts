/**
 * `npm run client -- <mcp-server-url>`: the simulator's own MCP client against any MCP server over
 * real HTTP, printing each step as it happens. Exit status: 0 connected, 2 the client refused (a
 * rule stopped it, named), 3 authorization denied, 1 anything else failed, 64 bad usage.
 */
import { writeFileSync } from 'node:fs';
import { CLIENT_USAGE, parseClientArgs } from './args';
import { inOrder, toHarLog } from './har';
import { runRealClient } from './realClient';
import type { RealClientResult } from './realClient';

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

/**
 * `--trace`: the run as a HAR file, whatever its outcome (a refusal is what one wants to look at).
 * It holds the real tokens and codes, as any HAR does: the app that opens it keeps them in the page.
 */
function writeTrace(file: string, result: RealClientResult): boolean {
  const creator = { name: 'MCP OAuth Flow Simulator (npm run client)', version: '1.0' };
  try {
    writeFileSync(file, `${JSON.stringify(toHarLog(inOrder(result.exchanges), creator), null, 2)}\n`, {
      mode: 0o600,
    });
  } catch (error) {
    console.error(
      `Could not write the trace to ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return false;
  }
  console.log(`Trace: ${result.exchanges.length} exchanges written to ${file} (open it in the app at #/har)`);
  return true;
}

async function main(): Promise<number> {
  const parsed = parseClientArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${CLIENT_USAGE}`);
    return 64;
  }
  const args = parsed.value;
  if (args.help) {
    console.log(CLIENT_USAGE);
    return 0;
  }
  console.log(`MCP client → ${args.serverUrl}`);
  const result = await runRealClient({
    serverUrl: args.serverUrl,
    follow: args.follow,
    ...(args.port !== undefined ? { callbackPort: args.port } : {}),
    ...(args.clientId !== undefined ? { clientId: args.clientId } : {}),
    ...(args.clientSecret !== undefined ? { clientSecret: args.clientSecret } : {}),
    ...(args.issuer !== undefined ? { issuer: args.issuer } : {}),
    ...(args.cimdUrl !== undefined ? { cimdUrl: args.cimdUrl } : {}),
    ...(args.attack !== undefined ? { attack: args.attack } : {}),
    vulnerabilities: args.vulnerabilities,
    operations: [
      { kind: 'call', method: 'tools/list' },
      ...(args.call
        ? [
            {
              kind: 'call' as const,
              method: 'tools/call',
              params: { name: args.call, arguments: args.callArgs },
            },
          ]
        : []),
    ],
    ...(args.timeout !== undefined ? { callbackTimeoutMs: args.timeout * 1000 } : {}),
    log: (line) => console.log(line),
  });
  const { outcome } = result;
  console.log('');
  if (args.trace !== undefined && !writeTrace(args.trace, result)) return 1;
  switch (outcome.kind) {
    case 'success':
      console.log(`Connected. ${describe(outcome.result)}`);
      return 0;
    case 'refused':
      console.log(`REFUSED by rule ${outcome.rule ?? '(unnamed)'}: ${outcome.message}`);
      return 2;
    case 'denied':
      console.log(
        `Authorization failed: ${outcome.error}${outcome.description ? ` (${outcome.description})` : ''}`,
      );
      return 3;
    case 'failed':
      console.log(`Failed: ${outcome.message}`);
      return 1;
  }
}

void main().then((code) => process.exit(code));
