// End-to-end tests in a real Chromium: `npm run test:e2e` (TypeScript, run by tsx).
// Builds dist/ when it is missing or older than the sources, serves it on 127.0.0.1, runs each
// test in a fresh browser context, and ends with "N passed, M failed" (non-zero exit on failure).
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium';
import { serve } from './server';
import { tests } from './tests';
import { attackTests } from './attacks.tests';
import { talkTests } from './talks.tests';
import { courseTests } from './course.tests';
import { securityTests } from './security.tests';
import { harTests } from './har.tests';
import { identityTests } from './identity.tests';
import { learnTests } from './learn.tests';
import { inspectorTests } from './inspector.tests';
import { lmsTests } from './lms.tests';
import { roomTests } from './room.tests';
import { revisionTests } from './revisions.tests';
import { openPage } from './harness';
import type { E2eTest } from './harness';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// DIST_DIR (e.g. dist-mine/) lets two people build and test side by side without sharing dist/
const dist = process.env.DIST_DIR ? resolve(process.env.DIST_DIR) : join(root, 'dist');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), info.mtimeMs);
}

function buildIfStale(): void {
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

/** What a failure prints: an Error's stack (its message and where), anything else as a string. */
function stackOf(error: unknown): string {
  return error instanceof Error && error.stack !== undefined ? error.stack : String(error);
}

async function main(): Promise<void> {
  buildIfStale();
  mkdirSync(join(root, 'e2e', 'screenshots'), { recursive: true });
  const server = await serve(dist);
  const browser = await launchChromium();
  const only = process.argv[2];
  let passed = 0;
  let failed = 0;
  const all: E2eTest[] = [
    ...tests,
    ...attackTests,
    ...talkTests,
    ...courseTests,
    ...securityTests,
    ...harTests,
    ...identityTests,
    ...learnTests,
    ...inspectorTests,
    ...lmsTests,
    ...roomTests,
    ...revisionTests,
  ];
  for (const test of all) {
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
        `✗ ${test.name} (${Date.now() - started} ms)\n    ${stackOf(error)
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

main().catch((error: unknown) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
