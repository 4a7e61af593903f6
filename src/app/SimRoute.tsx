/**
 * The `#/sim` route: builds the player from the URL, and keeps the URL in step with the run
 * (replaceState, so every position is a shareable deep link and history is not flooded).
 */
import { useEffect, useState } from 'react';
import { PlayerContext } from '../features/player/PlayerContext';
import { SimulatorScreen } from '../features/simulator/SimulatorScreen';
import { replaceHash } from './router';
import { setSimHref } from './simLink';
import { readSimParams, simHash } from './simParams';

function UrlSync() {
  const actor = PlayerContext.useActorRef();
  const config = PlayerContext.useSelector((s) => s.context.config);
  const count = PlayerContext.useSelector((s) => s.context.view.trace.length);
  const decisions = PlayerContext.useSelector((s) => s.context.decisions);
  const settled = PlayerContext.useSelector((s) => !s.matches('loading'));
  const hash = simHash(config, count, decisions);

  // Debounced: replaceState costs a few ms, and autoplay or a held arrow key steps quickly.
  useEffect(() => {
    if (!settled) return;
    const timer = window.setTimeout(() => {
      replaceHash(hash);
      setSimHref(hash);
    }, 150);
    return () => window.clearTimeout(timer);
  }, [hash, settled]);

  // A link or an edited address bar: load what it says, unless it is where we already are.
  useEffect(() => {
    const onChange = () => {
      const now = window.location.hash;
      if (!now.startsWith('#/sim') || now === hash) return;
      const setup = readSimParams(now.slice(now.indexOf('?') + 1));
      actor.send({ type: 'LOAD', config: setup.config, target: setup.target, decisions: setup.decisions });
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, [actor, hash]);
  return null;
}

export function SimRoute({ query }: { query: string }) {
  // The URL configures the run once, on arrival; after that the run drives the URL.
  const [setup] = useState(() => readSimParams(query));
  return (
    <PlayerContext.Provider
      options={{ input: { config: setup.config, target: setup.target, decisions: setup.decisions } }}
    >
      <UrlSync />
      <SimulatorScreen />
    </PlayerContext.Provider>
  );
}
