/**
 * A run of the simulator, as one actor: the only owner of what the run is and where it stands.
 * The parties play live: each one builds its next message and waits in the recorder until the run
 * lets it through (a SteppingPacer), so every message is produced by its party, from the state the
 * world is in, just before it is shown. The run is
 *
 * - `advancing` towards a goal (a number of messages), the parties working;
 * - `settling`: the goal is shown, and the parties go on until they wait again;
 * - `parked`: a party waits to send the next message; Next shows it (at once, when it is built);
 * - `holding`: a message was revealed at once; its party waits for `RESUME` (the UI sends it once
 *   the new arrow is on screen, so that the work towards the next message does not delay drawing it);
 * - `awaitingConsent`: the browser shows the consent page and waits for the learner;
 * - `finished` (or `failed`).
 *
 * It emits `message` when new messages are shown, and `parked`, `consent` and `finished` when it
 * stops, so that a player, a test or a presenter window can follow it without copying its state.
 * Going back is a fresh run of the same seed and consent answers, which is exact because the world is
 * deterministic (one seed, one run: src/sim/world/random.ts).
 */
import { assign, emit, fromCallback, fromPromise, setup } from 'xstate';
import type { AttackReport } from '../attacks/run';
import type { Decision } from '../browser/browser';
import type { ConsentPrompt } from '../servers/auth/consentPage';
import { SteppingPacer } from '../trace/recorder';
import type { TraceEvent } from '../trace/types';
import type { World } from '../world/world';
import type { FlowOutcome } from './flowMachine';
import { defaultDecision, prepareRun } from './simulation';
import type { RunConfig, RunResult } from './simulation';

export interface RunInput {
  config: RunConfig;
  /** Consent decisions made so far, in order: replayed, never asked again. */
  decisions?: Decision[];
  /** When true, an unanswered consent page gets the run's default answer instead of the learner's. */
  autoConsent?: boolean;
}

/**
 * The run's machinery, which the parties use while they play: the pacer they wait in, the consent
 * question the browser is waiting on, and the consent answers (replayed first, then the new ones).
 * Only the run's own actions touch it; what the outside sees is the context.
 */
interface Engine {
  world: World;
  pacer: SteppingPacer;
  start: () => Promise<RunResult>;
  /** Every consent answer of this run, in order: the replayed ones first. */
  decisions: Decision[];
  /** After Run to end, an unanswered consent page gets the run's default answer. */
  autoConsent: boolean;
  /** How many consent pages the browser has shown so far. */
  asked: number;
  /** Resolves the browser's pending consent question. */
  pending: ((decision: Decision) => void) | null;
  /** How the parties reach the run actor (set when its watcher starts; queued until then). */
  send: (event: RunInternalEvent) => void;
  queue: RunInternalEvent[];
}

export interface RunContext {
  config: RunConfig;
  /** The messages shown so far (a new array whenever it grows). */
  trace: readonly TraceEvent[];
  consent: ConsentPrompt | null;
  decisions: Decision[];
  outcome: FlowOutcome | null;
  attack: AttackReport | null;
  error: string | null;
  /** How many messages may be shown; the parties wait at this one. */
  goal: number;
  engine: Engine;
}

type RunInternalEvent =
  { type: 'run.recorded' } | { type: 'run.blocked' } | { type: 'run.consent'; prompt: ConsentPrompt };

export type RunEvent =
  | RunInternalEvent
  | { type: 'NEXT' }
  | { type: 'RESUME' }
  | { type: 'ADVANCE_TO'; count: number }
  | { type: 'RUN_TO_END' }
  | { type: 'ANSWER'; decision: Decision };

export type RunEmitted =
  | { type: 'message'; count: number }
  | { type: 'parked' }
  | { type: 'consent'; prompt: ConsentPrompt }
  | { type: 'finished' };

function createEngine(input: RunInput): Engine {
  const pacer = new SteppingPacer(0);
  const engine: Engine = {
    world: undefined as unknown as World,
    pacer,
    start: () => Promise.reject(new Error('not prepared')),
    decisions: [...(input.decisions ?? [])],
    autoConsent: input.autoConsent ?? false,
    asked: 0,
    pending: null,
    queue: [],
    send: (event) => engine.queue.push(event),
  };
  const run = prepareRun(input.config, {
    pacer,
    decide: (prompt) => {
      // Answers already given are replayed (Back, links); otherwise the learner (or the default) decides.
      const known = engine.decisions[engine.asked];
      engine.asked++;
      if (known) return Promise.resolve(known);
      if (engine.autoConsent) {
        const decision = defaultDecision(input.config, prompt);
        engine.decisions.push(decision);
        return Promise.resolve(decision);
      }
      return new Promise<Decision>((resolve) => {
        engine.pending = resolve;
        engine.send({ type: 'run.consent', prompt });
      });
    },
  });
  engine.world = run.world;
  engine.start = run.start;
  return engine;
}

/** The messages and answers as the parties left them: new arrays only where they grew. */
const synced = (context: RunContext): Pick<RunContext, 'trace' | 'decisions'> => {
  const { world, decisions } = context.engine;
  return {
    trace: world.recorder.events.length === context.trace.length ? context.trace : [...world.recorder.events],
    decisions: decisions.length === context.decisions.length ? context.decisions : [...decisions],
  };
};

export const runMachine = setup({
  types: {
    context: {} as RunContext,
    events: {} as RunEvent,
    input: {} as RunInput,
    emitted: {} as RunEmitted,
  },
  actors: {
    /** Relays what the parties do (a recorded message, a party waiting, a consent page) to the run. */
    watch: fromCallback<RunEvent, { engine: Engine }>(({ input, sendBack }) => {
      const { engine } = input;
      engine.send = sendBack;
      for (const event of engine.queue.splice(0)) sendBack(event);
      engine.pacer.onBlock = () => sendBack({ type: 'run.blocked' });
      const unsubscribe = engine.world.recorder.subscribe(() => sendBack({ type: 'run.recorded' }));
      return () => {
        unsubscribe();
        engine.pacer.onBlock = null;
      };
    }),
    play: fromPromise<RunResult, { engine: Engine }>(({ input }) => input.engine.start()),
  },
  guards: {
    goalShown: ({ context }) => context.engine.world.recorder.events.length >= context.goal,
    waiting: ({ context }) => context.engine.pacer.isBlocked && !context.engine.pacer.isHolding,
    /** The next message is built and its party waits only for Next. */
    nextIsReady: ({ context }) => {
      const count = context.engine.world.recorder.events.length;
      return context.engine.pacer.currentLimit === count && context.engine.pacer.isWaiting(count);
    },
  },
  actions: {
    showRecorded: assign(({ context }) => synced(context)),
    emitMessage: emit(({ context }) => ({ type: 'message' as const, count: context.trace.length })),
    /** Lets the parties go on to `goal` (and releases a party held by a reveal). */
    permit: ({ context }) => {
      context.engine.pacer.release();
      context.engine.pacer.setLimit(Math.max(context.engine.pacer.currentLimit, context.goal));
    },
    reveal: ({ context }) => {
      context.engine.pacer.reveal();
    },
    release: ({ context }) => context.engine.pacer.release(),
    /** The learner's answer (or the default, on Run to end), to the question the browser waits on. */
    answer: ({ context }, decision: Decision) => {
      const { engine } = context;
      const resolve = engine.pending;
      if (!resolve) return;
      engine.pending = null;
      engine.decisions.push(decision);
      resolve(decision);
    },
    autoConsent: ({ context }) => {
      context.engine.autoConsent = true;
    },
  },
}).createMachine({
  id: 'run',
  context: ({ input }) => ({
    config: input.config,
    trace: [],
    consent: null,
    decisions: [...(input.decisions ?? [])],
    outcome: null,
    attack: null,
    error: null,
    goal: 0,
    engine: createEngine(input),
  }),
  invoke: [
    { id: 'watch', src: 'watch', input: ({ context }) => ({ engine: context.engine }) },
    {
      id: 'play',
      src: 'play',
      input: ({ context }) => ({ engine: context.engine }),
      onDone: {
        target: '.finished',
        actions: assign(({ context, event }) => ({
          ...synced(context),
          outcome: event.output.outcome,
          attack: event.output.attack ?? null,
          consent: null,
        })),
      },
      onError: {
        target: '.failed',
        actions: assign(({ context, event }) => ({
          ...synced(context),
          error: event.error instanceof Error ? event.error.message : String(event.error),
        })),
      },
    },
  ],
  initial: 'settling',
  on: {
    'run.consent': {
      target: '.awaitingConsent',
      actions: [
        assign(({ context, event }) => ({ ...synced(context), consent: event.prompt })),
        emit(({ event }) => ({ type: 'consent' as const, prompt: event.prompt })),
      ],
    },
    ADVANCE_TO: {
      target: '.advancing',
      actions: [assign({ goal: ({ context, event }) => Math.max(context.goal, event.count) }), 'permit'],
    },
    RUN_TO_END: {
      target: '.advancing',
      actions: [assign({ goal: Number.POSITIVE_INFINITY }), 'autoConsent', 'permit'],
    },
  },
  states: {
    advancing: {
      always: { guard: 'goalShown', target: 'settling', actions: ['showRecorded', 'emitMessage'] },
      on: {
        'run.recorded': { guard: 'goalShown', target: 'settling', actions: ['showRecorded', 'emitMessage'] },
      },
    },
    settling: {
      always: { guard: 'waiting', target: 'parked' },
      on: {
        'run.blocked': { guard: 'waiting', target: 'parked' },
        NEXT: {
          target: 'advancing',
          actions: [assign({ goal: ({ context }) => context.trace.length + 1 }), 'permit'],
        },
      },
    },
    parked: {
      entry: emit({ type: 'parked' }),
      on: {
        NEXT: [
          {
            // Shown in this very transition: the party already built it.
            guard: 'nextIsReady',
            target: 'holding',
            actions: [
              assign({ goal: ({ context }) => context.trace.length + 1 }),
              'reveal',
              'showRecorded',
              'emitMessage',
            ],
          },
          {
            target: 'advancing',
            actions: [assign({ goal: ({ context }) => context.trace.length + 1 }), 'permit'],
          },
        ],
      },
    },
    holding: {
      on: {
        RESUME: { target: 'settling', actions: 'release' },
        // Next again before the screen caught up: go on to the message after it.
        NEXT: {
          target: 'advancing',
          actions: [assign({ goal: ({ context }) => context.trace.length + 1 }), 'permit'],
        },
        'run.recorded': { actions: 'showRecorded' },
      },
    },
    awaitingConsent: {
      on: {
        ANSWER: {
          target: 'advancing',
          actions: [
            { type: 'answer', params: ({ event }) => event.decision },
            // The click is a step: the decision is shown at once.
            assign(({ context }) => ({ ...synced(context), consent: null, goal: context.trace.length + 1 })),
            'permit',
          ],
        },
        RUN_TO_END: {
          target: 'advancing',
          actions: [
            'autoConsent',
            {
              type: 'answer',
              params: ({ context }) =>
                context.consent ? defaultDecision(context.config, context.consent) : 'approve',
            },
            assign(({ context }) => ({ ...synced(context), consent: null, goal: Number.POSITIVE_INFINITY })),
            'permit',
          ],
        },
        NEXT: {},
        ADVANCE_TO: {},
      },
    },
    finished: { entry: emit({ type: 'finished' }), on: { NEXT: {}, ADVANCE_TO: {}, RUN_TO_END: {} } },
    failed: { on: { NEXT: {}, ADVANCE_TO: {}, RUN_TO_END: {} } },
  },
});
