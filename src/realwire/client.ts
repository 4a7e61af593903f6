/**
 * `npm run client -- <mcp-server-url>`: the simulator's own MCP client against any MCP server over
 * real HTTP, printing each step as it happens. Exit status as outcome.ts says; 64 bad usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CLIENT_USAGE, parseClientArgs } from './args';
import { inOrder, toHarLog } from './har';
import { reportOutcome } from './outcome';
import { runRealClient } from './realClient';
import type { RealClientResult } from './realClient';

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
  let privateKeyPem: string | undefined;
  if (args.privateKey !== undefined) {
    try {
      privateKeyPem = readFileSync(args.privateKey, 'utf8');
    } catch (error) {
      console.error(
        `Cannot read ${args.privateKey}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 64;
    }
  }
  console.log(`MCP client → ${args.serverUrl}`);
  const result = await runRealClient({
    serverUrl: args.serverUrl,
    follow: args.follow,
    ...(args.port !== undefined ? { callbackPort: args.port } : {}),
    ...(args.clientId !== undefined ? { clientId: args.clientId } : {}),
    ...(args.clientSecret !== undefined ? { clientSecret: args.clientSecret } : {}),
    ...(privateKeyPem !== undefined ? { privateKeyPem } : {}),
    ...(args.issuer !== undefined ? { issuer: args.issuer } : {}),
    ...(args.cimdUrl !== undefined ? { cimdUrl: args.cimdUrl } : {}),
    ...(args.attack !== undefined ? { attack: args.attack } : {}),
    vulnerabilities: args.vulnerabilities,
    grant: args.grant,
    ...(args.grant === 'enterprise' && args.idp !== undefined && args.idpClientId !== undefined
      ? {
          enterprise: {
            idpIssuer: args.idp,
            idpClientId: args.idpClientId,
            ...(args.idToken !== undefined ? { idToken: args.idToken } : {}),
          },
        }
      : {}),
    elicitation: args.elicitation,
    dpop: args.dpop,
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
  if (args.trace !== undefined && !writeTrace(args.trace, result)) return 1;
  return reportOutcome(result.outcome, (line) => console.log(line));
}

void main().then((code) => process.exit(code));
