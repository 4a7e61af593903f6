// @vitest-environment happy-dom
import { StrictMode } from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { playerMachine } from './playerMachine';
import { PlayerContext } from './PlayerContext';

function Status() {
  return <p>{PlayerContext.useSelector((s) => (s.matches('ready') ? 'ready' : 'not yet'))}</p>;
}

describe('PlayerContext.Attach: the simulator screen’s player', () => {
  it('is shared as it is, survives strict mode’s trial unmount, and is stopped when the screen goes', async () => {
    const actor = createActor(playerMachine, {
      input: { config: { seed: 'demo', scenario: 'first-connection', registration: 'dcr' } },
    }).start();
    const { unmount } = render(
      <StrictMode>
        <PlayerContext.Attach actor={actor}>
          <Status />
        </PlayerContext.Attach>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByText('ready')).toBeTruthy());
    expect(actor.getSnapshot().status).toBe('active');
    unmount();
    await waitFor(() => expect(actor.getSnapshot().status).toBe('stopped'));
  });

  it('starts a player that has not started (the screen’s own, where none was waiting for it)', async () => {
    const actor = createActor(playerMachine, {
      input: { config: { seed: 'demo', scenario: 'first-connection', registration: 'dcr' } },
    });
    render(
      <PlayerContext.Attach actor={actor}>
        <Status />
      </PlayerContext.Attach>,
    );
    await waitFor(() => expect(screen.getByText('ready')).toBeTruthy());
  });
});
