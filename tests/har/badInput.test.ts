/**
 * Bad files get a clear message and never a throw: not JSON, cut off, JSON that is not a HAR, a HAR
 * of something else, too large, malformed entries among good ones.
 */
import { describe, expect, it } from 'vitest';
import { runFlow } from '../../src/sim/flow/simulation';
import { importHar, MAX_HAR_BYTES, sizeProblem } from '../../src/sim/har';
import { toHar } from '../../src/sim/trace/export';

async function problemOf(text: string) {
  const result = await importHar(text);
  if (result.ok) throw new Error('imported a file it should have refused');
  return result.problem;
}

async function realHar(): Promise<string> {
  const run = await runFlow({ seed: 'bad', scenario: 'first-connection', registration: 'dcr' });
  return JSON.stringify(toHar(run.trace), null, 2);
}

describe('files that are not a HAR of an MCP flow', () => {
  it.each([
    ['plain text', 'hello, world', 'not-json', /not JSON/],
    ['HTML', '<!doctype html><html></html>', 'not-json', /not JSON/],
    ['binary', '\u0000\u0001PNG\u0002', 'not-json', /not JSON/],
    ['an empty file', '   ', 'empty', /empty/],
    ['JSON that is not a HAR', '{"name": "package", "version": "1.0.0"}', 'not-har', /not a HAR/],
    ['a JSON array', '[1, 2, 3]', 'not-har', /not a HAR/],
    ['a log without entries', '{"log": {"version": "1.2"}}', 'not-har', /entries/],
    ['entries that are not a list', '{"log": {"entries": {"0": {}}}}', 'not-har', /not a HAR/],
    ['deeply nested JSON', '['.repeat(200_000) + ']'.repeat(200_000), 'not-har', /not a HAR/],
  ])('%s', async (_, text, kind, message) => {
    const problem = await problemOf(text);
    expect(problem.kind).toBe(kind);
    expect(problem.message).toMatch(message);
  });

  it('a HAR cut off in the middle says it is cut off', async () => {
    const text = await realHar();
    const problem = await problemOf(text.slice(0, Math.floor(text.length / 2)));
    expect(problem.kind).toBe('truncated');
    expect(problem.message).toMatch(/cut off/);
  });

  it('a HAR of unrelated traffic says no MCP flow is in it', async () => {
    const page = (url: string) => ({
      startedDateTime: '2026-01-01T00:00:00.000Z',
      request: { method: 'GET', url, headers: [{ name: 'Accept', value: 'text/html' }] },
      response: { status: 200, statusText: 'OK', headers: [], content: { text: '<html></html>' } },
    });
    const har = {
      log: { version: '1.2', entries: [page('https://example.com/'), page('https://example.com/app.js')] },
    };
    const problem = await problemOf(JSON.stringify(har));
    expect(problem.kind).toBe('unrelated');
    expect(problem.message).toMatch(/2 requests, and none is part of an MCP authorization flow/);
  });

  it('a HAR with no entries says so', async () => {
    expect((await problemOf('{"log": {"entries": []}}')).message).toMatch(/no HTTP requests/);
  });

  it('a file over the limit is refused by its size before it is read', async () => {
    const fifty = sizeProblem(50 * 1024 * 1024);
    expect(fifty?.kind).toBe('too-large');
    expect(fifty?.message).toMatch(/50\.0 MB; the limit is 20\.0 MB/);
    expect(sizeProblem(MAX_HAR_BYTES)).toBeNull();
    // And if one reaches the parser anyway (a deep link without Content-Length), the same answer.
    const problem = await problemOf(`{"log":{"entries":[],"pad":"${'x'.repeat(MAX_HAR_BYTES)}"}}`);
    expect(problem.kind).toBe('too-large');
  });
});

describe('malformed entries among good ones', () => {
  it('are skipped with a note; the rest is drawn', async () => {
    const run = await runFlow({ seed: 'bad', scenario: 'first-connection', registration: 'dcr' });
    const { log } = toHar(run.trace);
    const entries: unknown[] = [...log.entries];
    entries.splice(2, 0, null, { request: {} }, { request: { url: 'not a url', method: 'GET' } }, 'text', {
      request: { method: 'GET', url: 'data:text/plain,hi' },
    });
    const har = { log: { ...log, entries } };
    const result = await importHar(JSON.stringify(har));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.notes.join(' ')).toMatch(
      /4 malformed entries were skipped \(entry 3: it has no request/,
    );
    expect(result.value.summary.failed).toEqual([]);
    expect(result.value.trace.length).toBeGreaterThan(10);
  });

  it('an entry with no response is drawn as no answer', async () => {
    const har = {
      log: {
        entries: [
          {
            startedDateTime: '2026-01-01T00:00:00.000Z',
            request: {
              method: 'POST',
              url: 'https://mcp.example.com/mcp',
              headers: [{ name: 'Mcp-Method', value: 'tools/list' }],
            },
            response: { status: 0, statusText: '', headers: [], content: {} },
          },
        ],
      },
    };
    const result = await importHar(JSON.stringify(har));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [, response] = result.value.trace;
    expect(response?.kind === 'response' && response.response).toBeNull();
    expect(response?.kind === 'response' && response.error).toMatch(/no response was recorded/);
  });
});
