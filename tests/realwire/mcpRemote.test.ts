/**
 * Interop: `mcp-remote` (0.15, the stdio-to-HTTP proxy desktop MCP hosts use for remote servers)
 * against the world, headless: its browser is the stub that follows loopback redirects, and the
 * world approves consent by itself. mcp-remote is dual-era and mirrors `Mcp-Method: initialize`
 * on its legacy handshake, which the world must route by the body, not by that header.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { headerValue } from '../../src/sim/trace/types';
import { stopServersAfterEach, track, world } from './helpers';
import { freePort, STUB_BROWSER, tempDir } from './interop';

stopServersAfterEach();

function environment(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  return { ...env, ...extra };
}

describe('mcp-remote against the world', () => {
  it('signs in with DCR and PKCE through the stub browser, then lists and calls tools', async () => {
    const server = await world({ autoApprove: true });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['node_modules/mcp-remote/dist/proxy.js', server.mcpUrl, String(await freePort())],
      env: environment({ BROWSER: STUB_BROWSER, MCP_REMOTE_CONFIG_DIR: tempDir('mcp-remote') }),
      stderr: 'pipe',
    });
    const client = new Client({ name: 'interop-host', version: '1.0.0' });
    await client.connect(transport);
    track({ close: () => client.close() });

    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name)).toContain('read_file');
    const result = await client.callTool({ name: 'read_file', arguments: { path: 'notes/plan.md' } });
    expect(JSON.stringify(result.content)).toContain('Q3 plan');
    expect(server.world.mcp.calls.at(-1)).toMatchObject({ sub: 'user-7f3a', tool: 'read_file' });

    // Its legacy initialize carried Mcp-Method and no version header, and opened a session.
    const init = server.exchanges.find((e) => e.status === 200 && e.requestBody?.includes('"initialize"'));
    expect(headerValue(init?.requestHeaders ?? [], 'mcp-method')).toBe('initialize');
    expect(headerValue(init?.requestHeaders ?? [], 'mcp-protocol-version')).toBeUndefined();
    expect(headerValue(init?.responseHeaders ?? [], 'mcp-session-id')).toMatch(/^sess_/);
    const authorize = server.exchanges.find((e) => e.url.includes('/auth/authorize'));
    expect(new URL(authorize?.url ?? 'http://x').searchParams.get('code_challenge_method')).toBe('S256');
    expect(server.exchanges.some((e) => e.url.endsWith('/auth/register') && e.status === 201)).toBe(true);
  }, 60_000);
});
