/**
 * Progress controls shared by the course overview and the quiz index: the notice shown when saved
 * progress could not be used as it was, and "Reset progress" with an inline confirmation (no
 * window.confirm: it cannot be styled, and some embedding frames block it).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ProgressNotice as Notice, ProgressStore } from './progress';
import { useProgress } from './useProgress';
import '../lessons/shared.css';

const NOTICES: Record<Notice, string> = {
  corrupt: 'Your saved progress could not be read, so it has been reset.',
  incompatible:
    'Your saved progress is from another version of this course and could not be used, so it has been reset.',
  'content-changed':
    'The course has changed since your last visit. Results for lessons or questions that no longer exist were set aside.',
};

export function ProgressNotice({ store }: { store: ProgressStore }) {
  const { notice } = useProgress(store);
  if (notice === null) return null;
  return (
    <div className="lq-notice lq-actions" role="status">
      <p style={{ margin: 0 }}>{NOTICES[notice]}</p>
      <button type="button" className="lq-button lq-button--secondary" onClick={() => store.acknowledge()}>
        OK
      </button>
    </div>
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
