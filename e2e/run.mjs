// End-to-end tests in a real Chromium: `npm run test:e2e`.
// Builds dist/ when it is missing or older than the sources, serves it on 127.0.0.1, runs each
// test in a fresh browser context, and ends with "N passed, M failed" (non-zero exit on failure).
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { serve } from './server.mjs';
import { tests } from './tests.mjs';
import { attackTests } from './attacks.tests.mjs';
import { talkTests } from './talks.tests.mjs';
import { courseTests } from './course.tests.mjs';
import { securityTests } from './security.tests.mjs';
import { harTests } from './har.tests.mjs';
import { openPage } from './harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// DIST_DIR (e.g. dist-mine/) lets two people build and test side by side without sharing dist/
const dist = process.env.DIST_DIR ? resolve(process.env.DIST_DIR) : join(root, 'dist');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), info.mtimeMs);
}

function buildIfStale() {
  const built = existsSync(join(dist, 'index.html')) ? statSync(join(dist, 'index.html')).mtimeMs : 0;
  const sources = Math.max(
    ...['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'].map((p) =>
      newestMtime(join(root, p)),
    ),
  );
  if (built > sources) return;
  console.log(built ? 'dist/ is older than the sources: building…' : 'No dist/: building…');
  execSync(`npx vite build --outDir ${JSON.stringify(dist)} --emptyOutDir`, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function main() {
  buildIfStale();
  mkdirSync(join(root, 'e2e', 'screenshots'), { recursive: true });
  const server = await serve(dist);
  const browser = await launchChromium();
  const only = process.argv[2];
  let passed = 0;
  let failed = 0;
  for (const test of [
    ...tests,
    ...attackTests,
    ...talkTests,
    ...courseTests,
    ...securityTests,
    ...harTests,
  ]) {
    if (only && !test.name.includes(only)) continue;
    const started = Date.now();
    const session = await openPage(browser, server.url, test.options);
    try {
      await test.run(session);
      session.assertClean();
      passed++;
      console.log(`✓ ${test.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.log(
        `✗ ${test.name} (${Date.now() - started} ms)\n    ${String(error?.stack ?? error)
          .split('\n')
          .slice(0, 6)
          .join('\n    ')}`,
      );
      await session.page
        .screenshot({ path: join(root, 'e2e', 'screenshots', `FAILED-${test.slug}.png`) })
        .catch(() => undefined);
    } finally {
      await session.close();
    }
  }
  await browser.close();
  await server.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
