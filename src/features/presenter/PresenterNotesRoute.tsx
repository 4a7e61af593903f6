/**
 * `#/presenter-notes?session=…`: the speaker's window, opened from the audience window (N, or the
 * "Speaker notes" button). It shows the current step with its explanation and speaker notes, a
 * preview of the next message, and a timer; Next and Back here drive the audience window, and
 * stepping there updates this one (channel.ts). Loaded lazily, with the notes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { STEPS } from '../../sim/steps';
import { shortcutFor } from '../../run/player/useKeyboardShortcuts';
import { openPresenterChannel } from './channel';
import type { PresenterChannel, PresenterCommand, PresenterState } from './channel';
import { createMasker, noMask } from '../../run/view/mask';
import { SESSION_PATTERN } from './messages';
import { openingNote, speakerNote } from './notes';
import { useNextPreview } from './preview';
import type { Preview } from './preview';
import { Timer } from './Timer';
import './notes.css';

const PART = { request: 'Request', response: 'Response', internal: 'Internal step', handoff: 'Handoff' };

function PreviewText({ preview }: { preview: Preview }) {
  switch (preview.kind) {
    case 'loading':
      return <p className="muted">Working out the next message…</p>;
    case 'end':
      return <p>Nothing: the run has ended.</p>;
    case 'consent':
      return (
        <p>
          The audience decides in the consent window: <strong>Approve</strong> or <strong>Deny</strong>.
        </p>
      );
    case 'message':
      return (
        <p>
          <strong>{preview.title}</strong> <span className="muted">· {preview.route} ·</span>{' '}
          <code>{preview.label}</code>
        </p>
      );
  }
}

function CurrentStep({ state }: { state: PresenterState }) {
  const current = state.current;
  if (!current) {
    return (
      <section className="notes-card" aria-labelledby="notes-step-title">
        <p className="eyebrow">Ready · {state.scenarioTitle}</p>
        <h2 id="notes-step-title" className="notes-card__title">
          Before the first message
        </h2>
        <p className="notes-card__note">
          {openingNote(state.config.scenario, state.config.attack !== undefined)}
        </p>
      </section>
    );
  }
  const step = STEPS[current.stepId];
  const text = step.kind === 'exchange' ? (current.kind === 'response' ? step.response : step.request) : step;
  return (
    <section className="notes-card" aria-labelledby="notes-step-title">
      <p className="eyebrow">
        Step {current.seq + 1} · {PART[current.kind]} · {current.route}
      </p>
      <h2 id="notes-step-title" className="notes-card__title">
        {text.title}
      </h2>
      <p className="notes-card__label">
        On screen: <code>{current.label}</code>
      </p>
      <h3 className="notes-card__heading">Speaker notes</h3>
      <p className="notes-card__note">{speakerNote(current.stepId, current.kind)}</p>
      <h3 className="notes-card__heading">The explanation on screen</h3>
      <p className="notes-card__explain">{text.explain}</p>
      {state.finished && state.ending && (
        <p className="notes-card__ending">
          <strong>Outcome:</strong> {state.ending}
        </p>
      )}
    </section>
  );
}

export default function PresenterNotesRoute({ query }: { query: string }) {
  // A session of another shape (mistyped, or from an older link) is no session: the status says how to pair.
  const session = useMemo(() => {
    const id = new URLSearchParams(query).get('session') ?? '';
    return SESSION_PATTERN.test(id) ? id : '';
  }, [query]);
  const [state, setState] = useState<PresenterState | null>(null);
  const channel = useRef<PresenterChannel | null>(null);
  const preview = useNextPreview(state);
  const mask = useMemo(() => (state?.mask ? createMasker([]) : noMask), [state?.mask]);

  useEffect(() => {
    document.title = 'Speaker notes · MCP OAuth Flow Simulator';
    if (!session) return;
    const line = openPresenterChannel(session, (message) => {
      // Checked against the schema (messages.ts): a state that names no known step never gets here.
      if (message.type === 'state') setState(message.state);
    });
    channel.current = line;
    line.post({ type: 'hello', session });
    return () => line.close();
  }, [session]);

  const command = (cmd: PresenterCommand) =>
    channel.current?.post({ type: 'command', session, command: cmd });

  // The same keys as the audience window (a clicker can be pointed at either window).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      // The speaker's own window: a clicker's Page keys step wherever focus is, as in presenter mode.
      const action = shortcutFor(event, { presenting: true });
      const type = action?.type;
      if (type !== 'NEXT' && type !== 'BACK' && type !== 'RESET' && type !== 'RUN_TO_END') return;
      event.preventDefault();
      channel.current?.post({ type: 'command', session, command: { type } });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [session]);

  return (
    <div className="notes">
      <header className="notes__head">
        <h1 className="notes__title">Speaker notes</h1>
        <p className="notes__status" role="status">
          {!session
            ? 'Open this window from the simulator: press N there, or its "Speaker notes" button.'
            : state
              ? `In step with the simulator window · ${state.scenarioTitle}`
              : 'Waiting for the simulator window…'}
        </p>
        <Timer />
      </header>
      {state && (
        <div className="notes__body">
          <CurrentStep state={state} />
          <section className="notes-card notes-card--next" aria-labelledby="notes-next-title">
            <h2 id="notes-next-title" className="notes-card__heading">
              Next
            </h2>
            {preview.kind === 'message' ? (
              <PreviewText preview={{ ...preview, label: mask(preview.label) }} />
            ) : (
              <PreviewText preview={preview} />
            )}
          </section>
          <div className="notes__controls" role="group" aria-label="Drive the simulator window">
            <button type="button" className="btn" onClick={() => command({ type: 'RESET' })}>
              Reset
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => command({ type: 'BACK' })}
              aria-disabled={state.count === 0}
              aria-keyshortcuts="ArrowLeft PageUp"
            >
              Back
            </button>
            {state.consent ? (
              <>
                <button
                  type="button"
                  className="btn"
                  onClick={() => command({ type: 'ANSWER', decision: 'deny' })}
                >
                  Deny
                </button>
                <button
                  type="button"
                  className="btn btn--primary"
                  onClick={() => command({ type: 'ANSWER', decision: 'approve' })}
                >
                  Approve
                </button>
              </>
            ) : (
              <button
                type="button"
                className="btn btn--primary"
                onClick={() => command({ type: 'NEXT' })}
                aria-disabled={state.finished}
                aria-keyshortcuts="ArrowRight PageDown Space"
              >
                Next
              </button>
            )}
          </div>
          <p className="notes__foot muted">
            Keys here: → or Page Down next, ← or Page Up back, Home reset, End run to the end. A clicker works
            in either window.
          </p>
        </div>
      )}
    </div>
  );
}
