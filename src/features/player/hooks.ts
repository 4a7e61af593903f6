/** Small, focused selectors over the player, so each component re-renders only for what it shows. */
import type { TraceEvent } from '../../sim/trace/types';
import { PlayerContext } from './PlayerContext';
import type { PlayerEvent, View } from './playerMachine';

export type PlayerStatus =
  'loading' | 'idle' | 'paused' | 'busy' | 'playing' | 'awaitingConsent' | 'finished' | 'failed';

export function usePlayerStatus(): PlayerStatus {
  return PlayerContext.useSelector((s) => {
    if (s.matches('loading')) return 'loading';
    if (s.matches('idle')) return 'idle';
    if (s.matches('paused')) return 'paused';
    if (s.matches('playing')) return 'playing';
    if (s.matches('awaitingConsent')) return 'awaitingConsent';
    if (s.matches('finished')) return 'finished';
    if (s.matches('failed')) return 'failed';
    return 'busy';
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
