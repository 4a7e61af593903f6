/**
 * The simulator beside the lesson (issue 16: on a wide screen a lesson left half the window empty).
 * On a screen wide enough for both, a lesson's "Try it" link opens the simulator in a pane next to
 * the text instead of leaving the lesson: the learner reads a step and plays it without losing their
 * place. The pane is the app itself in its embed mode (`embed=1`, no header), in an iframe of the
 * same origin, so it is the same simulator, keys and all, and its progress is the learner's.
 *
 * The embed's own "Open full simulator" takes the pane's run, at its step, to a tab of its own. Close
 * (or Escape on the pane's bar: inside the frame the simulator has the keys) gives focus back to the link.
 */
import { useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { DEFAULT_VIEW, hashWithView } from '../../run/view/view';

/** Wide enough for a readable column of text and a simulator of its own beside it. */
export const BESIDE_QUERY = '(min-width: 1400px)';

export function besideFits(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(BESIDE_QUERY).matches;
}

export interface Beside {
  /** The "Try it" link's hash route (`#/sim?…`). */
  href: string;
  /** The link's text: what the pane shows. */
  label: string;
}

/**
 * The page the pane loads: this document's path (not its query, which a learning platform may have
 * used for its launch) and the link's route as an embed.
 */
export function besideSrc(href: string): string {
  return `${window.location.pathname}${hashWithView(href, { ...DEFAULT_VIEW, embed: true })}`;
}

interface Props {
  beside: Beside;
  onClose: () => void;
}

export function TryBeside({ beside, onClose }: Props) {
  const frameRef = useRef<HTMLIFrameElement>(null);

  // The learner pressed "Try it" to play it: the keys (→, Space) go to the simulator at once.
  useEffect(() => {
    frameRef.current?.focus();
  }, [beside.href]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <aside className="lesson-beside" aria-labelledby="lesson-beside-title" onKeyDown={onKeyDown}>
      <div className="lesson-beside__bar">
        <p className="lesson-beside__title" id="lesson-beside-title">
          <span className="lesson-beside__eyebrow">Try it</span> {beside.label}
        </p>
        <button type="button" className="btn btn--ghost lesson-beside__btn" onClick={onClose} aria-label="Close the simulator">
          Close
        </button>
      </div>
      <iframe
        ref={frameRef}
        className="lesson-beside__frame"
        title={`Simulator: ${beside.label}`}
        src={besideSrc(beside.href)}
      />
    </aside>
  );
}
