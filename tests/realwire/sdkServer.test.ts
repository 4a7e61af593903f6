/**
 * Interop the other way round: the project's own client (`npm run client`'s code) against a server
 * built on the official MCP TypeScript SDK 1.x: its example server (`simpleStreamableHttp --oauth`)
 * with its demo authorization server, as child processes on loopback ports. The SDK server speaks
 * 2025-11-25 only and answers the client's first, 2026-07-28 request with 400 and no modern error,
 * so the client falls back to initialize and a session (2026-07-28 streamable-http.mdx §Backward
 * Compatibility), and reads the SDK's SSE answers.
 */
import { describe, expect, it } from 'vitest';
import { runRealClient } from '../../src/realwire/realClient';
import type { RealClientOptions } from '../../src/realwire/realClient';
import { headerValue } from '../../src/sim/trace/types';
import { stopServersAfterEach } from './helpers';
import { freePort, startProcess } from './interop';

stopServersAfterEach();

const EXAMPLE = 'node_modules/@modelcontextprotocol/sdk/dist/esm/examples/server/simpleStreamableHttp.js';

async function sdkServer(): Promise<string> {
  const [mcp, auth] = [await freePort(), await freePort()];
  await startProcess(process.execPath, [EXAMPLE, '--oauth'], {
    env: { ...process.env, MCP_PORT: String(mcp), MCP_AUTH_PORT: String(auth) },
    ready: [`listening on port ${mcp}`, `listening on port ${auth}`],
  });
  // The example names itself by "localhost"; the resource in its metadata must be this exact URL.
  return `http://localhost:${mcp}/mcp`;
}

function run(serverUrl: string, options: Partial<RealClientOptions>) {
  const lines: string[] = [];
  return runRealClient({ serverUrl, follow: true, log: (l) => lines.push(l), ...options }).then((r) => ({
    ...r,
    lines,
  }));
}

describe('our client against the SDK example server and its demo authorization server', () => {
  it('discovers, registers, authorizes, falls back to a 2025-11-25 session and calls a tool', async () => {
    const url = await sdkServer();
    const { outcome, exchanges, lines } = await run(url, {
      operations: [
        { kind: 'call', method: 'tools/list' },
        { kind: 'call', method: 'tools/call', params: { name: 'greet', arguments: { name: 'Ada' } } },
      ],
    });
    expect(outcome).toMatchObject({ kind: 'success' });
    expect(JSON.stringify(outcome)).toContain('Hello, Ada!');

    const posts = exchanges.filter((e) => e.url === url && e.method === 'POST');
    // 401, the modern request with the token (400, no modern error), then the legacy session.
    expect(posts.map((e) => e.status).slice(0, 3)).toEqual([401, 400, 200]);
    expect(posts[2]?.requestBody).toContain('"initialize"');
    const session = headerValue(posts[2]?.responseHeaders ?? [], 'mcp-session-id');
    expect(session).toBeTruthy();
    const call = posts.find((e) => e.requestBody?.includes('"tools/call"'));
    expect(headerValue(call?.requestHeaders ?? [], 'mcp-session-id')).toBe(session);
    expect(headerValue(call?.requestHeaders ?? [], 'mcp-protocol-version')).toBe('2025-11-25');
    expect(lines.join('\n')).toContain('falling back to initialize');
    // The demo AS lists client_secret_post and none: the public client names itself in the body.
    const token = exchanges.find((e) => e.url.endsWith('/token'));
    expect(token?.requestBody).toContain('client_id=');
    expect(headerValue(token?.requestHeaders ?? [], 'authorization')).toBeUndefined();
    // The session is ended when the client is done (2025-11-25 §Session Management).
    expect(exchanges.at(-1)?.method).toBe('DELETE');
  }, 60_000);

  it('answers an elicitation the server sends on the call’s own stream', async () => {
    const url = await sdkServer();
    const { outcome, lines } = await run(url, {
      elicitation: 'decline',
      operations: [
        {
          kind: 'call',
          method: 'tools/call',
          params: { name: 'collect-user-info', arguments: { infoType: 'contact' } },
        },
      ],
    });
    expect(lines.join('\n')).toContain('the server asks: "Please provide your contact information"');
    expect(outcome).toMatchObject({ kind: 'success' });
    expect(JSON.stringify(outcome)).toMatch(/declined/i);
  }, 60_000);
});
