/**
 * Interop: the MCP Inspector CLI (2.x, on the Node 22 it needs) against the world, headless: it
 * opens the authorization URL through $BROWSER (the stub that follows loopback redirects) when
 * MCP_AUTO_OPEN_ENABLED is set, and its OAuth callback listens where MCP_OAUTH_CALLBACK_URL says.
 */
import { describe, expect, it } from 'vitest';
import { stopServersAfterEach, world } from './helpers';
import { freePort, NODE22, runToEnd, STUB_BROWSER, tempDir } from './interop';

stopServersAfterEach();

const LAUNCHER = 'node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js';

describe('MCP Inspector CLI against the world', () => {
  it('authorizes in the stub browser and calls a tool', async () => {
    const server = await world({ autoApprove: true });
    const port = await freePort();
    const { code, out } = await runToEnd(
      NODE22,
      [
        LAUNCHER,
        '--cli',
        server.mcpUrl,
        '--method',
        'tools/call',
        '--tool-name',
        'read_file',
        '--tool-arg',
        'path=notes/plan.md',
      ],
      {
        env: {
          ...process.env,
          HOME: tempDir('inspector-home'),
          MCP_AUTO_OPEN_ENABLED: 'true',
          BROWSER: STUB_BROWSER,
          MCP_OAUTH_CALLBACK_URL: `http://127.0.0.1:${port}/oauth/callback`,
        },
        timeoutMs: 60_000,
      },
    );
    expect(out).toContain('Q3 plan');
    expect(code).toBe(0);
    const authorize = server.exchanges.find((e) => e.url.includes('/auth/authorize'));
    expect(new URL(authorize?.url ?? 'http://x').searchParams.get('resource')).toBe(server.mcpUrl);
    expect(server.world.mcp.calls.at(-1)).toMatchObject({ tool: 'read_file' });
  }, 70_000);
});
