/**
 * Progress controls shared by the lessons and the quiz: what the learner must know about their saved
 * progress (a stored value that could not be read in full and was kept aside; progress that cannot
 * be saved at all), and "Reset progress" with an inline confirmation (no window.confirm: it cannot
 * be styled, and some embedding frames block it).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Progress, ProgressNotice, ProgressStore, SaveProblem } from './progress';
import { useProgress } from './useProgress';
import './course.css';

const WHAT: Record<ProgressNotice, string> = {
  corrupt: 'Your saved progress could not be read: it may have been damaged.',
  'newer-version':
    'Your saved progress was written by a newer version of this course, perhaps in another tab: reload this page to use that version.',
  'unknown-version': 'Your saved progress is in a format this version of the course does not know.',
  'content-changed':
    'The course has changed since your last visit: results for lessons or questions that no longer exist are not shown.',
  'partly-read': 'Part of your saved progress could not be read.',
};

const UNSAVED: Record<SaveProblem, string> = {
  full: 'Your progress cannot be saved: this browser’s storage for this site is full.',
  blocked:
    'Your progress cannot be saved: this browser does not let this page store data (a private window, or site data blocked).',
};

function keptText(notice: NonNullable<Progress['notice']>): string {
  return notice.pending
    ? 'Nothing is erased: whatever could be read is shown, and before anything new is saved, the saved copy is kept aside, unchanged, in this browser.'
    : `Nothing was erased: the saved copy was kept aside, unchanged, in this browser (as “${notice.key ?? ''}”).`;
}

/**
 * What the learner must know about their progress, where they make it (lesson end, quiz, the
 * overviews). Progress that cannot be saved is an alert (it appears when a save fails, and would be
 * lost on reload); a value kept aside is a status with an OK that clears it.
 */
export function ProgressMessages({ store }: { store: ProgressStore }) {
  const { notice, unsaved } = useProgress(store);
  return (
    <>
      {unsaved !== null ? (
        <p className="lq-notice lq-notice--warning" role="alert">
          {UNSAVED[unsaved]} It is kept only until you close or reload this page.
        </p>
      ) : null}
      {notice !== null ? (
        <div className="lq-notice lq-actions" role="status">
          <p className="lq-notice__text">
            {WHAT[notice.reason]} {keptText(notice)}
          </p>
          <button
            type="button"
            className="lq-button lq-button--secondary"
            onClick={() => store.acknowledge()}
          >
            OK
          </button>
        </div>
      ) : null}
    </>
  );
}

export function ResetProgress({ store }: { store: ProgressStore }) {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState('');
  const resetRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const focusAfter = useRef<'reset' | 'cancel' | null>(null);
  const questionId = useId();

  useEffect(() => {
    if (focusAfter.current === 'cancel') cancelRef.current?.focus();
    if (focusAfter.current === 'reset') resetRef.current?.focus();
    focusAfter.current = null;
  }, [confirming]);

  const ask = (): void => {
    focusAfter.current = 'cancel';
    setMessage('');
    setConfirming(true);
  };
  const cancel = (): void => {
    focusAfter.current = 'reset';
    setConfirming(false);
  };
  const confirm = (): void => {
    store.reset();
    focusAfter.current = 'reset';
    setConfirming(false);
    setMessage('Progress reset: no lessons read, no quiz results.');
  };

  return (
    <div className="lq-reset">
      {confirming ? (
        <div role="group" aria-labelledby={questionId} className="lq-notice">
          <p id={questionId}>
            Erase every lesson marked read and every quiz result on this device? This cannot be undone.
          </p>
          <div className="lq-actions">
            <button type="button" className="lq-button lq-button--danger" onClick={confirm}>
              Yes, reset my progress
            </button>
            <button type="button" ref={cancelRef} className="lq-button lq-button--secondary" onClick={cancel}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" ref={resetRef} className="lq-button lq-button--danger" onClick={ask}>
          Reset progress
        </button>
      )}
      <p role="status" className="lq-reset__status">
        {message}
      </p>
    </div>
  );
}
