/**
 * Entry point. Only the shell, React Flow and the player are in this chunk; the simulator core
 * (msw, jose, @noble/*) is fetched with a dynamic import once the first frame is painted.
 * The simulated network runs in-process (MSW's getResponse): nothing leaves the page. The only
 * service worker is the offline cache of the build itself (app/offline), registered once the page
 * has loaded.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { preloadCore } from './run/core/loadCore';
import { registerOfflineWhenIdle } from './app/offline/updates';
import { startLms } from './features/lms/start';
import './styles/index.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Launched by a learning platform (a SCORM package, cmi5)? Then its start page, and its adapter later.
const launched = startLms();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// After the first paint (two frames later), start fetching the simulator core.
requestAnimationFrame(() => requestAnimationFrame(preloadCore));
// Not in a platform's package: the platform serves it, and keeps it up to date.
if (!launched) registerOfflineWhenIdle();
