/**
 * The simulator screen's chunk (SimRoute and everything it draws: the player, XState, the panels),
 * out of the entry so that the first paint is the shell and the simulator's skeleton.
 */
import { deferred } from '../components/deferred';
import { diagramModule } from '../features/diagram/LazyDiagram';
import { preloadCore } from '../run/core/loadCore';

export const simRouteModule = deferred(async () => {
  const module = await import('./SimRoute');
  // On the simulator's own address its player starts now, and the screen renders once the run is
  // positioned: one render that shows it (simulator/arrivalPlayer.ts).
  await module.startArrivalPlayer(window.location.hash);
  return module;
});

/**
 * Starts fetching all the simulator needs at once (its screen, the diagram, the core), rather than
 * each when the one before has arrived and asks for it. Each is fetched once.
 */
export function fetchSimulator(): void {
  void simRouteModule.load().catch(() => undefined);
  void diagramModule.load().catch(() => undefined);
  preloadCore();
}

/**
 * Elsewhere than on the simulator, it is fetched when the learner shows the intent to go there (a
 * pointer on, or focus in, a link to it): fetched at load, it would compete with the route's own
 * content for the network. Returns a function that stops listening.
 */
export function fetchSimulatorOnIntent(target: Document, fetch: () => void = fetchSimulator): () => void {
  const stop = () => {
    target.removeEventListener('pointerover', onIntent);
    target.removeEventListener('focusin', onIntent);
  };
  function onIntent(event: Event): void {
    const link = event.target instanceof Element ? event.target.closest('a[href^="#/sim"]') : null;
    if (!link) return;
    stop();
    fetch();
  }
  target.addEventListener('pointerover', onIntent);
  target.addEventListener('focusin', onIntent);
  return stop;
}

/**
 * Calls `then` once the first contentful paint is on screen (or after `latestMs`, where no paint
 * comes: a tab opened in the background). Work started sooner shares the network and the main
 * thread with what that paint needs.
 */
export function afterFirstContentfulPaint(then: () => void, latestMs = 1000): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    then();
  };
  // A browser that does not time paints (no observer, or none of the 'paint' type) gets no wait:
  // the app mounts on this too (main.tsx), and must not sit out `latestMs` for a paint never reported.
  if (typeof PerformanceObserver === 'undefined') return run();
  if (!PerformanceObserver.supportedEntryTypes?.includes('paint')) return run();
  setTimeout(run, latestMs);
  const observer = new PerformanceObserver((list) => {
    if (list.getEntriesByName('first-contentful-paint').length === 0) return;
    observer.disconnect();
    run();
  });
  observer.observe({ type: 'paint', buffered: true });
}
