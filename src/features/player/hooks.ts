/** Small, focused selectors over the player, so each component re-renders only for what it shows. */
import type { TraceEvent } from '../../sim/trace/types';
import { PlayerContext } from './PlayerContext';
import type { PlayerEvent, View } from './playerMachine';

export type PlayerStatus =
  'loading' | 'idle' | 'paused' | 'busy' | 'playing' | 'awaitingConsent' | 'finished' | 'failed';

const STATUS_OF: Partial<Record<string, PlayerStatus>> = {
  loading: 'loading',
  idle: 'idle',
  paused: 'paused',
  playing: 'playing',
  awaitingConsent: 'awaitingConsent',
  finished: 'finished',
  // A recording has nothing more to show: as finished as a run can be.
  recorded: 'finished',
  failed: 'failed',
};

export function usePlayerStatus(): PlayerStatus {
  // From the top-level state's name (`playing` is a parent state): the same as `matches`, which
  // parses its argument each time, for every reader, on every change of the player.
  return PlayerContext.useSelector((s) => {
    const top = typeof s.value === 'string' ? s.value : Object.keys(s.value)[0];
    return (top === undefined ? undefined : STATUS_OF[top]) ?? 'busy';
  });
}

export function useView(): View {
  return PlayerContext.useSelector((s) => s.context.view);
}

export function useTrace(): readonly TraceEvent[] {
  return PlayerContext.useSelector((s) => s.context.view.trace);
}

/** The newest message: the step the learner is on. */
export function useCurrentEvent(): TraceEvent | null {
  return PlayerContext.useSelector((s) => s.context.view.trace.at(-1) ?? null);
}

export function useSelectedSeq(): number | null {
  return PlayerContext.useSelector((s) => s.context.selected);
}

export function useSelectedEvent(): TraceEvent | null {
  return PlayerContext.useSelector((s) => {
    const { selected, view } = s.context;
    return selected === null ? null : (view.trace.find((e) => e.seq === selected) ?? null);
  });
}

export function useSend(): (event: PlayerEvent) => void {
  return PlayerContext.useActorRef().send;
}
