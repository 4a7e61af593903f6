/**
 * Entry point. Only the shell and the routes' placeholders are in this chunk (first-paint
 * JavaScript under 100 KB gzip, `npm run bench`): each screen is a chunk of its own (app/Screen.tsx).
 * The simulator's screen, diagram and core (msw, jose, @noble/*) are fetched at once, at start on
 * the simulator's address, elsewhere when the learner heads for it (app/simRoute.ts).
 * The simulated network runs in-process (MSW's getResponse): nothing leaves the page. The only
 * service worker is the offline cache of the build itself (app/offline), registered once the page
 * has loaded.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { BOOT_SHELL_CLASS } from './app/boot/marker';
import { parseHash } from './app/router';
import { afterFirstContentfulPaint, fetchSimulator, fetchSimulatorOnIntent } from './app/simRoute';
import { registerOfflineWhenIdle } from './app/offline/updates';
import { loadCore } from './run/core/loadCore';
import { startLms } from './features/lms/start';
import './styles/index.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Launched by a learning platform (a SCORM package, cmi5)? Then its start page, and its adapter later.
const launched = startLms();

const mount = () =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
// On the simulator the first paint is already in the built HTML (app/boot/BootShell.tsx), and
// React's first render replaces it with the same picture: mounted once that paint is on screen, so
// the browser times the first contentful paint (and the largest, the same boxes) by the HTML's.
// Elsewhere, and on the dev server (whose index.html has no shell), nothing is painted before it.
const shellShown =
  document.documentElement.dataset.boot === 'sim' && root.querySelector(`:scope > .${BOOT_SHELL_CLASS}`);
if (shellShown) afterFirstContentfulPaint(mount);
else mount();

const onSimulator = parseHash(window.location.hash).name === 'sim';
if (onSimulator) {
  // Arriving on the simulator: fetched as soon as its skeleton is on screen. Not sooner: the
  // downloads would share the network with the entry, and put off the first paint on a slow one.
  afterFirstContentfulPaint(fetchSimulator);
} else {
  fetchSimulatorOnIntent(document);
}
// Not in a platform's package: the platform serves it, and keeps it up to date. The worker's
// precaching downloads the whole build: on the simulator, not before the core has arrived.
if (!launched) {
  if (onSimulator) void loadCore().then(registerOfflineWhenIdle, registerOfflineWhenIdle);
  else registerOfflineWhenIdle();
}
