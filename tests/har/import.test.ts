/**
 * The HAR import on its own: every exchange of a simulated run lands on the step and lanes the
 * simulator itself gave it (derived from what each exchange is, not from the export's comments);
 * what the file leaves out or cannot say is noted; secrets are kept as they came (masking is the
 * screen's job).
 */
import { describe, expect, it } from 'vitest';
import { runFlow } from '../../src/sim/flow/simulation';
import { importHar } from '../../src/sim/har';
import type { HarImport } from '../../src/sim/har';
import { REGISTRATION_MODE_IDS, SCENARIO_IDS } from '../../src/sim/scenarios';
import { toHar } from '../../src/sim/trace/export';
import type { TraceEvent } from '../../src/sim/trace/types';

async function imported(text: string): Promise<HarImport> {
  const result = await importHar(text);
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

/** The exchanges a client-side recording holds: none between two servers. */
const clientSide = (e: TraceEvent) =>
  e.kind === 'response' &&
  ['client', 'browser'].includes(e.to) &&
  ['mcp', 'as', 'client', 'idp'].includes(e.from);

describe('each exchange on the step the simulator gave it', () => {
  for (const scenario of SCENARIO_IDS) {
    for (const registration of REGISTRATION_MODE_IDS) {
      it(`${scenario}, ${registration}`, async () => {
        const run = await runFlow({ seed: 'map', scenario, registration });
        // Without the comments our export adds: the import must not need them.
        const har = toHar(run.trace);
        const entries = har.log.entries.map(({ comment: _comment, ...entry }) => entry);
        const { trace } = await imported(JSON.stringify({ log: { ...har.log, entries } }));
        const expected = run.trace.filter(clientSide).map((e) => `${e.stepId} ${e.to}→${e.from}`);
        const got = trace.filter((e) => e.kind === 'response').map((e) => `${e.stepId} ${e.to}→${e.from}`);
        expect(got).toEqual(expected);
      });
    }
  }

  it('pairs each request with its response, in order, with the real HTTP', async () => {
    const run = await runFlow({ seed: 'map', scenario: 'first-connection', registration: 'dcr' });
    const { trace } = await imported(JSON.stringify(toHar(run.trace)));
    trace.forEach((e, i) => expect(e.seq).toBe(i));
    for (let i = 0; i < trace.length; i += 2) {
      const [request, response] = [trace[i], trace[i + 1]];
      expect(request?.kind).toBe('request');
      expect(response?.kind).toBe('response');
      if (request?.kind !== 'request' || response?.kind !== 'response') continue;
      expect(response.request).toEqual(request.request);
      expect([response.from, response.to]).toEqual([request.to, request.from]);
    }
    const token = trace.find((e) => e.kind === 'response' && e.stepId === 'token');
    expect(token?.kind === 'response' && token.response?.headers).toContainEqual([
      'cache-control',
      'no-store',
    ]);
  });

  it('keeps tokens as they came: masking them is for the screen', async () => {
    const run = await runFlow({ seed: 'map', scenario: 'first-connection', registration: 'dcr' });
    const text = JSON.stringify(toHar(run.trace));
    const { trace } = await imported(text);
    const token = trace.find((e) => e.kind === 'response' && e.stepId === 'token');
    expect(token?.kind === 'response' && token.response?.body).toMatch(/"access_token":"eyJ/);
  });
});

describe('what a browser export looks like', () => {
  it('reads base64 bodies, drops HTTP/2 pseudo-headers and CORS preflights, and says so', async () => {
    const run = await runFlow({ seed: 'map', scenario: 'first-connection', registration: 'dcr' });
    const har = toHar(run.trace);
    const entries: unknown[] = har.log.entries.map((entry) => {
      const text = entry.response.content.text;
      return {
        ...entry,
        _resourceType: 'fetch',
        request: {
          ...entry.request,
          headers: [{ name: ':authority', value: 'x' }, ...entry.request.headers],
        },
        response: {
          ...entry.response,
          content: text
            ? { ...entry.response.content, text: Buffer.from(text).toString('base64'), encoding: 'base64' }
            : entry.response.content,
        },
      };
    });
    const first = har.log.entries[0];
    entries.unshift({
      ...first,
      request: { ...first?.request, method: 'OPTIONS' },
      _resourceType: 'preflight',
    });
    const result = await imported(
      JSON.stringify({ log: { ...har.log, creator: { name: 'WebInspector' }, entries } }),
    );
    expect(result.summary.failed).toEqual([]);
    expect(result.notes).toContain(
      '1 entry that is not an HTTP request (CORS preflights, data: URLs) left out.',
    );
    for (const e of result.trace)
      if (e.kind === 'request') expect(e.request.headers.some(([n]) => n.startsWith(':'))).toBe(false);
  });

  it('a sanitized export (no Authorization, no cookies) leaves the token checks out and says why', async () => {
    const run = await runFlow({ seed: 'map', scenario: 'first-connection', registration: 'dcr' });
    const har = toHar(run.trace);
    const strip = (headers: { name: string; value: string }[]) =>
      headers.filter((h) => !['authorization', 'cookie', 'set-cookie'].includes(h.name.toLowerCase()));
    const entries = har.log.entries.map((e) => ({
      ...e,
      request: { ...e.request, headers: strip(e.request.headers) },
      response: { ...e.response, headers: strip(e.response.headers) },
    }));
    const result = await imported(
      JSON.stringify({ log: { ...har.log, creator: { name: 'WebInspector' }, entries } }),
    );
    expect(result.summary.failed).toEqual([]);
    expect(result.summary.notCheckable.map((n) => n.rule)).toEqual(expect.arrayContaining(['C-24', 'S-10']));
    expect(result.notes.join(' ')).toMatch(/sanitized/);
  });
});
