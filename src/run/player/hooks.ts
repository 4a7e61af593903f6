/**
 * Small, focused selectors over the player and its run, so each component re-renders only for what
 * it shows. The run's facts are read from the run actor itself (`useRun`), never from a copy.
 */
import { useSelector } from '@xstate/react';
import type { ActorRef, Snapshot } from 'xstate';
import type { RunSnapshot } from '../../sim/flow/runView';
import type { TraceEvent } from '../../sim/trace/types';
import { PlayerContext } from './PlayerContext';
import type { PlayerEvent, View } from './playerMachine';
import { selectedSeq, viewOf } from './runView';

export type PlayerStatus =
  'loading' | 'idle' | 'paused' | 'busy' | 'playing' | 'awaitingConsent' | 'finished' | 'failed';

/** Selects from the run the player shows (undefined while none is loaded). */
export function useRun<T>(
  selector: (snapshot: RunSnapshot | undefined) => T,
  compare?: (a: T, b: T) => boolean,
): T {
  const run = PlayerContext.useSelector((s) => s.context.run);
  return useSelector(run ?? undefined, selector, compare);
}

/** Equal when every field is: for selectors that return a small object of values. */
export function shallowEqual<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}

/** Where the run stands, for the controls: from the run's own state, and the player's autoplay. */
export function usePlayerStatus(): PlayerStatus {
  const player = PlayerContext.useSelector((s) => {
    if (s.matches('recorded')) return 'recorded';
    if (s.matches('ready')) return s.context.autoplay ? 'playing' : 'ready';
    return s.matches('failed') ? 'failed' : 'loading';
  });
  const run = useRun((s): PlayerStatus | null => {
    if (!s) return null;
    if (s.matches('failed')) return 'failed';
    if (s.matches('finished')) return 'finished';
    if (s.matches('awaitingConsent')) return 'awaitingConsent';
    if (s.matches('advancing')) return 'busy';
    return s.context.trace.length === 0 ? 'idle' : 'paused';
  });
  // A recording has nothing more to show: as finished as a run can be.
  if (player === 'recorded') return 'finished';
  if (player === 'loading' || player === 'failed') return player;
  if (run === null) return 'loading';
  if (player === 'playing' && (run === 'paused' || run === 'busy' || run === 'idle')) return 'playing';
  return run;
}

/** What the screen shows: a recorded trace, if the player holds one, else its run. */
export function useView(): View {
  const recorded = PlayerContext.useSelector((s) => s.context.recorded);
  const live = useRun(viewOf);
  return recorded ?? live;
}

export function useTrace(): readonly TraceEvent[] {
  return useView().trace;
}

/** The newest message: the step the learner is on. */
export function useCurrentEvent(): TraceEvent | null {
  return useView().trace.at(-1) ?? null;
}

export function useSelectedSeq(): number | null {
  const selected = PlayerContext.useSelector((s) => s.context.selected);
  const view = useView();
  return selectedSeq(selected, view);
}

export function useSelectedEvent(): TraceEvent | null {
  const seq = useSelectedSeq();
  const trace = useTrace();
  return seq === null ? null : (trace.find((e) => e.seq === seq) ?? null);
}

export function useSend(): (event: PlayerEvent) => void {
  // Seen through the ActorRef interface, whose `send` is a function property: xstate binds it to the
  // actor, so it may be handed on detached.
  const actor: ActorRef<Snapshot<unknown>, PlayerEvent> = PlayerContext.useActorRef();
  return actor.send;
}
