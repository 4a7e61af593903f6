/**
 * Builds the navigation floor's page (bench/navfloor/main.tsx says what it is) with the app's own
 * Vite, React plugin and compile hint, so its libraries are bundled, minified and compiled as the
 * app's are.
 */
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { compileHints } from '../scripts/compileHints';

export async function buildNavFloor(outDir: string): Promise<string> {
  const dir = resolve(outDir);
  await build({
    root: join(import.meta.dirname, 'navfloor'),
    configFile: false,
    base: './',
    logLevel: 'error',
    // As the app's chunks: V8 compiles it off the main thread as it streams in.
    plugins: [react(), compileHints()],
    build: { outDir: dir, emptyOutDir: true, target: 'es2022' },
  });
  return dir;
}
