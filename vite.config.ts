import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { bootShell } from './scripts/bootShell.ts';
import { compileHints } from './scripts/compileHints.ts';
import { cspMetaTag } from './scripts/csp.ts';
import { SIMULATOR_CHUNK, simulatorChunks } from './scripts/simulatorChunks.ts';
import { teachingContent } from './scripts/teachingContent.ts';

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

/**
 * Offline use (issue 16): a service worker precaches the whole build, so after one visit the
 * lessons, the quiz and the simulator work with no network, and the app can be installed. It only
 * serves the site's own files: the simulated network never reaches it (MSW runs in the page through
 * getResponse, src/sim/network). A new build waits until the learner accepts the "new version"
 * prompt (registerType 'prompt', app/UpdatePrompt.tsx): until then the old worker serves the old
 * build whole, lazy chunks included, so a page never mixes two builds.
 */
const offline = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  includeAssets: ['favicon.svg', 'favicon.png', 'theme.js'],
  manifest: {
    name: 'MCP OAuth Flow Simulator',
    short_name: 'MCP OAuth',
    description: 'Learn how the Model Context Protocol secures remote servers with OAuth 2.1.',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#3b5bdb',
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    // Every file of the build but the source maps: the app is a few MB, all of it needed offline.
    globPatterns: ['**/*.{js,css,html,svg,png,json,woff2}'],
    maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
    cleanupOutdatedCaches: true,
    // Routes are in the hash: every page is index.html.
    navigateFallback: 'index.html',
  },
});

const source = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

// The simulator's code in one chunk and what it shares with the course pages in another, instead of
// some thirty pieces (scripts/simulatorChunks.ts says why). The roots: what the simulator's route
// fetches (app/simRoute.ts, run/core/loadCore.ts) and the course pages' routes (app/Screen.tsx).
const chunks = simulatorChunks({
  simulator: [source('app/SimRoute.tsx'), source('run/core/core.ts')],
  course: [
    source('features/lessons/LessonsRoute.tsx'),
    source('features/quiz/QuizRoute.tsx'),
    source('app/progress/ProgressScreen.tsx'),
  ],
});

// `base: './'` makes the built site work from any sub-path of a static host
// (GitHub Pages project sites, an LMS folder) without a rebuild.
export default defineConfig(({ command }) => ({
  base: './',
  plugins: [
    react(),
    contentSecurityPolicy(),
    bootShell(),
    teachingContent(fileURLToPath(new URL('./lessons', import.meta.url))),
    offline,
    chunks.plugin,
    compileHints({ except: [SIMULATOR_CHUNK] }),
  ],
  // In the browser bundle only: see src/sim/network/tldtsLite.ts for why this is safe here.
  resolve: command === 'build' ? { alias: { tldts: source('sim/network/tldtsLite.ts') } } : {},
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: { output: { codeSplitting: { groups: chunks.groups } } },
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
