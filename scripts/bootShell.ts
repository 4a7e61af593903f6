/**
 * Puts the simulator's first paint into the built index.html (src/app/boot/BootShell.tsx says why):
 * the shell's markup, rendered here with React's server renderer through Vite's module runner (it
 * imports the app's TypeScript as the app does), goes inside `<div id="root">`. The app's first
 * render replaces it.
 */
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import type { Plugin } from 'vite';

type RenderModule = typeof import('../src/app/boot/render');

const ROOT = '<div id="root"></div>';
const NO_CSS = '\0boot-shell:no-css';

/** The stylesheets the components import are the app's own business: markup needs none of them. */
const withoutCss: Plugin = {
  name: 'boot-shell:no-css',
  enforce: 'pre',
  resolveId: (id) => (id.endsWith('.css') ? NO_CSS : null),
  load: (id) => (id === NO_CSS ? 'export {};' : null),
};

export async function bootShellMarkup(): Promise<string> {
  const path = fileURLToPath(new URL('../src/app/boot/render.tsx', import.meta.url));
  const { module } = await runnerImport<RenderModule>(path, {
    configFile: false,
    logLevel: 'error',
    plugins: [withoutCss],
  });
  const markup = module.renderBootShell();
  // The policy refuses inline styles (scripts/csp.ts): the shell must not need one.
  if (/\sstyle=/.test(markup)) throw new Error('The boot shell has a style attribute, which the CSP refuses');
  return markup;
}

export function bootShell(): Plugin {
  return {
    name: 'boot-shell',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        if (!html.includes(ROOT)) throw new Error(`index.html: no empty ${ROOT} to put the boot shell in`);
        return html.replace(ROOT, `<div id="root">${await bootShellMarkup()}</div>`);
      },
    },
  };
}
