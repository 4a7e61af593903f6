/**
 * The bar above a recording: its file name and what it holds, the switch that reveals tokens and
 * codes, what happens to the secrets, the reader's notes about the file, and the banner shown when
 * the inspector's decoders cannot be loaded. The diagram, the list and the inspector below it are
 * composed by the app (src/app/har/HarView.tsx).
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import type { HarImport } from '../../sim/har';
import { useCore } from '../../run/core/useCore';

/** Asks for the core at once (the inspector's decoders), and says so if it cannot be loaded. */
function Failure() {
  const { error } = useCore();
  if (error === null) return null;
  return (
    <p className="banner banner--error" role="alert">
      The inspector could not load its decoders ({error}): the messages are shown, decoded tokens are not.
    </p>
  );
}

export function HarHeader({
  name,
  value,
  toolbar,
  revealed,
  onReveal,
}: {
  name: string;
  value: HarImport;
  /** The "open another" controls, placed in the view's bar. */
  toolbar: ReactNode;
  revealed: boolean;
  onReveal: () => void;
}) {
  const exchanges = value.trace.length / 2;
  // The button that opened the file is gone: focus moves to what it opened, and a screen reader says so.
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  return (
    <>
      <div className="har__bar">
        <h1 className="har__title" ref={title} tabIndex={-1}>
          <span className="har__file">{name}</span>
          <span className="har__meta">
            {exchanges} {exchanges === 1 ? 'exchange' : 'exchanges'}
            {value.creator ? ` · recorded by ${value.creator}` : ''}
          </span>
        </h1>
        <div className="har__actions">
          <button type="button" className="btn" aria-pressed={revealed} onClick={onReveal}>
            {revealed ? 'Hide tokens and codes' : 'Reveal tokens and codes'}
          </button>
          {toolbar}
        </div>
      </div>
      <p className="har__privacy">
        {revealed
          ? 'Tokens, codes and secrets are shown in full. They stay in this page: nothing is uploaded.'
          : 'Tokens, codes and secrets are masked on screen. They stay in this page: nothing is uploaded.'}
      </p>
      {value.notes.length > 0 && (
        <ul className="har__notes" aria-label="About this file">
          {value.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <Failure />
    </>
  );
}
