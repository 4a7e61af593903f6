/**
 * The next message, for the speaker's eyes only. The audience screen never names a message before
 * it happens (the run produces it live), but the world is deterministic: replaying the same seed
 * and consent answers one message further gives exactly what Next will show.
 */
import { useEffect, useState } from 'react';
import type { StepId } from '../../sim/steps';
import { loadCore } from '../../run/core/loadCore';
import { messageLabel, routeText, stepText } from '../../run/trace/describe';
import type { PresenterState } from './channel';

export type Preview =
  | { kind: 'message'; stepId: StepId; title: string; label: string; route: string }
  | { kind: 'consent' }
  | { kind: 'end' }
  | { kind: 'loading' };

export async function computePreview(state: PresenterState): Promise<Preview> {
  if (state.finished) return { kind: 'end' };
  if (state.consent) return { kind: 'consent' };
  const core = await loadCore();
  const stepper = await core.stepperAt(state.config, state.count + 1, state.decisions);
  const next = stepper.trace[state.count];
  if (next) {
    return {
      kind: 'message',
      stepId: next.stepId,
      title: stepText(next).title,
      label: messageLabel(next),
      route: routeText(next),
    };
  }
  return stepper.snapshot().consent ? { kind: 'consent' } : { kind: 'end' };
}

/** The preview for the latest state; a newer state cancels an older computation. */
export function useNextPreview(state: PresenterState | null): Preview {
  const [preview, setPreview] = useState<{ for: PresenterState | null; value: Preview }>({
    for: null,
    value: { kind: 'loading' },
  });
  useEffect(() => {
    if (!state) return;
    let live = true;
    // Autoplay or a held key sends states quickly: compute only once they pause.
    const timer = window.setTimeout(() => {
      computePreview(state).then(
        (value) => live && setPreview({ for: state, value }),
        () => live && setPreview({ for: state, value: { kind: 'end' } }),
      );
    }, 120);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [state]);
  return preview.for === state ? preview.value : { kind: 'loading' };
}
