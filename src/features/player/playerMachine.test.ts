import { describe, expect, it, vi } from 'vitest';
import { createActor, waitFor } from 'xstate';
import type { RunConfig } from '../../sim/flow/simulation';
import { playerMachine } from './playerMachine';
import type { PlayerInput } from './playerMachine';

const config: RunConfig = { seed: 'demo', scenario: 'first-connection', registration: 'dcr' };

async function start(input: Partial<PlayerInput> = {}, delay = 1) {
  const actor = createActor(playerMachine.provide({ delays: { autoplayDelay: delay } }), {
    input: { config, ...input },
  });
  actor.start();
  await waitFor(actor, (s) => !s.matches('loading'));
  return actor;
}

const settled = (s: { matches: (v: 'stepping' | 'loading' | 'answering' | 'running') => boolean }) =>
  !s.matches('stepping') && !s.matches('loading') && !s.matches('answering') && !s.matches('running');

describe('playerMachine', () => {
  it('starts idle with nothing sent, and Next shows one message at a time', async () => {
    const actor = await start();
    expect(actor.getSnapshot().value).toBe('idle');
    actor.send({ type: 'NEXT' });
    await waitFor(actor, (s) => s.matches('paused'));
    const { view, selected } = actor.getSnapshot().context;
    expect(view.trace.map((e) => e.stepId)).toEqual(['mcp-unauthenticated']);
    expect(selected).toBe(0);
  });

  it('shows a ready message in the same transition as Next, with no busy state in between', async () => {
    const actor = await start({ target: { kind: 'count', count: 3 } });
    expect(actor.getSnapshot().context.stepper?.nextIsReady).toBe(true);
    actor.send({ type: 'NEXT' });
    const snapshot = actor.getSnapshot();
    expect(snapshot.value).toBe('paused');
    expect(snapshot.context.view.trace).toHaveLength(4);
    expect(snapshot.context.selected).toBe(3);
  });

  it('finishes after the last message is revealed, once the run has ended', async () => {
    const actor = await start({ target: { kind: 'count', count: 31 } });
    const ready = () => actor.getSnapshot().context.stepper?.nextIsReady === true;
    for (let i = 0; i < 2; i++) {
      // The run goes on towards the next message a moment after the last one was shown.
      await vi.waitFor(() => expect(ready()).toBe(true));
      actor.send({ type: 'NEXT' });
    }
    expect(actor.getSnapshot().context.view.trace).toHaveLength(33);
    expect(actor.getSnapshot().matches('finished')).toBe(false);
    await waitFor(actor, (s) => s.matches('finished'));
    expect(actor.getSnapshot().context.view.trace.at(-1)?.stepId).toBe('flow-ended');
    expect(actor.getSnapshot().context.view.outcome?.kind).toBe('success');
  });

  it('waits for the consent decision, nudges on Next, and continues after Approve', async () => {
    const actor = await start({ target: { kind: 'count', count: 14 } });
    actor.send({ type: 'NEXT' });
    // The browser window opens with the consent page itself, without another Next.
    await waitFor(actor, (s) => s.matches('awaitingConsent'));
    expect(actor.getSnapshot().context.view.trace.at(-1)).toMatchObject({
      stepId: 'authorize',
      kind: 'response',
    });
    expect(actor.getSnapshot().context.view.consent?.scopes).toEqual(['files:read']);
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().context.nudges).toBe(1);
    expect(actor.getSnapshot().context.notice).toMatch(/Approve or Deny/);
    actor.send({ type: 'ANSWER', decision: 'approve' });
    await waitFor(actor, (s) => s.matches('paused'));
    const trace = actor.getSnapshot().context.view.trace;
    expect(trace.at(-1)).toMatchObject({ stepId: 'user-consent', title: 'The user approves' });
  });

  it('goes back one message by replay, and asks for consent again when going back before it', async () => {
    const actor = await start({ target: { kind: 'count', count: 17 } });
    const before = actor.getSnapshot().context.view.trace;
    expect(before.at(-1)?.stepId).toBe('consent-decision');
    actor.send({ type: 'BACK' });
    await waitFor(actor, (s) => settled(s) && s.context.view.trace.length === 16);
    expect(JSON.stringify(actor.getSnapshot().context.view.trace)).toBe(JSON.stringify(before.slice(0, 16)));
    actor.send({ type: 'BACK' });
    await waitFor(actor, (s) => s.matches('awaitingConsent'));
    expect(actor.getSnapshot().context.view.trace).toHaveLength(15);
  });

  it('runs to the end and finishes with the outcome', async () => {
    const actor = await start();
    actor.send({ type: 'RUN_TO_END' });
    await waitFor(actor, (s) => s.matches('finished'));
    const { view } = actor.getSnapshot().context;
    expect(view.outcome?.kind).toBe('success');
    expect(view.trace.at(-1)?.stepId).toBe('flow-ended');
  });

  it('autoplays until the consent page, then resumes after the decision', async () => {
    const actor = await start();
    actor.send({ type: 'PLAY' });
    await waitFor(actor, (s) => s.matches('awaitingConsent'), { timeout: 10000 });
    expect(actor.getSnapshot().context.autoplay).toBe(true);
    actor.send({ type: 'ANSWER', decision: 'deny' });
    await waitFor(actor, (s) => s.matches('finished'), { timeout: 10000 });
    expect(actor.getSnapshot().context.view.outcome).toMatchObject({
      kind: 'denied',
      error: 'access_denied',
    });
  });

  it('pauses autoplay', async () => {
    const actor = await start({}, 10000);
    actor.send({ type: 'PLAY' });
    await waitFor(actor, (s) => s.matches({ playing: 'waiting' }));
    actor.send({ type: 'PAUSE' });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context.view.trace).toHaveLength(1);
  });

  it('positions a deep link at the first event of a step and part', async () => {
    const actor = await start({ target: { kind: 'step', stepId: 'token', part: 'response' } });
    const trace = actor.getSnapshot().context.view.trace;
    expect(trace.at(-1)).toMatchObject({ stepId: 'token', kind: 'response' });
    expect(trace.filter((e) => e.stepId === 'user-consent')).toHaveLength(1);
  });

  it('starts over with a notice when the deep-linked step does not occur', async () => {
    const actor = await start({
      config: { ...config, registration: 'cimd' },
      target: { kind: 'step', stepId: 'dcr' },
    });
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context.notice).toMatch(/does not happen/);
  });

  it('restarts with a new configuration, and selects only messages that exist', async () => {
    const actor = await start({ target: { kind: 'count', count: 5 } });
    actor.send({ type: 'SELECT', seq: 2 });
    expect(actor.getSnapshot().context.selected).toBe(2);
    actor.send({ type: 'SELECT', seq: 40 });
    expect(actor.getSnapshot().context.selected).toBe(2);
    actor.send({
      type: 'LOAD',
      config: { ...config, scenario: 'client-credentials' },
      target: { kind: 'count', count: 0 },
    });
    await waitFor(actor, (s) => s.matches('idle'));
    expect(actor.getSnapshot().context.config.scenario).toBe('client-credentials');
    expect(actor.getSnapshot().context.view.trace).toHaveLength(0);
  });
});
