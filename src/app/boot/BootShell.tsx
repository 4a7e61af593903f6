/**
 * The simulator's first paint as plain HTML in index.html (scripts/bootShell.ts renders this at
 * build time): the header and the simulator's skeleton, exactly as the app's first render draws them
 * on `#/sim` (a test keeps the two equal), so the browser paints them before any script has run.
 *
 * Before, the first paint waited for the entry chunk to arrive, compile and render: on Lighthouse's
 * mobile preset (a slow network, a slowed CPU) that put the first contentful paint after 2 s and made
 * the simulator's score swing around 90; with the shell in the HTML it is the HTML and the CSS alone
 * (measured figures in issue 16's note).
 *
 * - Shown only where the app's first render is this one: public/theme.js marks `<html
 *   data-boot="sim">` on the simulator's address without presenter mode or an embed, and the
 *   stylesheet hides the shell everywhere else (base.css), so a lesson never flashes a simulator.
 * - Its side column is the default scenario's start where the address opens there (theme.js adds
 *   `data-boot-side="start"`, as SimSkeleton's plainStart would), a plain box anywhere else: both
 *   are in the HTML, and the stylesheet shows the one that address gets.
 * - `inert`: nothing in it can be focused or read by assistive technology. It is a picture of what
 *   is coming; React's first render replaces it (createRoot clears its container), with live links.
 * - No `style` attribute (the Content-Security-Policy refuses inline styles in markup), and the
 *   theme toggle's label, which depends on the learner's theme, is kept invisible until then.
 */
import { AppHeader } from '../AppHeader';
import { DEFAULT_SCENARIO } from '../../sim/scenarios';
import { SimSkeleton } from '../simulator/SimSkeleton';
import { BOOT_SHELL_CLASS } from './marker';

const noop = () => undefined;

export function BootShell() {
  return (
    <div className={`app ${BOOT_SHELL_CLASS}`} inert>
      <AppHeader route={{ name: 'sim', query: '' }} theme="light" onToggleTheme={noop} />
      <main id="main" className="app-main">
        <SimSkeleton start={DEFAULT_SCENARIO} either />
      </main>
    </div>
  );
}
