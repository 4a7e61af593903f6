/** Stepping a live run: one event per Next, consent answered by the learner, Back by exact replay. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runFlow } from '../src/sim/flow/simulation';
import { Stepper, stepperAt } from '../src/sim/flow/stepper';
import type { RunConfig } from '../src/sim/flow/simulation';

const config: RunConfig = { seed: 'step', scenario: 'first-connection', registration: 'dcr' };

describe('stepper', () => {
  it('shows one event per Next, and nothing happens between steps', async () => {
    const s = new Stepper(config);
    await s.next();
    expect(s.trace).toHaveLength(1);
    expect(s.trace[0]).toMatchObject({ kind: 'request', stepId: 'mcp-unauthenticated' });
    // The MCP server has not even seen the request's answer recorded yet: the run is paused.
    await new Promise((r) => setTimeout(r, 20));
    expect(s.trace).toHaveLength(1);
    await s.next();
    expect(s.trace[1]).toMatchObject({ kind: 'response', stepId: 'mcp-unauthenticated' });
  });

  it('waits for the learner at the consent page; Next does not answer for them', async () => {
    const s = new Stepper(config);
    await s.advanceTo(100);
    const snap = s.snapshot();
    expect(snap.consent?.clientName).toBe('MCP Simulator Desktop');
    expect(snap.finished).toBe(false);
    const at = s.trace.length;
    await s.next();
    expect(s.trace).toHaveLength(at);
    s.answer('deny');
    await s.runToEnd();
    expect(s.snapshot().outcome).toMatchObject({ kind: 'denied', error: 'access_denied' });
    expect(s.decisions).toEqual(['deny']);
  });

  it('Back replays the same seed and decisions to the previous step, byte for byte', async () => {
    const s = new Stepper(config);
    await s.advanceTo(100);
    s.answer('approve');
    await s.advanceTo(25);
    const back = await stepperAt(config, 24, s.decisions);
    expect(back.trace).toHaveLength(24);
    expect(JSON.stringify(back.trace)).toBe(JSON.stringify(s.trace.slice(0, 24)));
    expect(back.snapshot().consent).toBeNull();
  });

  it('reveals a ready message synchronously and holds the run until resumed', async () => {
    const s = new Stepper(config);
    await s.settle();
    expect(s.nextIsReady).toBe(true);
    expect(s.revealNext()).toBe(true);
    // Shown in the same call: nothing awaited.
    expect(s.trace.map((e) => `${e.stepId}:${e.kind}`)).toEqual(['mcp-unauthenticated:request']);
    // Held: the MCP server does not build its answer until the run is resumed.
    await new Promise((r) => setTimeout(r, 20));
    expect(s.nextIsReady).toBe(false);
    expect(s.revealNext()).toBe(false);
    s.resume();
    await s.settle();
    expect(s.revealNext()).toBe(true);
    expect(s.trace[1]).toMatchObject({
      kind: 'response',
      stepId: 'mcp-unauthenticated',
      response: { status: 401 },
    });
    // next() resumes a held run itself.
    await s.next();
    expect(s.trace).toHaveLength(3);
  });

  it('does not reveal past the consent page: the learner decides first', async () => {
    const s = new Stepper(config);
    await s.advanceTo(100);
    expect(s.snapshot().consent).not.toBeNull();
    const at = s.trace.length;
    expect(s.nextIsReady).toBe(false);
    expect(s.revealNext()).toBe(false);
    expect(s.trace).toHaveLength(at);
  });

  it('a run revealed one message at a time equals the headless run, and ends once resumed', async () => {
    const s = new Stepper(config, { autoConsent: true });
    for (let i = 0; i < 200 && !s.snapshot().finished; i++) {
      await s.settle();
      if (!s.revealNext()) continue;
      // Not finished while held, even after the last message: the flow ends when its party goes on.
      expect(s.snapshot().finished).toBe(false);
      s.resume();
    }
    const headless = await runFlow(config);
    expect(s.snapshot().outcome?.kind).toBe('success');
    expect(JSON.stringify(s.trace)).toBe(JSON.stringify(headless.trace));
  });

  it('any number of callers may wait on the run at once (advanceTo and settle together both resolve)', async () => {
    const s = new Stepper(config);
    const reached = s.advanceTo(5);
    const settled = s.settle();
    const again = s.settle();
    await Promise.all([reached, settled, again]);
    expect(s.trace).toHaveLength(5);
    expect(s.actor.getSnapshot().matches('parked')).toBe(true);
  });

  it('the run is one actor that says where it stands and emits what happens', async () => {
    const s = new Stepper(config);
    const heard: string[] = [];
    s.actor.on('*', (e) => heard.push(e.type === 'message' ? `message ${e.count}` : e.type));
    await s.settle();
    expect(s.actor.getSnapshot().value).toBe('parked');
    await s.next();
    await s.settle();
    expect(heard).toEqual(['parked', 'message 1', 'parked']);
    await s.advanceTo(100);
    await s.settle();
    expect(s.actor.getSnapshot().value).toBe('awaitingConsent');
    expect(heard.at(-1)).toBe('consent');
    await s.runToEnd();
    expect(s.actor.getSnapshot().value).toBe('finished');
    expect(heard.at(-1)).toBe('finished');
  });

  it('run to end equals the headless run', async () => {
    const s = new Stepper(config);
    await s.runToEnd();
    const headless = await runFlow(config);
    expect(s.snapshot().finished).toBe(true);
    expect(JSON.stringify(s.trace)).toBe(JSON.stringify(headless.trace));
  });
});

describe('without Web Crypto (plain http from a LAN address)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('PKCE and token signatures fall back to pure JavaScript and give the same values', async () => {
    const withSubtle = await runFlow(config);
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => a });
    expect(globalThis.crypto.subtle).toBeUndefined();
    const without = await runFlow(config);
    expect(without.outcome.kind).toBe('success');
    expect(JSON.stringify(without.trace)).toBe(JSON.stringify(withSubtle.trace));
  });
});
