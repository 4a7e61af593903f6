/**
 * Entry point. Only the shell, React Flow and the player are in this chunk; the simulator core
 * (msw, jose, @noble/*) is fetched with a dynamic import once the first frame is painted.
 * No service worker is registered: the simulated network runs in-process, nothing leaves the page.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { preloadCore } from './run/core/loadCore';
import { startLms } from './features/lms/start';
import './styles/index.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Launched by a learning platform (a SCORM package, cmi5)? Then its start page, and its adapter later.
startLms();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// After the first paint (two frames later), start fetching the simulator core.
requestAnimationFrame(() => requestAnimationFrame(preloadCore));
