/** The exports are complete views of a run: every exchange in the HAR, every message in the Mermaid. */
import { describe, expect, it } from 'vitest';
import { runFlow } from '../src/sim/flow/simulation';
import { toHar, toMermaid } from '../src/sim/trace/export';
import { arrayAt, at, parseJson, stringAt } from './json';

describe('exports', () => {
  it('HAR 1.2 has one entry per exchange, with real headers, bodies and query strings', async () => {
    const run = await runFlow({ seed: 'x', scenario: 'first-connection', registration: 'dcr' });
    // Through JSON and back, as a file is read.
    const har = parseJson(JSON.stringify(toHar(run.trace)));
    const exchanges = run.trace.filter((e) => e.kind === 'response');
    expect(at(har, 'log', 'version')).toBe('1.2');
    const entries = arrayAt(har, 'log', 'entries');
    expect(entries).toHaveLength(exchanges.length);
    const token = entries.find((e) => stringAt(e, 'request', 'url').endsWith('/token'));
    expect(at(token, 'request', 'postData', 'mimeType')).toBe('application/x-www-form-urlencoded');
    expect(arrayAt(token, 'response', 'headers')).toContainEqual({
      name: 'cache-control',
      value: 'no-store',
    });
    const authorize = entries.find((e) => stringAt(e, 'request', 'url').includes('/authorize?'));
    expect(arrayAt(authorize, 'request', 'queryString')).toContainEqual({
      name: 'code_challenge_method',
      value: 'S256',
    });
    const redirect = entries.find((e) => at(e, 'response', 'status') === 302);
    expect(stringAt(redirect, 'response', 'redirectURL')).toMatch(
      /^http:\/\/127\.0\.0\.1:33418\/callback\?code=/,
    );
  });

  it('Mermaid has a participant per lane and a line per message, with special characters escaped', async () => {
    const run = await runFlow({
      seed: 'x',
      scenario: 'first-connection',
      registration: 'dcr',
      attack: { id: 'mix-up', defence: 'on' },
    });
    const text = toMermaid(run.trace);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('sequenceDiagram');
    expect(lines).toContain('    participant C as Client');
    expect(lines).toContain('    participant X as Attacker');
    expect(lines.length).toBe(1 + 5 + run.trace.length);
    expect(toMermaid(run.trace, () => 'a;b #c')).toContain('a#59;b #35;c');
  });
});

describe('run diff', () => {
  it('finds the first message where the defence made a difference', async () => {
    const { diffRuns } = await import('../src/sim/trace/diff');
    const off = await runFlow({
      seed: 'd',
      scenario: 'first-connection',
      registration: 'dcr',
      attack: { id: 'code-replay', defence: 'off' },
    });
    const on = await runFlow({
      seed: 'd',
      scenario: 'first-connection',
      registration: 'dcr',
      attack: { id: 'code-replay', defence: 'on' },
    });
    const diff = diffRuns(off.trace, on.trace);
    expect(diff.firstDifference).not.toBeNull();
    const at = diff.firstDifference ?? 0;
    const a = off.trace[at];
    const b = on.trace[at];
    // The replay: the vulnerable server issues a second token, the defended one refuses it.
    expect(a).toMatchObject({ kind: 'response', stepId: 'attacker-request', response: { status: 200 } });
    expect(b).toMatchObject({
      kind: 'response',
      stepId: 'attacker-request',
      rule: 'A-17',
      response: { status: 400 },
    });
    expect(diff.param).toEqual({ where: 'response', name: 'status', a: '200', b: '400' });
    expect(diffRuns(on.trace, on.trace)).toEqual({
      firstDifference: null,
      common: on.trace.length,
      param: null,
    });
  });

  it('compares content, not just the route: a parameter one run sends and the other does not is a difference', async () => {
    const { diffRuns } = await import('../src/sim/trace/diff');
    const base = { seed: 'd', scenario: 'first-connection', registration: 'dcr' } as const;
    const off = await runFlow({
      ...base,
      attack: { id: 'stolen-code-no-pkce', defence: 'off', variant: 'client-omits' },
    });
    const on = await runFlow({
      ...base,
      attack: { id: 'stolen-code-no-pkce', defence: 'on', variant: 'client-omits' },
    });
    const diff = diffRuns(off.trace, on.trace);
    // The client skipping PKCE is the first difference: its preparation says so, check by check.
    expect(on.trace[diff.firstDifference ?? -1]).toMatchObject({ stepId: 'prepare-authorization' });
    expect(diff.param).toEqual({
      where: 'check',
      name: 'PKCE verifier and challenge',
      a: 'skipped',
      b: 'pass',
    });
    // And the authorization request itself differs by its code_challenge, whatever came before it.
    const authorize = (trace: typeof off.trace) =>
      trace.find((e) => e.kind === 'request' && e.stepId === 'authorize');
    const { diffEvents } = await import('../src/sim/trace/diff');
    const x = authorize(off.trace);
    const y = authorize(on.trace);
    expect(x && y && diffEvents(x, y)).toEqual({
      where: 'url query',
      name: 'code_challenge',
      a: undefined,
      b: 'present',
    });
  });
});
