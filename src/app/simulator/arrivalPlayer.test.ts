import { afterEach, describe, expect, it } from 'vitest';
import { playerView } from '../../run/player/runView';
import { claimArrivalPlayer, startArrivalPlayer } from './arrivalPlayer';

const QUERY = 'scenario=first-connection&reg=dcr&seed=demo&step=3';

afterEach(() => {
  // Nothing left over for the next test.
  claimArrivalPlayer('')?.stop();
});

describe('the player for the address the page arrived at', () => {
  it('is positioned before the screen renders, and is the screen’s to claim, once', async () => {
    await startArrivalPlayer(`#/sim?${QUERY}`);
    const player = claimArrivalPlayer(QUERY);
    expect(player).not.toBeNull();
    if (!player) return;
    // Resolved once the run stands at the link's step: the screen's first render shows it.
    expect(player.getSnapshot().matches('ready')).toBe(true);
    expect(playerView(player.getSnapshot()).trace).toHaveLength(3);
    expect(claimArrivalPlayer(QUERY)).toBeNull();
    player.stop();
  });

  it('is stopped when the screen renders another address', async () => {
    const started = startArrivalPlayer(`#/sim?${QUERY}`);
    expect(claimArrivalPlayer('scenario=deny&reg=dcr&seed=demo')).toBeNull();
    await started;
    expect(claimArrivalPlayer(QUERY)).toBeNull();
  });

  it('is not started away from the simulator, nor twice', async () => {
    await startArrivalPlayer('#/lessons');
    expect(claimArrivalPlayer('')).toBeNull();
    await startArrivalPlayer('#/sim');
    await startArrivalPlayer(`#/sim?${QUERY}`);
    expect(claimArrivalPlayer(QUERY)).toBeNull();
  });
});
