/**
 * `npm run world -- --revision <date>` over real sockets, and the project's client against it: for
 * each revision the world serves that revision's servers (2025-03-26: no protected resource metadata,
 * the authorization server at the MCP server's origin; before 2026-07-28: initialize and sessions),
 * and the dual-era client negotiates down to it and says which revision it ended on. Loopback only.
 */
import { describe, expect, it } from 'vitest';
import { parseWorldArgs } from '../../src/realwire/args';
import { runRealClient } from '../../src/realwire/realClient';
import { REVISIONS } from '../../src/sim/revisions/ids';
import { stopServersAfterEach, world } from './helpers';

stopServersAfterEach();

const AUTHORIZATION_REVISION = {
  '2025-03-26': '2025-03-26',
  '2025-06-18': '2026-07-28',
  '2025-11-25': '2026-07-28',
  '2026-07-28': '2026-07-28',
} as const;

describe('a world of each revision, and the client that negotiates down to it', () => {
  for (const revision of REVISIONS) {
    it(`--revision ${revision}`, async () => {
      const server = await world({ revision, autoApprove: true });
      const lines: string[] = [];
      const result = await runRealClient({
        serverUrl: server.mcpUrl,
        follow: true,
        callbackTimeoutMs: 10_000,
        operations: [
          { kind: 'call', method: 'tools/list' },
          {
            kind: 'call',
            method: 'tools/call',
            params: { name: 'read_file', arguments: { path: 'notes/plan.md' } },
          },
        ],
        log: (line) => lines.push(line),
      });
      expect(result.outcome.kind).toBe('success');
      expect(result.negotiated).toEqual({
        protocol: revision,
        transport: revision === '2026-07-28' ? 'stateless' : 'sessions',
        authorization: AUTHORIZATION_REVISION[revision],
      });
      expect(lines.some((l) => l.startsWith(`Revision: ended on ${revision} `))).toBe(true);
      const prm = await fetch(`${server.origin}/.well-known/oauth-protected-resource/mcp`);
      await prm.text();
      expect(prm.status).toBe(revision === '2025-03-26' ? 404 : 200);
      if (revision === '2025-03-26') {
        // the authorization server's metadata at the MCP server's origin, its issuer that origin.
        expect(server.issuer).toBe(server.origin);
        const meta: unknown = await (
          await fetch(`${server.origin}/.well-known/oauth-authorization-server`)
        ).json();
        expect(meta).toMatchObject({
          issuer: server.origin,
          authorization_endpoint: `${server.origin}/authorize`,
        });
      }
    });
  }

  it('refuses a revision that does not exist, naming those that do', () => {
    expect(parseWorldArgs(['--revision', '2024-11-05'])).toEqual({
      ok: false,
      message: 'unknown revision 2024-11-05; one of: 2025-03-26, 2025-06-18, 2025-11-25, 2026-07-28',
    });
    expect(parseWorldArgs(['--revision', '2025-06-18'])).toMatchObject({
      ok: true,
      value: { revision: '2025-06-18' },
    });
  });
});
