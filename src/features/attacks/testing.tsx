/** Test helpers: the simulator screen over a real player and core, with the run's config readable. */
import { render, screen } from '@testing-library/react';
import type { RunConfig } from '../../sim/flow/simulation';
import { PlayerContext } from '../../run/player/PlayerContext';
import { playerMachine } from '../../run/player/playerMachine';
import { SimulatorScreen } from '../../app/simulator/SimulatorScreen';

export const BASE: RunConfig = { seed: 'demo', scenario: 'first-connection', registration: 'dcr' };

function ConfigProbe() {
  const config = PlayerContext.useSelector((s) => s.context.config);
  return <output data-testid="config">{JSON.stringify(config)}</output>;
}

export function renderLab(config: RunConfig = BASE) {
  const logic = playerMachine.provide({ delays: { autoplayDelay: 5 } });
  return render(
    <PlayerContext.Provider logic={logic} options={{ input: { config } }}>
      <ConfigProbe />
      <SimulatorScreen />
    </PlayerContext.Provider>,
  );
}

/** The config the player runs now (what LOAD last set). */
export function currentConfig(): RunConfig {
  return JSON.parse(screen.getByTestId('config').textContent ?? '{}') as RunConfig;
}

/** Rule texts as the lab shows them: backtick spans become <code>, so the text has no backticks. */
export const plain = (text: string) => text.replaceAll('`', '');
