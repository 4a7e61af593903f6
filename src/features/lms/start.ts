/**
 * Start-up hook for learning platforms, the only LMS code in the first-paint bundle: reads how the
 * app was launched (launch.ts, no request), and if a platform launched it, opens the SCO's start page
 * and loads the platform adapter after the first paint. Without a launch it returns at once.
 */
import { readLaunch, startRoute, type LmsLaunch } from './launch';
import { expectListener } from '../../course/learning';

async function load(launch: LmsLaunch): Promise<void> {
  if (launch.kind === 'scorm') {
    const { runScorm } = await import('./scorm/run');
    runScorm(launch.version, launch.sco);
  } else {
    const { runXapi } = await import('./xapi/run');
    await runXapi(launch);
  }
}

export function startLms(): void {
  const launch = readLaunch(document, window.location.search);
  if (!launch) return;
  expectListener();
  if (!/^#\/./.test(window.location.hash)) {
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${startRoute(launch.sco)}`);
  }
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      load(launch).catch((error: unknown) => console.warn('Learning platform: could not start', error));
    }),
  );
}
