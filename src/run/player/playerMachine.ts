/**
 * The player: what the learner asks of the run (Next, Back, Autoplay, Run to end, a consent answer)
 * and what they look at (the selected message, the speed). The run itself is a child actor,
 * spawned in this actor system (`context.run`, src/sim/flow/run.ts): it alone knows where the run
 * stands (advancing, parked, awaiting consent, finished). The player keeps no copy of it; views read
 * the run, and the player follows the events it emits (parked, finished) to pace autoplay.
 */
import { assign, enqueueActions, not, setup } from 'xstate';
import type { RunRef } from '../../sim/flow/runView';
import { afterNextPaint } from './afterNextPaint';
import { playerActors } from './actors';
import { decisionsBefore } from './positioning';
import type { Target } from './positioning';
import { recordedView, SPEEDS } from './types';
import type { PlayerContext, PlayerEvent, PlayerInput } from './types';

export { EMPTY_VIEW, SPEEDS } from './types';
export type { PlayerContext, PlayerEvent, PlayerInput, Speed, View } from './types';

const runState = (context: PlayerContext) => context.run?.getSnapshot();

const FAIL = {
  target: '#player.failed',
  actions: { type: 'fail', params: ({ event }: { event: { error: unknown } }) => event.error },
} as const;

export const playerMachine = setup({
  types: {
    context: {} as PlayerContext,
    events: {} as PlayerEvent,
    input: {} as PlayerInput,
  },
  actors: playerActors,
  delays: {
    autoplayDelay: ({ context }) => SPEEDS[context.speed].ms,
  },
  guards: {
    hasCore: ({ context }) => context.core !== null,
    isRecorded: ({ context }) => context.recorded !== null,
    runAwaitsConsent: ({ context }) => runState(context)?.matches('awaitingConsent') ?? false,
    runFinished: ({ context }) =>
      (runState(context)?.matches('finished') || runState(context)?.matches('failed')) ?? false,
    runParked: ({ context }) => runState(context)?.matches('parked') ?? false,
    canGoBack: ({ context }) => (runState(context)?.context.trace.length ?? 0) > 0,
  },
  actions: {
    /**
     * Next: the run shows the next message, in this very transition when its party has built it
     * (run.ts `holding`); the parties go on once the new arrow is on screen.
     */
    next: ({ context }) => {
      const run = context.run;
      if (!run) return;
      run.send({ type: 'NEXT' });
      if (run.getSnapshot().matches('holding')) afterNextPaint(() => run.send({ type: 'RESUME' }));
    },
    runToEnd: ({ context }) => context.run?.send({ type: 'RUN_TO_END' }),
    answer: ({ context }, decision: 'approve' | 'deny') => context.run?.send({ type: 'ANSWER', decision }),
    /** A step puts the inspector back on the newest message. */
    followNewest: assign({ selected: null, notice: null }),
    stopRun: enqueueActions(({ context, enqueue }) => {
      if (context.run) enqueue.stopChild(context.run);
    }),
    /** A fresh run of the configuration, in this actor system, with the answers to replay. */
    spawnRun: assign({
      run: ({ context, spawn }): RunRef | null =>
        context.core
          ? spawn(context.core.runMachine, {
              input: { config: context.config, decisions: context.decisions },
            })
          : null,
      selected: null,
    }),
    prepareBack: assign(({ context }) => {
      const run = runState(context)?.context;
      const count = (run?.trace.length ?? 1) - 1;
      const target: Target = { kind: 'count', count };
      return {
        target,
        decisions: run ? decisionsBefore(run.trace, count, run.decisions) : context.decisions,
        autoplay: false,
      };
    }),
    fail: assign((_, error: unknown) => ({
      error: error instanceof Error ? error.message : String(error),
      autoplay: false,
    })),
    nudge: assign(({ context }) => ({
      nudges: context.nudges + 1,
      notice: 'The browser window is waiting for your decision: choose Approve or Deny.',
    })),
  },
}).createMachine({
  id: 'player',
  context: ({ input }) => ({
    config: input.config,
    target: input.target ?? { kind: 'count', count: 0 },
    decisions: input.decisions ?? [],
    recorded: input.recorded ? recordedView(input.recorded) : null,
    core: null,
    run: null,
    // A recording opens on its first message that broke a rule, if any.
    selected:
      input.recorded?.find(
        (e) => (e.kind === 'request' || e.kind === 'response') && e.checks?.some((c) => c.status === 'fail'),
      )?.seq ?? null,
    speed: input.speed ?? 'normal',
    autoplay: false,
    nudges: 0,
    notice: null,
    positionNotice: null,
    error: null,
  }),
  initial: 'start',
  on: {
    LOAD: {
      guard: not('isRecorded'),
      target: '.starting',
      actions: assign(({ event }) => ({
        config: event.config,
        target: event.target,
        decisions: event.decisions ?? [],
        autoplay: false,
      })),
    },
    RESET: {
      guard: not('isRecorded'),
      target: '.starting',
      actions: assign(() => {
        const target: Target = { kind: 'count', count: 0 };
        return { target, decisions: [], autoplay: false };
      }),
    },
    SELECT: {
      guard: ({ context, event }) =>
        (context.recorded?.trace ?? runState(context)?.context.trace ?? []).some((e) => e.seq === event.seq),
      actions: assign({ selected: ({ event }) => event.seq }),
    },
    SET_SPEED: { actions: assign({ speed: ({ event }) => event.speed }) },
  },
  states: {
    start: { always: [{ guard: 'isRecorded', target: 'recorded' }, { target: 'loading' }] },
    /**
     * A recorded trace: all of it at once; messages can be selected, nothing is stepped, so the
     * core is not needed here (the inspector reaches it through useCore).
     */
    recorded: {},
    /** The simulator core arrives after the first paint (a lazily loaded chunk). */
    loading: {
      entry: assign({ error: null }),
      invoke: {
        src: 'loadCore',
        onDone: { target: 'starting', actions: assign({ core: ({ event }) => event.output }) },
        onError: FAIL,
      },
    },
    starting: {
      always: [
        { guard: 'hasCore', target: 'positioning', actions: ['stopRun', 'spawnRun'] },
        { target: 'loading' },
      ],
    },
    positioning: {
      entry: assign({ error: null }),
      invoke: {
        src: 'position',
        input: ({ context }) => ({
          core: context.core,
          run: context.run,
          config: context.config,
          target: context.target,
        }),
        onDone: [
          {
            // The step does not occur: start afresh, and say why.
            guard: ({ event }) => event.output.notice !== null,
            target: 'ready',
            actions: [
              'stopRun',
              assign({ decisions: [] }),
              'spawnRun',
              assign({
                notice: ({ event }) => event.output.notice,
                positionNotice: ({ event }) => event.output.notice,
              }),
            ],
          },
          { target: 'ready', actions: assign({ notice: null, positionNotice: null }) },
        ],
        onError: FAIL,
      },
    },
    ready: {
      invoke: { src: 'followRun', input: ({ context }) => ({ run: context.run }) },
      initial: 'manual',
      on: {
        NEXT: [
          { guard: 'runAwaitsConsent', actions: 'nudge' },
          {
            guard: 'runFinished',
            actions: assign({ notice: 'The flow has ended. Go Back to review it, or Reset to start again.' }),
          },
          { actions: ['followNewest', 'next'] },
        ],
        ANSWER: { actions: ['followNewest', { type: 'answer', params: ({ event }) => event.decision }] },
        RUN_TO_END: { target: '.manual', actions: ['followNewest', 'runToEnd'] },
        BACK: { guard: 'canGoBack', target: 'starting', actions: 'prepareBack' },
        'RUN.FINISHED': { target: '.manual' },
      },
      states: {
        manual: {
          entry: assign({ autoplay: false }),
          on: {
            PLAY: [
              { guard: 'runAwaitsConsent', target: 'autoplay', actions: 'nudge' },
              { guard: 'runFinished' },
              { target: 'autoplay' },
            ],
          },
        },
        autoplay: {
          entry: assign({ autoplay: true }),
          // One message per delay: the timer starts again each time the run parks.
          after: { autoplayDelay: { guard: 'runParked', actions: ['followNewest', 'next'] } },
          on: {
            'RUN.PARKED': { target: 'autoplay', reenter: true },
            PAUSE: 'manual',
          },
        },
      },
    },
    failed: {},
  },
});
