/**
 * A recording on the simulator's own views: the sequence diagram, its message list and the
 * inspector read a player that holds the recorded trace (PlayerInput.recorded) instead of a run,
 * with the verdict beside them. Secrets are masked until the user reveals them.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { RunConfig } from '../../sim/flow/simulation';
import type { HarImport } from '../../sim/har';
import { LazyDiagram } from '../diagram/LazyDiagram';
import { Inspector } from '../inspector/Inspector';
import { MessageList } from '../messages/MessageList';
import { PanelViewProvider } from '../../run/player/PanelView';
import { PlayerContext } from '../../run/player/PlayerContext';
import { useCore } from '../../run/core/useCore';
import { MaskProvider } from '../../run/view/MaskContext';
import { HarSummary } from './HarSummary';

/** The player needs a configuration; a recording never runs it. */
const NOT_RUN: RunConfig = { seed: 'recording', scenario: 'first-connection', registration: 'dcr' };

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

export function HarView({
  name,
  value,
  toolbar,
}: {
  name: string;
  value: HarImport;
  /** The "open another" controls, placed in the view's bar. */
  toolbar: ReactNode;
}) {
  const [revealed, setRevealed] = useState(false);
  const exchanges = value.trace.length / 2;
  // The button that opened the file is gone: focus moves to what it opened, and a screen reader says so.
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  return (
    <PlayerContext.Provider options={{ input: { config: NOT_RUN, recorded: value.trace } }}>
      <MaskProvider enabled={!revealed}>
        <PanelViewProvider>
          <div className="sim har">
            <div className="har__bar">
              <h1 className="har__title" ref={title} tabIndex={-1}>
                <span className="har__file">{name}</span>
                <span className="har__meta">
                  {exchanges} {exchanges === 1 ? 'exchange' : 'exchanges'}
                  {value.creator ? ` · recorded by ${value.creator}` : ''}
                </span>
              </h1>
              <div className="har__actions">
                <button
                  type="button"
                  className="btn"
                  aria-pressed={revealed}
                  onClick={() => setRevealed((r) => !r)}
                >
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
            <div className="sim__body har__body">
              <section
                className="panel sim__diagram"
                aria-label="Sequence diagram of the recording (the message list is its text version)"
              >
                <div className="sim__canvas">
                  <LazyDiagram />
                </div>
              </section>
              <div className="sim__list">
                <MessageList />
              </div>
              <div className="sim__side har__side">
                <HarSummary summary={value.summary} />
                <Inspector />
              </div>
            </div>
          </div>
        </PanelViewProvider>
      </MaskProvider>
    </PlayerContext.Provider>
  );
}
