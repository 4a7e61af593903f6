/**
 * Browser benchmark (issue 3): JavaScript needed for first paint and in total (gzip), the time from
 * navigation to an interactive diagram in headless Chromium, and the time from a Next key press to
 * the new arrow being painted, at 10, 40 and 100 messages (the long-session scenario has 123).
 */
import { execSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
// The e2e suite's static server (plain JavaScript, no types).
// @ts-expect-error -- untyped .mjs module
import { serve } from '../e2e/server.mjs';
// @ts-expect-error -- untyped .mjs module
import { launchChromium } from '../e2e/chromium.mjs';

const root = resolve(import.meta.dirname, '..');
// DIST_DIR: build and measure in another folder, so a running e2e suite's dist/ is left alone.
const dist = process.env.DIST_DIR ? resolve(process.env.DIST_DIR) : join(root, 'dist');

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const gz = (file: string): number => gzipSync(readFileSync(join(dist, file))).length;

function scriptsIn(html: string): string[] {
  const found = [
    ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\.?\/?([^"]+\.js)"/g),
  ];
  return found.map((m) => m[1] ?? '').filter(Boolean);
}

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const toolbar = document.querySelector('.toolbar');
      const status = toolbar?.getAttribute('data-status') ?? 'loading';
      return (
        Boolean(document.querySelector('.react-flow [data-seq]')) && !['loading', 'busy'].includes(status)
      );
    },
    undefined,
    { timeout: 30_000 },
  );
}

async function openAt(
  browser: Browser,
  url: string,
): Promise<{ page: Page; loadedJs: string[]; ms: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const loadedJs: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.js')) loadedJs.push(new URL(r.url()).pathname.replace(/^\//, ''));
  });
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  const ms = await page.evaluate(() => performance.now());
  return { page, loadedJs, ms };
}

/**
 * One Next press, timed inside the page from the key event to the frame after the new arrow exists.
 * Written as a string: tsx would wrap named functions in a helper the page does not have.
 */
const TIME_NEXT = `new Promise((resolve) => {
  const count = document.querySelectorAll('.react-flow [data-seq]').length;
  const target = '.react-flow [data-seq="' + count + '"]';
  const start = performance.now();
  const observer = new MutationObserver(() => {
    if (!document.querySelector(target)) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - start));
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
})`;

async function timeNext(page: Page): Promise<number> {
  return Number(await page.evaluate(TIME_NEXT));
}

export async function benchUi(): Promise<Record<string, string>> {
  execSync(`npx vite build --outDir ${JSON.stringify(dist)} --emptyOutDir`, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const results: Record<string, string> = {};
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const firstPaint = scriptsIn(html);
  const allJs = readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  results['JS for first paint (gzip)'] =
    `${kb(firstPaint.reduce((n, f) => n + gz(f), 0))} (${firstPaint.join(', ')}; target 160 KB)`;
  results['JS of the whole app, every route (gzip)'] = kb(allJs.reduce((n, f) => n + gz(f), 0));

  const server = (await serve(dist)) as { url: string; close: () => Promise<void> };
  const browser: Browser = await launchChromium();
  try {
    const loads: number[] = [];
    let simulatorJs: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { page, loadedJs, ms } = await openAt(
        browser,
        `${server.url}/#/sim?scenario=first-connection&reg=cimd&step=1`,
      );
      loads.push(ms);
      simulatorJs = [...new Set(loadedJs)];
      await page.context().close();
    }
    results['JS the simulator loads in total (gzip)'] =
      `${kb(simulatorJs.reduce((n, f) => n + gz(f), 0))} (target 320 KB)`;
    results['navigation → interactive diagram, median of 5'] = `${median(loads).toFixed(0)} ms`;

    for (const at of [10, 40, 100]) {
      const { page } = await openAt(
        browser,
        `${server.url}/#/sim?scenario=long-session&reg=cimd&consent=approve&step=${at}`,
      );
      const times: number[] = [];
      for (let i = 0; i < 9; i++) {
        // Nine presses from `at` messages on: the diagram is at about that size throughout.
        times.push(await timeNext(page));
        await ready(page);
      }
      results[`Next → new arrow painted at ${at} messages, median of 9`] =
        `${median(times).toFixed(1)} ms (target < 16 ms at 100)`;
      await page.context().close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return results;
}
