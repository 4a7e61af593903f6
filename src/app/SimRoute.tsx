/**
 * The `#/sim` route: builds the player from the URL, and keeps the URL in step with the run, so
 * every position is a shareable deep link. History policy: another run (scenario, registration,
 * seed, attack or defence changed) pushes a history entry, so Back returns to the previous run;
 * steps, the selected message and the view switches (presenter mode, hide secrets) replace the
 * current entry, so stepping through 40 messages does not flood Back. Route changes (lessons,
 * quiz) are ordinary links and push as usual.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { OnProgress } from '../course/progress';
import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import { EmbedEvents } from '../features/embed/EmbedEvents';
import { ShareContext } from './viewbar/share';
import { PlayerContext } from '../run/player/PlayerContext';
import type { playerMachine } from '../run/player/playerMachine';
import { followPlayer, playerPosition } from '../run/player/runView';
import { PresenterSync } from '../features/presenter/PresenterSync';
import { hashWithView, routeQuery } from '../run/view/view';
import { useViewOptions } from '../run/view/ViewContext';
import { SimulatorScreen } from './simulator/SimulatorScreen';
import type { RunConfig } from '../sim/flow/simulation';
import { hashQuery, parseHash, pushHash, replaceHash } from './router';
import { setSimHref } from './simLink';
import { readSimParams, simHash } from './simParams';
import { claimArrivalPlayer, playerFor, startArrivalPlayer } from './simulator/arrivalPlayer';

/** Same scenario, registration, seed, attack and defence. */
const sameRun = (a: RunConfig, b: RunConfig) => simHash(a, 0, []) === simHash(b, 0, []);

/** The address of where the player stands (one place builds it: the URL, Copy link, hashchange). */
function positionHash(player: ActorRefFrom<typeof playerMachine>): string {
  const here = playerPosition(player.getSnapshot());
  return simHash(here.config, here.count, here.decisions, here.selected);
}

function UrlSync({ initialSelection }: { initialSelection: number | null }) {
  const actor = PlayerContext.useActorRef();
  const settled = PlayerContext.useSelector((s) => s.matches('ready'));
  const { view } = useViewOptions();
  // A selection from a link waits until the run it belongs to is positioned.
  const pending = useRef<number | null>(initialSelection);
  // The address this component last wrote. Browsers fire no hashchange for history.replaceState, but
  // some environments (happy-dom) do; the handler below must not reload a write of its own, which by
  // then may be a step behind the run.
  const written = useRef<string | null>(null);

  useEffect(() => {
    if (!settled || pending.current === null) return;
    actor.send({ type: 'SELECT', seq: pending.current });
    pending.current = null;
  }, [settled, actor]);

  // Follows the run from a subscription rather than from renders (nothing here draws, and a step
  // should not render it), debounced: replaceState costs a few ms, and autoplay or a held arrow key
  // steps quickly. The address is worked out when the timer fires, from the run as it is then.
  useEffect(() => {
    let timer: number | undefined;
    let before = '';
    const write = () => {
      timer = undefined;
      const shown = window.location.hash;
      // The address changed meanwhile (a link, Back, an edited address bar): it wins, and the
      // hashchange handler below loads it.
      if (shown !== before) return;
      const { config } = actor.getSnapshot().context;
      // The selection is in the URL only when it is not the newest message (the default).
      const hash = positionHash(actor);
      const full = hashWithView(hash, view);
      setSimHref(hash);
      if (full === shown) return;
      const otherRun =
        parseHash(shown).name === 'sim' && !sameRun(readSimParams(hashQuery(shown)).config, config);
      written.current = full;
      if (otherRun) pushHash(full);
      else replaceHash(full);
    };
    const schedule = (snapshot: SnapshotFrom<typeof playerMachine>) => {
      if (!snapshot.matches('ready')) return;
      window.clearTimeout(timer);
      before = window.location.hash;
      timer = window.setTimeout(write, 150);
    };
    const stop = followPlayer(actor, schedule);
    return () => {
      stop();
      // Leaving for a lesson before the timer fired: the Simulator link must still lead back here.
      if (timer !== undefined && actor.getSnapshot().matches('ready')) setSimHref(positionHash(actor));
      window.clearTimeout(timer);
    };
  }, [actor, view]);

  // A link, Back/Forward or an edited address bar: load what it says, unless it is where we already
  // are (a change of view switches alone is the shell's to show). Subscribed once, reading the run
  // at event time: the shell re-renders on the same hashchange, and a listener re-subscribed in the
  // middle of the event's dispatch would miss it.
  useEffect(() => {
    const onChange = () => {
      const now = window.location.hash;
      const own = now === written.current;
      written.current = null;
      if (own || parseHash(now).name !== 'sim') return;
      const { config, count, decisions, newest } = playerPosition(actor.getSnapshot());
      const here = positionHash(actor);
      const query = routeQuery(hashQuery(now));
      if (query === routeQuery(hashQuery(here))) return;
      const setup = readSimParams(query);
      const samePosition =
        setup.target.kind === 'count' &&
        setup.target.count === count &&
        sameRun(setup.config, config) &&
        setup.decisions.join() === decisions.join();
      if (samePosition) {
        actor.send({ type: 'SELECT', seq: setup.selected ?? newest ?? -1 });
        return;
      }
      pending.current = setup.selected ?? null;
      actor.send({ type: 'LOAD', config: setup.config, target: setup.target, decisions: setup.decisions });
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, [actor]);
  return null;
}

/** "Copy link": the exact position from the player, with the view switches, without embedding ones. */
function ShareLink({ children }: { children: ReactNode }) {
  const actor = PlayerContext.useActorRef();
  const { view } = useViewOptions();
  const share = useCallback(() => {
    return hashWithView(positionHash(actor), view, true);
  }, [actor, view]);
  return <ShareContext.Provider value={share}>{children}</ShareContext.Provider>;
}

export function SimRoute({ query, onProgress }: { query: string; onProgress?: OnProgress | undefined }) {
  // The URL configures the run once, on arrival; after that the run drives the URL. Until the run
  // is positioned, the address it arrived at is where the Simulator link leads back to.
  const [arrival] = useState(query);
  const [setup] = useState(() => readSimParams(arrival));
  useEffect(() => setSimHref(arrival ? `#/sim?${arrival}` : '#/sim'), [arrival]);
  // The player already started for this address when the chunk ran (arrivalPlayer.ts), else one of
  // its own.
  const [player] = useState(() => claimArrivalPlayer(arrival) ?? playerFor(setup));
  return (
    <PlayerContext.Attach actor={player}>
      <UrlSync initialSelection={setup.selected ?? null} />
      <PresenterSync />
      <EmbedEvents />
      <ShareLink>
        <SimulatorScreen onProgress={onProgress} linkNotes={setup.fallbacks} />
      </ShareLink>
    </PlayerContext.Attach>
  );
}

// The entry (app/simRoute.ts) starts the arrival's player when this chunk arrives.
export { startArrivalPlayer };
