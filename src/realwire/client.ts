/**
 * `npm run client -- <mcp-server-url>`: the simulator's own MCP client against any MCP server over
 * real HTTP, printing each step as it happens. Exit status: 0 connected, 2 the client refused (a
 * rule stopped it, named), 3 authorization denied, 1 anything else failed, 64 bad usage.
 */
import { CLIENT_USAGE, parseClientArgs } from './args';
import { runRealClient } from './realClient';

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
