import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { cspMetaTag } from './scripts/csp.ts';

// The Content-Security-Policy goes into the built index.html only: the dev server injects inline
// scripts of its own (React Refresh) that the policy would refuse.
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const charset = /<meta charset="UTF-8" \/>\n/i;
        if (!charset.test(html)) throw new Error('index.html: no <meta charset> to put the policy after');
        return html.replace(charset, (tag) => `${tag}    ${cspMetaTag()}\n`);
      },
    },
  };
}

// `base: './'` makes the built site work from any sub-path of a static host
// (GitHub Pages project sites, an LMS folder) without a rebuild.
export default defineConfig(({ command }) => ({
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  // In the browser bundle only: see src/sim/network/tldtsLite.ts for why this is safe here.
  resolve:
    command === 'build'
      ? { alias: { tldts: fileURLToPath(new URL('./src/sim/network/tldtsLite.ts', import.meta.url)) } }
      : {},
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
    pool: 'threads',
    testTimeout: 20000,
    // Testing Library registers its automatic cleanup through the test globals.
    globals: true,
  },
}));
