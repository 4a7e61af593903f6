/**
 * Playback: which state the learner's run is in (idle, playing, paused, awaiting the consent
 * decision, finished) and the stepper that produces the messages. The stepper does the
 * simulation; this machine only decides when to ask it for the next message (DESIGN.md
 * principle 3: modes are states, data is context).
 */
import { assign, not, setup } from 'xstate';
import { afterNextPaint } from './afterNextPaint';
import { playerActors, viewOf } from './actors';
import { decisionsBefore } from './positioning';
import type { Target } from './positioning';
import { EMPTY_VIEW, recordedView, SPEEDS } from './types';
import type { PlayerContext, PlayerEvent, PlayerInput, View } from './types';

export { EMPTY_VIEW, SPEEDS } from './types';
export type { PlayerContext, PlayerEvent, PlayerInput, Speed, View } from './types';

/**
 * Next (or autoplay's tick) when the next message is ready: shown in this very transition (see the
 * revealNext action); otherwise the transition after this one waits for the simulation.
 */
const REVEAL_NEXT = {
  guard: 'nextIsReady',
  target: '#player.route',
  actions: [
    'revealNext',
    {
      type: 'show',
      params: ({ context }: { context: PlayerContext }) =>
        context.stepper ? viewOf(context.stepper) : context.view,
    },
  ],
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
    hasConsent: ({ context }) => context.view.consent !== null,
    isFinished: ({ context }) => context.view.finished,
    isAutoplay: ({ context }) => context.autoplay,
    isEmpty: ({ context }) => context.view.trace.length === 0,
    canGoBack: ({ context }) => context.view.trace.length > 0,
    nextIsReady: ({ context }) => context.stepper?.nextIsReady ?? false,
    isRecorded: ({ context }) => context.recorded !== null,
  },
  actions: {
    /**
     * Next, when the next message is already built (its party waits to send it): shows it in this
     * very transition, without a busy state in between, and lets the parties go on once it is drawn.
     */
    revealNext: ({ context }) => {
      const stepper = context.stepper;
      if (stepper?.revealNext()) afterNextPaint(() => stepper.resume());
    },
    show: assign(({ context }, view: View) => ({
      view,
      selected: view.trace.at(-1)?.seq ?? null,
      notice: null,
      decisions: context.stepper ? [...context.stepper.decisions] : context.decisions,
    })),
    stopAutoplay: assign({ autoplay: false }),
    fail: assign((_, error: unknown) => ({
      error: error instanceof Error ? error.message : String(error),
      autoplay: false,
    })),
    prepareBack: assign(({ context }) => {
      const count = context.view.trace.length - 1;
      const made = context.stepper?.decisions ?? context.decisions;
      const target: Target = { kind: 'count', count };
      return {
        target,
        decisions: decisionsBefore(context.view.trace, count, made),
        autoplay: false,
      };
    }),
    nudge: assign(({ context }) => ({
      nudges: context.nudges + 1,
      notice: 'The browser window is waiting for your decision: choose Approve or Deny.',
    })),
  },
}).createMachine({
  id: 'player',
  context: ({ input }) => ({
    config: input.config,
    recorded: input.recorded ?? null,
    target: input.target ?? { kind: 'count', count: 0 },
    decisions: input.decisions ?? [],
    core: null,
    stepper: null,
    view: input.recorded ? recordedView(input.recorded) : EMPTY_VIEW,
    // A recording opens on its first message that broke a rule, if any.
    selected:
      input.recorded?.find(
        (e) => (e.kind === 'request' || e.kind === 'response') && e.checks?.some((c) => c.status === 'fail'),
      )?.seq ?? null,
    speed: input.speed ?? 'normal',
    autoplay: false,
    nudges: 0,
    notice: null,
    error: null,
  }),
  initial: 'start',
  on: {
    LOAD: {
      guard: not('isRecorded'),
      target: '.loading',
      reenter: true,
      actions: assign(({ event }) => ({
        config: event.config,
        target: event.target,
        decisions: event.decisions ?? [],
        autoplay: false,
      })),
    },
    RESET: {
      guard: not('isRecorded'),
      target: '.loading',
      reenter: true,
      actions: assign(() => {
        const target: Target = { kind: 'count', count: 0 };
        return { target, decisions: [], autoplay: false };
      }),
    },
    SELECT: {
      guard: ({ context, event }) => context.view.trace.some((e) => e.seq === event.seq),
      actions: assign({ selected: ({ event }) => event.seq }),
    },
    SET_SPEED: { actions: assign({ speed: ({ event }) => event.speed }) },
  },
  states: {
    start: {
      always: [{ guard: 'isRecorded', target: 'recorded' }, { target: 'loading' }],
    },
    // A recorded trace: all of it at once; messages can be selected, nothing is stepped.
    recorded: {
      invoke: {
        src: 'loadCore',
        onDone: { actions: assign({ core: ({ event }) => event.output }) },
        onError: {
          target: 'failed',
          actions: { type: 'fail', params: ({ event }: { event: { error: unknown } }) => event.error },
        },
      },
    },
    loading: {
      entry: assign({ error: null }),
      invoke: {
        src: 'position',
        input: ({ context }) => ({
          config: context.config,
          target: context.target,
          decisions: context.decisions,
        }),
        onDone: {
          target: 'route',
          actions: assign(({ event }) => ({
            core: event.output.core,
            stepper: event.output.stepper,
            view: event.output.view,
            selected: event.output.view.trace.at(-1)?.seq ?? null,
            notice: event.output.notice,
            decisions: [...event.output.stepper.decisions],
          })),
        },
        onError: {
          target: 'failed',
          actions: { type: 'fail', params: ({ event }: { event: { error: unknown } }) => event.error },
        },
      },
    },
    // Decides where to rest after anything changed the run.
    route: {
      always: [
        { guard: 'hasConsent', target: 'awaitingConsent' },
        { guard: 'isFinished', target: 'finished' },
        { guard: 'isAutoplay', target: 'playing.waiting' },
        { guard: 'isEmpty', target: 'idle' },
        { target: 'paused' },
      ],
    },
    idle: {
      on: { NEXT: [REVEAL_NEXT, { target: 'stepping' }], PLAY: 'playing', RUN_TO_END: 'running' },
    },
    paused: {
      invoke: { src: 'watchRun', input: ({ context }) => ({ stepper: context.stepper }) },
      on: {
        'STEPPER.STOPPED': { target: 'route', actions: { type: 'show', params: ({ event }) => event.view } },
        NEXT: [REVEAL_NEXT, { target: 'stepping' }],
        PLAY: 'playing',
        RUN_TO_END: 'running',
        BACK: { guard: 'canGoBack', target: 'loading', actions: 'prepareBack' },
      },
    },
    stepping: {
      invoke: {
        src: 'advance',
        input: ({ context }) => ({ stepper: context.stepper }),
        onDone: { target: 'route', actions: { type: 'show', params: ({ event }) => event.output } },
        onError: {
          target: 'failed',
          actions: { type: 'fail', params: ({ event }: { event: { error: unknown } }) => event.error },
        },
      },
    },
    playing: {
      entry: assign({ autoplay: true }),
      initial: 'advancing',
      states: {
        advancing: {
          invoke: {
            src: 'advance',
            input: ({ context }) => ({ stepper: context.stepper }),
            onDone: {
              target: '#player.route',
              actions: { type: 'show', params: ({ event }) => event.output },
            },
            onError: {
              target: '#player.failed',
              actions: { type: 'fail', params: ({ event }: { event: { error: unknown } }) => event.error },
            },
          },
        },
        waiting: {
          invoke: { src: 'watchRun', input: ({ context }) => ({ stepper: context.stepper }) },
          after: { autoplayDelay: [REVEAL_NEXT, { target: 'advancing' }] },
          on: {
            NEXT: [REVEAL_NEXT, { target: 'advancing' }],
            'STEPPER.STOPPED': {
              target: '#player.route',
              actions: { type: 'show', params: ({ event }) => event.view },
            },
          },
        },
      },
      on: {
        PAUSE: { target: 'paused', actions: 'stopAutoplay' },
        RUN_TO_END: { target: 'running', actions: 'stopAutoplay' },
        BACK: { guard: 'canGoBack', target: 'loading', actions: 'prepareBack' },
      },
    },
    awaitingConsent: {
      on: {
        ANSWER: 'answering',
        NEXT: { actions: 'nudge' },
        PLAY: { actions: [assign({ autoplay: true }), 'nudge'] },
        PAUSE: { actions: 'stopAutoplay' },
        RUN_TO_END: { target: 'running', actions: 'stopAutoplay' },
        BACK: { guard: 'canGoBack', target: 'loading', actions: 'prepareBack' },
      },
    },
    answering: {
      invoke: {
        src: 'answer',
        input: ({ context, event }) => ({
          stepper: context.stepper,
          decision: event.type === 'ANSWER' ? event.decision : 'approve',
        }),
        onDone: { target: 'route', actions: { type: 'show', params: ({ event }) => event.output } },
        onError: {
          target: 'failed',
          actions: { type: 'fail', params: ({ event }: { event: { error: unknown } }) => event.error },
        },
      },
    },
    running: {
      invoke: {
        src: 'runToEnd',
        input: ({ context }) => ({ stepper: context.stepper }),
        onDone: { target: 'route', actions: { type: 'show', params: ({ event }) => event.output } },
        onError: {
          target: 'failed',
          actions: { type: 'fail', params: ({ event }: { event: { error: unknown } }) => event.error },
        },
      },
    },
    finished: {
      entry: 'stopAutoplay',
      on: {
        BACK: { guard: 'canGoBack', target: 'loading', actions: 'prepareBack' },
        NEXT: {
          actions: assign({ notice: 'The flow has ended. Go Back to review it, or Reset to start again.' }),
        },
      },
    },
    failed: {},
  },
});
