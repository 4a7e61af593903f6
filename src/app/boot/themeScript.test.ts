// @vitest-environment happy-dom
// public/theme.js decides, before any module has loaded, whether the app's first render will be the
// simulator's shell (BootShell.tsx); the router and the view switches decide it afterwards. Run in
// a sandbox here over addresses a learner, a speaker and an embedding page use, and held to them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseHash } from '../router';
import { readViewOptions } from '../../run/view/view';
import { readLaunch } from '../../features/lms/launch';
import { DEFAULT_SCENARIO } from '../../sim/scenarios';
import { plainStart } from '../simulator/plainStart';

const script = readFileSync(join(import.meta.dirname, '../../../public/theme.js'), 'utf8');

interface Page {
  dataset: Record<string, string>;
  style: Record<string, string>;
}

interface Launch {
  search?: string;
  /** The platform a SCORM launch page names in its meta tag. */
  lms?: string;
}

function lmsDocument(lms: string | undefined): Document {
  const html = lms ? `<meta name="mcp-sim-lms" content="${lms}" />` : '';
  return new DOMParser().parseFromString(`<head>${html}</head>`, 'text/html');
}

function runThemeScript(hash: string, stored: string | null = null, dark = false, launch: Launch = {}): Page {
  const root: Page = { dataset: {}, style: {} };
  const doc = lmsDocument(launch.lms);
  runInNewContext(script, {
    location: { hash, search: launch.search ?? '' },
    document: { documentElement: root, querySelector: (selector: string) => doc.querySelector(selector) },
    localStorage: { getItem: () => stored },
    matchMedia: () => ({ matches: dark }),
    URLSearchParams,
  });
  return root;
}

/** What the app's first render is, from the app's own readers of the address. */
function drawsTheShell(hash: string, launch: Launch = {}): boolean {
  if (readLaunch(lmsDocument(launch.lms), launch.search ?? '')) return false;
  const route = parseHash(hash);
  if (route.name !== 'sim') return false;
  const view = readViewOptions(route.query);
  return !view.present && !view.embed;
}

/** Where the shell's side column is the default scenario's start, from the app's own reader. */
function drawsTheStart(hash: string): boolean {
  const route = parseHash(hash);
  return drawsTheShell(hash) && route.name === 'sim' && plainStart(route.query) === DEFAULT_SCENARIO;
}

const ADDRESSES = [
  '',
  '#',
  '#/',
  '#/sim',
  '#/sim/',
  '#/sim?scenario=first-connection&reg=cimd',
  '#/sim?scenario=first-connection&reg=dcr&seed=talk&theme=dark',
  '#/sim?reg=preregistered&mask=1',
  '#/sim?scenario=refresh',
  '#/sim?scenario=nonsense',
  '#/sim?scenario=first-connection&step=0',
  '#/sim?scenario=first-connection&sel=2',
  '#/sim?scenario=first-connection&at=token:response',
  '#/sim?scenario=first-connection&consent=deny',
  '#/sim?scenario=first-connection&rev=2025-06-18',
  '#/sim?scenario=first-connection&client=2025-06-18',
  '#/sim?scenario=first-connection%26attack%3Dmix-up',
  '#/sim?scenario=first-connection&reg=cimd&step=1',
  '#/sim?attack=mix-up&defence=on',
  '#/sim?present=1',
  '#/sim?scenario=refresh&present=true&scale=1.25',
  '#/sim?present=on',
  '#/sim?present=0',
  '#/sim?embed=1&lock=1&attack=mix-up',
  '#/sim?lock=1&embed=true',
  '#/sim?embed=no',
  '#/sim?theme=dark',
  '#/simulator',
  '#sim',
  '#/lessons',
  '#/lessons/discovery?embed=1',
  '#/quiz/pkce?q=pkce-1',
  '#/presenter-notes?scenario=first-connection',
  '#/revisions?view=changes',
  '#/har',
  '#/practice/abc',
  '#/progress',
  '#/nowhere',
];

describe('public/theme.js', () => {
  it.each(ADDRESSES)('marks the boot shell at %j exactly where the app draws it first', (hash) => {
    expect(runThemeScript(hash).dataset.boot === 'sim').toBe(drawsTheShell(hash));
  });

  it.each(ADDRESSES)(
    "draws the shell's side column at %j as the start exactly where the app does",
    (hash) => {
      expect(runThemeScript(hash).dataset.bootSide === 'start').toBe(drawsTheStart(hash));
    },
  );

  it.each([
    {
      search:
        '?endpoint=https%3A%2F%2Flrs.example&fetch=https%3A%2F%2Flms.example%2Ft&actor=%7B%7D&registration=r&activityId=a',
    },
    { search: '?endpoint=https%3A%2F%2Flrs.example&auth=Basic%20x&actor=%7B%7D' },
    { lms: 'scorm-1.2' },
    { lms: 'scorm-2004' },
    { search: '?utm_source=talk' },
  ])('never marks it on a launch that may open elsewhere (%j)', (launch) => {
    for (const hash of ['', '#/sim']) {
      const marked = runThemeScript(hash, null, false, launch).dataset.boot === 'sim';
      if (marked) expect(drawsTheShell(hash, launch)).toBe(true);
      if (launch.lms || launch.search?.includes('endpoint')) expect(marked).toBe(false);
    }
  });

  it('shows the shell on the simulator and not on a lesson (the cases above are not all one way)', () => {
    expect(ADDRESSES.filter((hash) => drawsTheShell(hash)).length).toBeGreaterThan(3);
    expect(ADDRESSES.filter((hash) => !drawsTheShell(hash)).length).toBeGreaterThan(3);
    expect(ADDRESSES.filter((hash) => drawsTheStart(hash)).length).toBeGreaterThan(3);
    expect(ADDRESSES.filter((hash) => drawsTheShell(hash) && !drawsTheStart(hash)).length).toBeGreaterThan(3);
  });

  it('applies the remembered theme, the system one, or the one an embedding link fixes', () => {
    expect(runThemeScript('#/sim', 'dark').dataset.theme).toBe('dark');
    expect(runThemeScript('#/sim', null, true).dataset.theme).toBe('dark');
    expect(runThemeScript('#/sim', 'nonsense').dataset.theme).toBe('light');
    expect(runThemeScript('#/sim?embed=1&theme=dark', 'light').dataset.theme).toBe('dark');
  });
});
