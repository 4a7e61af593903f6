/** The build the browser sections measure: made once per `npm run bench` (NO_BUILD: use DIST_DIR as it is). */
import { execSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// DIST_DIR: build and measure in another folder, so a running e2e suite's dist/ is left alone.
export const dist = process.env.DIST_DIR ? resolve(process.env.DIST_DIR) : join(root, 'dist');

let built = false;

export function ensureBuild(): string {
  if (!built && !process.env.NO_BUILD)
    execSync(`npx vite build --outDir ${JSON.stringify(dist)} --emptyOutDir`, {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  built = true;
  return dist;
}
