import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';

// `base: './'` makes the built site work from any sub-path of a static host
// (GitHub Pages project sites, an LMS folder) without a rebuild.
export default defineConfig(({ command }) => ({
  base: './',
  plugins: [react()],
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
