/**
 * `npm run client -- <mcp-server-url>`: the simulator's own MCP client against any MCP server over
 * real HTTP, printing each step as it happens. Exit status as outcome.ts says; 64 bad usage.
 */
import { CLIENT_USAGE, parseClientArgs } from './args';
import { reportOutcome } from './outcome';
import { runRealClient } from './realClient';

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
    grant: args.grant,
    elicitation: args.elicitation,
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
  return reportOutcome(result.outcome, (line) => console.log(line));
}

void main().then((code) => process.exit(code));
