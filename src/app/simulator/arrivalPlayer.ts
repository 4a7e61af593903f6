/**
 * The player for the address the page arrived at, started as soon as the simulator's chunk has run:
 * its world is made and its run positioned (a deep link's step, message 1) while React is still
 * to render the screen, so that the screen's first render already shows the run, instead of
 * rendering it empty, starting the player in an effect, and rendering everything again a message
 * later (issue 16: navigation to an interactive diagram).
 *
 * SimRoute claims it for that address (else it makes its own, with playerFor); a different address
 * by the time the screen renders has it stopped.
 */
import { createActor, waitFor } from 'xstate';
import { playerMachine } from '../../run/player/playerMachine';
import type { PlayerActor } from '../../run/player/PlayerContext';
import { parseHash } from '../router';
import { readSimParams } from '../simParams';
import type { SimSetup } from '../simParams';

let arrival: { query: string; actor: PlayerActor } | null = null;

/** The player for what an address sets up, not yet started (PlayerContext.Attach starts it). */
export function playerFor({ config, target, decisions }: SimSetup): PlayerActor {
  return createActor(playerMachine, { input: { config, target, decisions } });
}

/**
 * Starts the player for `hash` if it is the simulator's address (once). Resolves when it has been
 * positioned (or has failed, or after `latestMs`): the screen renders then, once.
 */
export function startArrivalPlayer(hash: string, latestMs = 1500): Promise<void> {
  const route = parseHash(hash);
  if (route.name !== 'sim' || arrival) return Promise.resolve();
  const actor = playerFor(readSimParams(route.query));
  arrival = { query: route.query, actor };
  actor.start();
  const positioned = (s: ReturnType<PlayerActor['getSnapshot']>) =>
    !s.matches('loading') && !s.matches('starting') && !s.matches('positioning');
  return waitFor(actor, positioned, { timeout: latestMs }).then(
    () => undefined,
    () => undefined,
  );
}

/** The started player if it is `query`'s; null otherwise (then it is stopped). Claimed once. */
export function claimArrivalPlayer(query: string): PlayerActor | null {
  const claimed = arrival;
  arrival = null;
  if (!claimed) return null;
  if (claimed.query === query) return claimed.actor;
  claimed.actor.stop();
  return null;
}
