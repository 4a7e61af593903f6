/**
 * Lighthouse, mobile and desktop presets, on the built app served the way a static host serves it
 * (gzip, e2e/server.ts), in Debian's Chromium. Scores and the metrics behind performance (FCP, LCP,
 * TBT, CLS, Speed Index), and the ids of any failed accessibility audit. A floor page (a few bytes
 * of HTML, served by the same server in the same run) shows what this machine scores at best: on a
 * loaded 2-core machine Lighthouse's simulated throttling turns CPU noise into lost points, so read
 * the app's figures against the floor's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import type { Flags, Result } from 'lighthouse';
import { serve } from '../e2e/server';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = {
  'first-contentful-paint': 'FCP',
  'largest-contentful-paint': 'LCP',
  'total-blocking-time': 'TBT',
  'cumulative-layout-shift': 'CLS',
  'speed-index': 'SI',
} as const;

type Preset = 'mobile' | 'desktop';

async function audit(url: string, preset: Preset): Promise<Result> {
  const chrome = await launch({
    chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const flags: Flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES };
    const runner = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
    if (!runner) throw new Error(`Lighthouse returned nothing for ${url}`);
    return runner.lhr;
  } finally {
    chrome.kill();
  }
}

/**
 * Which element Lighthouse took for the largest contentful paint, and when this browser painted it
 * (the LCP above is Lighthouse's simulation of a slower machine from this load): the figure to read
 * when the score moves, as a late panel's paragraph rather than the first paint's content costs
 * points while everything else is at its best.
 */
function lcpElement(lhr: Result): string | null {
  const observed = (lhr.audits.metrics?.details as { items?: { observedLargestContentfulPaint?: number }[] })
    ?.items?.[0]?.observedLargestContentfulPaint;
  const details = lhr.audits['lcp-breakdown-insight']?.details as
    { items?: { type?: string; selector?: string }[] } | undefined;
  const selector = details?.items?.find((item) => item.type === 'node')?.selector;
  if (!selector && observed === undefined) return null;
  const at = observed === undefined ? '' : `, observed at ${Math.round(observed)} ms`;
  return `LCP element ${selector ?? '?'}${at}`;
}

function summarise(lhr: Result): string {
  const scores = CATEGORIES.map((id) => {
    const score = lhr.categories[id]?.score;
    return `${id} ${score === null || score === undefined ? '?' : Math.round(score * 100)}`;
  });
  const metrics = Object.entries(METRICS).map(([id, label]) => {
    const value = lhr.audits[id]?.numericValue;
    if (value === undefined) return `${label} ?`;
    return id === 'cumulative-layout-shift'
      ? `${label} ${value.toFixed(3)}`
      : `${label} ${Math.round(value)} ms`;
  });
  const lcp = lcpElement(lhr);
  const failedA11y = (lhr.categories.accessibility?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score === 0)
    .map((ref) => ref.id);
  return [
    scores.join(', '),
    metrics.join(', '),
    ...(lcp ? [lcp] : []),
    ...(failedA11y.length ? [`accessibility fails: ${failedA11y.join(', ')}`] : []),
  ].join('; ');
}

/** `dist` must hold a build (benchUi builds it first). */
export async function benchLighthouse(dist: string): Promise<Record<string, string>> {
  const floorDir = join(dist, 'bench-floor');
  mkdirSync(floorDir, { recursive: true });
  writeFileSync(
    join(floorDir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="description" content="floor"><title>Floor</title></head><body><main><h1>Floor</h1></main></body></html>',
  );
  const server = await serve(dist);
  const pages = {
    floor: `${server.url}/bench-floor/`,
    simulator: `${server.url}/#/sim?scenario=first-connection&reg=cimd`,
    lesson: `${server.url}/#/lessons/discovery`,
  };
  const results: Record<string, string> = {};
  try {
    for (const preset of ['mobile', 'desktop'] as const) {
      for (const [name, url] of Object.entries(pages)) {
        results[`Lighthouse ${preset}, ${name}`] = summarise(await audit(url, preset));
      }
    }
  } finally {
    await server.close();
  }
  return results;
}
