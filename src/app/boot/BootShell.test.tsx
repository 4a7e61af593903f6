// @vitest-environment happy-dom
// The shell in index.html is the app's own first render on the simulator, so nothing moves or
// changes when React replaces it: rendered both ways here and compared.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { App } from '../App';
import { BOOT_SHELL_CLASS } from './marker';
import { renderBootShell } from './render';

afterEach(cleanup);

/**
 * The markup without what only one of them has: the shell's class and `inert`; the app's style (set
 * through the CSSOM, which the policy allows) and its empty live region for the "new version"
 * prompt (app/offline), which has nothing to say before the app runs; and the ids React makes
 * (useId), which a server render spells its own way.
 */
function comparable(html: string): string {
  return html
    .replace(`class="app ${BOOT_SHELL_CLASS}" inert=""`, 'class="app"')
    .replace(/_[rR]_[0-9a-z]+_/g, '_id_')
    .replace(/ style="[^"]*"/, '')
    .replace('<div class="update-prompt" role="status" aria-live="polite"></div>', '');
}

/** The shell as an address draws it: one of its two side columns is hidden there (base.css). */
function shellAt(side: 'start' | 'box'): string {
  const page = document.createElement('div');
  page.innerHTML = renderBootShell();
  page.querySelector(side === 'start' ? '.sim-skeleton__side--box' : '.sim-skeleton__side--start')?.remove();
  return page.innerHTML;
}

describe('the boot shell', () => {
  it.each([
    ['/#/sim', 'start'],
    ['/#/sim?scenario=first-connection&reg=dcr', 'start'],
    ['/#/sim?scenario=first-connection&step=3', 'box'],
    ['/#/sim?attack=mix-up', 'box'],
  ] as const)("is the app's first render at %s, made inert (side column: %s)", (address, side) => {
    window.history.replaceState(null, '', address);
    const { container } = render(<App />);
    const shell = renderBootShell();
    expect(shell).toContain(`class="app ${BOOT_SHELL_CLASS}" inert=""`);
    expect(shell).toContain('sim-skeleton');
    expect(comparable(shellAt(side))).toBe(comparable(container.innerHTML));
  });

  it('carries no style attribute, which the Content-Security-Policy would refuse', () => {
    expect(renderBootShell()).not.toMatch(/\sstyle=/);
  });
});
