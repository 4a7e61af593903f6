/**
 * The MCP Inspector's network export (Inspector 2.12.0's Network panel, Export), recorded live by
 * the Inspector's web UI against `npm run world -- --auto-approve`: its own JSON list, read as a
 * HAR would be. The e2e test (e2e/inspector.tests.ts) records a fresh one with a broken rule.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importHar } from '../../src/sim/har';
import { readHar } from '../../src/sim/har/parse';

const recorded = readFileSync(new URL('./fixtures/inspector-2.12-network.json', import.meta.url), 'utf8');

async function imported(text: string) {
  const result = await importHar(text);
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

describe("the MCP Inspector's network export", () => {
  it('is read as the exchanges it lists, in order, under the Inspector as creator', () => {
    const read = readHar(recorded);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.creator).toBe('MCP Inspector');
    expect(read.exchanges.map((e) => `${e.method} ${new URL(e.url).pathname} ${e.status}`)).toEqual([
      'POST /mcp 401',
      'GET /.well-known/oauth-protected-resource/mcp 200',
      'GET /.well-known/oauth-authorization-server/auth 200',
      'POST /auth/register 201',
      'POST /auth/token 200',
      'POST /mcp 200',
      'POST /mcp 202',
      'GET /mcp 405',
      'POST /mcp 200',
    ]);
  });

  it('drops what it redacted from headers and forms, so no check judges the placeholder', () => {
    const read = readHar(recorded);
    if (!read.ok) throw new Error('unread');
    const token = read.exchanges.find((e) => e.url.endsWith('/auth/token'));
    const form = new URLSearchParams(token?.requestBody ?? '');
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.has('code')).toBe(false);
    expect(form.has('code_verifier')).toBe(false);
    const call = read.exchanges[5];
    expect(call?.requestHeaders.some(([name]) => name.toLowerCase() === 'authorization')).toBe(false);
  });

  it('of an honest world: no rule broken; what it cannot hold is not checkable, and said', async () => {
    const { summary, notes, trace } = await imported(recorded);
    expect(summary.failed).toEqual([]);
    const unknown = summary.notCheckable.map((n) => n.rule);
    for (const rule of ['C-26', 'A-16', 'C-30', 'A-08', 'C-19', 'A-12', 'C-24', 'S-10'])
      expect(unknown).toContain(rule);
    expect(notes.join(' ')).toMatch(/MCP Inspector network export/);
    expect(notes.join(' ')).toMatch(/\[REDACTED\] in 5 requests/);
    // The requests after the token carry it (the Inspector hid the header): not "without a token".
    const calls = trace.filter((e) => e.kind === 'request' && e.stepId === 'mcp-request');
    expect(calls).toHaveLength(4);
    expect(trace.filter((e) => e.stepId === 'mcp-unauthenticated')).toHaveLength(2);
  });

  it('a broken rule in the export is found: a 30-day token (A-14) from its expires_in', async () => {
    const entries: unknown = JSON.parse(recorded);
    if (!Array.isArray(entries)) throw new Error('not a list');
    const edited = entries.map((entry: unknown) => {
      if (
        typeof entry !== 'object' ||
        entry === null ||
        !('url' in entry) ||
        entry.url !== 'http://127.0.0.1:8791/auth/token'
      )
        return entry;
      const body: unknown =
        'responseBody' in entry && typeof entry.responseBody === 'string'
          ? JSON.parse(entry.responseBody)
          : {};
      return {
        ...entry,
        responseBody: JSON.stringify({
          ...(typeof body === 'object' && body !== null ? body : {}),
          expires_in: 30 * 24 * 3600,
        }),
      };
    });
    const { summary } = await imported(JSON.stringify(edited));
    expect(summary.failed.map((r) => r.rule)).toEqual(['A-14']);
  });

  it('entries without an HTTP URL are left out with a note; a list of something else is not a HAR', async () => {
    const entries: unknown = JSON.parse(recorded);
    if (!Array.isArray(entries)) throw new Error('not a list');
    const extra: unknown[] = [{ method: 'GET', url: 'data:,x', requestHeaders: {} }];
    const { notes } = await imported(JSON.stringify(extra.concat(entries)));
    expect(notes.join(' ')).toMatch(/1 entry without an HTTP URL left out/);
    const other = await importHar(JSON.stringify([{ name: 'x' }]));
    expect(other.ok).toBe(false);
  });
});
