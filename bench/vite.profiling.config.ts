/**
 * A build for profiling (bench/profile.ts with COMMITS=1): React's profiling renderer, which times
 * each component's render, and unminified code, so a CPU profile names the functions.
 *   npx vite build --config bench/vite.profiling.config.ts --outDir dist-prof
 */
import { defineConfig, mergeConfig } from 'vite';
import base from '../vite.config';

export default defineConfig((env) => {
  const resolved = typeof base === 'function' ? base(env) : base;
  return mergeConfig(resolved, {
    resolve: { alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] },
    build: { minify: false },
  });
});
