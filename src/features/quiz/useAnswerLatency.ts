/**
 * How long the learner took to answer the question on screen, for a learning platform's record
 * (SCORM `latency`, xAPI `result.duration`): the clock starts when `shown` (the question, or the
 * attempt) changes, and the returned function reads it at the answer.
 */
import { useCallback, useEffect, useRef } from 'react';

export function useAnswerLatency(shown: unknown, now: () => number = Date.now): () => number {
  const shownAt = useRef(0);
  useEffect(() => {
    shownAt.current = now();
  }, [shown, now]);
  return useCallback(() => Math.max(0, now() - shownAt.current), [now]);
}
