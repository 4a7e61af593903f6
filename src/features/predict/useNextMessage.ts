/**
 * The message Next is about to show, with the messages shown before it, while the run is parked
 * with it ready (peekNext, src/sim/flow/runView.ts); null while the run moves, waits for consent or
 * has ended. Followed from the run actor and applied after the next paint: the frame that draws a
 * new arrow draws nothing else (README, "The frame after Next").
 */
import { useEffect, useState } from 'react';
import { afterNextPaint } from '../../run/player/afterNextPaint';
import { PlayerContext } from '../../run/player/PlayerContext';
import { peekNext } from '../../sim/flow/runView';
import type { RunSnapshot } from '../../sim/flow/runView';
import type { NewTraceEvent, TraceEvent } from '../../sim/trace/types';

export interface NextMessage {
  shown: readonly TraceEvent[];
  next: NewTraceEvent;
}

function nextOf(snapshot: RunSnapshot): NextMessage | null {
  const next = peekNext(snapshot);
  return next ? { shown: snapshot.context.trace, next } : null;
}

export function useNextMessage(): NextMessage | null {
  const run = PlayerContext.useSelector((s) => s.context.run);
  const [value, setValue] = useState<NextMessage | null>(null);
  useEffect(() => {
    if (!run) return undefined;
    let cancel = () => undefined as void;
    const follow = (snapshot: RunSnapshot) => {
      const found = nextOf(snapshot);
      cancel();
      cancel = afterNextPaint(() =>
        setValue((before) =>
          before?.next === found?.next && before?.shown === found?.shown ? before : found,
        ),
      );
    };
    follow(run.getSnapshot());
    const subscription = run.subscribe(follow);
    return () => {
      subscription.unsubscribe();
      cancel();
    };
  }, [run]);
  return value;
}
