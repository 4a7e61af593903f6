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
 * prompt (app/offline), which has nothing to say before the app runs.
 */
function comparable(html: string): string {
  return html
    .replace(` ${BOOT_SHELL_CLASS}`, '')
    .replace(' inert=""', '')
    .replace(/ style="[^"]*"/, '')
    .replace('<div class="update-prompt" role="status" aria-live="polite"></div>', '');
}

describe('the boot shell', () => {
  it("is the app's first render on the simulator, made inert", () => {
    window.history.replaceState(null, '', '/#/sim');
    const { container } = render(<App />);
    const shell = renderBootShell();
    expect(shell).toContain(`class="app ${BOOT_SHELL_CLASS}" inert=""`);
    expect(shell).toContain('sim-skeleton');
    expect(comparable(shell)).toBe(comparable(container.innerHTML));
  });

  it('carries no style attribute, which the Content-Security-Policy would refuse', () => {
    expect(renderBootShell()).not.toMatch(/\sstyle=/);
  });
});
