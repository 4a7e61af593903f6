import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import type { Actor } from 'xstate';
import type { RunSnapshot } from '../../sim/flow/runView';
import type { RunConfig } from '../../sim/flow/simulation';
import { playerMachine } from './playerMachine';
import type { PlayerInput } from './playerMachine';
import { playerView, selectedSeq } from './runView';

const config: RunConfig = { seed: 'demo', scenario: 'first-connection', registration: 'dcr' };

type Player = Actor<typeof playerMachine>;

async function start(input: Partial<PlayerInput> = {}, delay = 1): Promise<Player> {
  const actor = createActor(playerMachine.provide({ delays: { autoplayDelay: delay } }), {
    input: { config, ...input },
  });
  actor.start();
  await waitFor(actor, (s) => s.matches('ready'));
  return actor;
}

/** The run the player shows: its own actor, read directly. */
function runOf(player: Player) {
  const run = player.getSnapshot().context.run;
  if (!run) throw new Error('no run');
  return run;
}

/** Waits until the player is ready with a run that satisfies `test` (a reload puts a new run in). */
async function untilRun(player: Player, test: (s: RunSnapshot) => boolean): Promise<void> {
  await waitFor(player, (s) => s.matches('ready'));
  await waitFor(runOf(player), test, { timeout: 10000 });
}

const view = (player: Player) => playerView(player.getSnapshot());

describe('playerMachine', () => {
  it('is ready once the target is shown; the parties then build the next message on their own', async () => {
    const player = await start({ target: { kind: 'count', count: 3 } });
    expect(view(player).trace).toHaveLength(3);
    // Not waited for by the positioning (it would put off a deep link's first screen): the run
    // parks by itself, with nothing more shown.
    await untilRun(player, (s) => s.matches('parked'));
    expect(view(player).trace).toHaveLength(3);
  });

  it('steps on a Next pressed while the next message is still being built', async () => {
    const player = await start({ target: { kind: 'count', count: 3 } });
    player.send({ type: 'NEXT' });
    await untilRun(player, (s) => s.matches('parked') && s.context.trace.length === 4);
    expect(view(player).trace.map((e) => e.seq)).toEqual([0, 1, 2, 3]);
  });

  it('starts with nothing sent, and Next shows one message at a time', async () => {
    const player = await start();
    await untilRun(player, (s) => s.matches('parked'));
    player.send({ type: 'NEXT' });
    await untilRun(player, (s) => s.context.trace.length === 1);
    expect(view(player).trace.map((e) => e.stepId)).toEqual(['mcp-unauthenticated']);
    expect(selectedSeq(player.getSnapshot().context.selected, view(player))).toBe(0);
  });

  it('shows a ready message in the same transition as Next, with no busy state in between', async () => {
    const player = await start({ target: { kind: 'count', count: 3 } });
    await untilRun(player, (s) => s.matches('parked'));
    player.send({ type: 'NEXT' });
    const run = runOf(player).getSnapshot();
    expect(run.value).toBe('holding');
    expect(run.context.trace).toHaveLength(4);
    // The player itself holds no copy of the run: its view is the run's.
    expect(view(player).trace).toBe(run.context.trace);
  });

  it('finishes once the run has ended after its last message', async () => {
    const player = await start({ target: { kind: 'count', count: 31 } });
    for (let i = 0; i < 2; i++) {
      await untilRun(player, (s) => s.matches('parked'));
      player.send({ type: 'NEXT' });
    }
    expect(view(player).trace).toHaveLength(33);
    await untilRun(player, (s) => s.matches('finished'));
    expect(view(player).trace.at(-1)?.stepId).toBe('flow-ended');
    expect(view(player).outcome?.kind).toBe('success');
  });

  it('waits for the consent decision, nudges on Next, and continues after Approve', async () => {
    const player = await start({ target: { kind: 'count', count: 14 } });
    player.send({ type: 'NEXT' });
    // The browser window opens with the consent page itself, without another Next.
    await untilRun(player, (s) => s.matches('awaitingConsent'));
    expect(view(player).trace.at(-1)).toMatchObject({ stepId: 'authorize', kind: 'response' });
    expect(view(player).consent?.scopes).toEqual(['files:read']);
    player.send({ type: 'NEXT' });
    expect(player.getSnapshot().context.nudges).toBe(1);
    expect(player.getSnapshot().context.notice).toMatch(/Approve or Deny/);
    player.send({ type: 'ANSWER', decision: 'approve' });
    await untilRun(player, (s) => s.matches('parked'));
    expect(view(player).trace.at(-1)).toMatchObject({ stepId: 'user-consent', title: 'The user approves' });
  });

  it('goes back one message by replay, and asks for consent again when going back before it', async () => {
    const player = await start({ target: { kind: 'count', count: 17 } });
    const before = view(player).trace;
    expect(before.at(-1)?.stepId).toBe('consent-decision');
    player.send({ type: 'BACK' });
    await untilRun(player, (s) => s.matches('parked') && s.context.trace.length === 16);
    expect(JSON.stringify(view(player).trace)).toBe(JSON.stringify(before.slice(0, 16)));
    player.send({ type: 'BACK' });
    await untilRun(player, (s) => s.matches('awaitingConsent'));
    expect(view(player).trace).toHaveLength(15);
  });

  it('runs to the end and finishes with the outcome', async () => {
    const player = await start();
    player.send({ type: 'RUN_TO_END' });
    await untilRun(player, (s) => s.matches('finished'));
    expect(view(player).outcome?.kind).toBe('success');
    expect(view(player).trace.at(-1)?.stepId).toBe('flow-ended');
  });

  it('autoplays until the consent page, then resumes after the decision', async () => {
    const player = await start();
    player.send({ type: 'PLAY' });
    await untilRun(player, (s) => s.matches('awaitingConsent'));
    expect(player.getSnapshot().context.autoplay).toBe(true);
    player.send({ type: 'ANSWER', decision: 'deny' });
    await untilRun(player, (s) => s.matches('finished'));
    expect(view(player).outcome).toMatchObject({ kind: 'denied', error: 'access_denied' });
    expect(player.getSnapshot().context.autoplay).toBe(false);
  });

  it('pauses autoplay', async () => {
    const player = await start({}, 10000);
    player.send({ type: 'PLAY' });
    expect(player.getSnapshot().matches({ ready: 'autoplay' })).toBe(true);
    player.send({ type: 'PAUSE' });
    expect(player.getSnapshot().matches({ ready: 'manual' })).toBe(true);
    expect(player.getSnapshot().context.autoplay).toBe(false);
    expect(view(player).trace).toHaveLength(0);
  });

  it('positions a deep link at the first event of a step and part', async () => {
    const player = await start({ target: { kind: 'step', step: 'token', part: 'response' } });
    const trace = view(player).trace;
    expect(trace.at(-1)).toMatchObject({ stepId: 'token', kind: 'response' });
    expect(trace.filter((e) => e.stepId === 'user-consent')).toHaveLength(1);
  });

  it('starts over with a notice when the deep-linked step does not occur', async () => {
    const player = await start({
      config: { ...config, registration: 'cimd' },
      target: { kind: 'step', step: 'dcr' },
    });
    expect(view(player).trace).toHaveLength(0);
    expect(player.getSnapshot().context.notice).toMatch(/does not happen/);
  });

  it('restarts with a new configuration, and selects only messages that exist', async () => {
    const player = await start({ target: { kind: 'count', count: 5 } });
    player.send({ type: 'SELECT', seq: 2 });
    expect(player.getSnapshot().context.selected).toBe(2);
    player.send({ type: 'SELECT', seq: 40 });
    expect(player.getSnapshot().context.selected).toBe(2);
    const first = runOf(player);
    player.send({
      type: 'LOAD',
      config: { ...config, scenario: 'client-credentials' },
      target: { kind: 'count', count: 0 },
    });
    await untilRun(player, (s) => s.matches('parked'));
    expect(runOf(player)).not.toBe(first);
    // The old run is stopped: it is not left playing in the background.
    expect(first.getSnapshot().status).toBe('stopped');
    expect(player.getSnapshot().context.config.scenario).toBe('client-credentials');
    expect(view(player).trace).toHaveLength(0);
    expect(player.getSnapshot().context.selected).toBeNull();
  });

  it('the run is a child in the player’s actor system', async () => {
    const player = await start();
    expect(Object.values(player.getSnapshot().children)).toContain(runOf(player));
  });
});
