/** Test helpers: the whole simulator screen over a real player and the real simulator core. */
import { render, screen, waitFor } from '@testing-library/react';
import type { RunConfig } from '../../sim/flow/simulation';
import { PlayerContext } from '../../run/player/PlayerContext';
import { playerMachine } from '../../run/player/playerMachine';
import type { PlayerInput } from '../../run/player/playerMachine';
import { SimulatorScreen } from './SimulatorScreen';

export const DEMO: RunConfig = { seed: 'demo', scenario: 'first-connection', registration: 'dcr' };

export function renderSim(input: Partial<PlayerInput> = {}) {
  // Autoplay waits 5 ms between steps in tests instead of a second.
  const logic = playerMachine.provide({ delays: { autoplayDelay: 5 } });
  return render(
    <PlayerContext.Provider logic={logic} options={{ input: { config: DEMO, ...input } }}>
      <SimulatorScreen />
    </PlayerContext.Provider>,
  );
}

/** Resolves once the player rests (not loading, not stepping). */
export async function settled(): Promise<void> {
  await waitFor(
    () => {
      const status = screen.getByRole('group', { name: 'Step controls' }).getAttribute('data-status');
      if (status === 'loading' || status === 'busy') throw new Error(`player is ${status}`);
    },
    { timeout: 10000 },
  );
}

export const options = () => screen.queryAllByRole('option').filter((o) => o.closest('[role="listbox"]'));
