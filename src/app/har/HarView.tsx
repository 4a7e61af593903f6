/**
 * A recording on the simulator's own views: the sequence diagram, its message list and the
 * inspector read a player that holds the recorded trace (PlayerInput.recorded) instead of a run,
 * with the verdict (HarSummary) beside them and the recording's bar (HarHeader) above. Secrets are
 * masked until the user reveals them. The har feature opens the file (HarRoute) and shows this.
 */
import { useState } from 'react';
import type { RunConfig } from '../../sim/flow/simulation';
import { LazyDiagram } from '../../features/diagram/LazyDiagram';
import { HarHeader } from '../../features/har/HarHeader';
import type { LoadedHar } from '../../features/har/HarRoute';
import { HarSummary } from '../../features/har/HarSummary';
import { Inspector } from '../../features/inspector/Inspector';
import { MessageList } from '../../features/messages/MessageList';
import { PanelViewProvider } from '../../run/player/PanelView';
import { PlayerContext } from '../../run/player/PlayerContext';
import { MaskProvider } from '../../run/view/MaskContext';

/** The player needs a configuration; a recording never runs it. */
const NOT_RUN: RunConfig = { seed: 'recording', scenario: 'first-connection', registration: 'dcr' };

export function HarView({ name, value, toolbar }: LoadedHar) {
  const [revealed, setRevealed] = useState(false);
  return (
    <PlayerContext.Provider options={{ input: { config: NOT_RUN, recorded: value.trace } }}>
      <MaskProvider enabled={!revealed}>
        <PanelViewProvider>
          <div className="sim har">
            <HarHeader
              name={name}
              value={value}
              toolbar={toolbar}
              revealed={revealed}
              onReveal={() => setRevealed((r) => !r)}
            />
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
