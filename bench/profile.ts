/**
 * Profiling aid for the "Next → new arrow painted" figure (not part of `npm run bench`): opens the
 * long session at AT messages in headless Chromium, presses Next a few times as bench/ui.ts does,
 * and prints, per press, the time from the key to React's commit of the new arrow, to the frame
 * that paints it (bench/ui.ts's figure) and to the end of that frame's painting; then, from a
 * Chrome trace, the main thread's CPU time per press split into script, style, layout and paint
 * (thread time: what other processes on the machine do does not count). Writes the raw trace
 * (TRACE_OUT, default /tmp/next-trace.json) for the DevTools Performance panel.
 *
 *   DIST_DIR=dist-perf npx tsx bench/profile.ts             # builds into DIST_DIR first
 *   DIST_DIR=dist-perf NO_BUILD=1 AT=40 PRESSES=15 npx tsx bench/profile.ts
 *
 * Options (environment): AT (messages, 100), PRESSES (9), WARMUP (presses before measuring, 2),
 * NO_BUILD, NO_TRACE (timings only), INVALIDATIONS (record style and layout invalidations),
 * INJECT_CSS (extra CSS, to try a rule before changing the stylesheets), CPU (a sampled CPU
 * profile: self and total time per function; CPU_INTERVAL in µs, TREE=1 for a call tree),
 * COMMITS (which components each React commit rendered; with a build from
 * bench/vite.profiling.config.ts, how long each took).
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
// The e2e suite's static server and Chromium launcher.
import { serve } from '../e2e/server';
import { launchChromium } from '../e2e/chromium';

const root = resolve(import.meta.dirname, '..');
// Never dist/ by default: an e2e run may be using it.
const dist = resolve(process.env.DIST_DIR ?? join(root, 'dist-perf'));
const at = Number(process.env.AT ?? 100);
const presses = Number(process.env.PRESSES ?? 9);
const out = process.env.TRACE_OUT ?? '/tmp/next-trace.json';

/** Like bench/ui.ts's TIME_NEXT, with the intermediate moments and the end of the painted frame. */
const TIME_NEXT = `new Promise((resolve) => {
  const count = document.querySelectorAll('.react-flow [data-seq]').length;
  const target = '.react-flow [data-seq="' + count + '"]';
  performance.mark('next:start');
  const start = performance.now();
  let commit = 0;
  const observer = new MutationObserver(() => {
    if (!document.querySelector(target)) return;
    observer.disconnect();
    commit = performance.now() - start;
    performance.mark('next:commit');
    requestAnimationFrame(() => {
      const raf = performance.now() - start;
      performance.mark('next:raf');
      // A task posted from the frame's rAF runs once that frame's style, layout and paint are done;
      // at user-blocking priority, before work the page queued for after the frame (as bench/ui.ts).
      const done = () => {
        performance.mark('next:painted');
        resolve({ commit, raf, painted: performance.now() - start });
      };
      if (globalThis.scheduler && scheduler.postTask) return void scheduler.postTask(done, { priority: 'user-blocking' });
      const channel = new MessageChannel();
      channel.port1.onmessage = done;
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
})`;

/**
 * COMMITS=1: a stand-in for the React DevTools hook that records, for each React commit, which
 * components rendered (React's PerformedWork flag) and, with React's profiling build
 * (bench/vite.profiling.config.ts), how long each took on its own.
 */
const COMMIT_HOOK = `(() => {
  const names = (fiber) => {
    const t = fiber.type;
    if (!t) return null;
    return t.displayName || t.name || (t.type && (t.type.displayName || t.type.name)) || (t.render && t.render.name) || 'anonymous';
  };
  window.__commits = [];
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject(renderer) { this.renderers.set(1, renderer); return 1; },
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
    onCommitFiberRoot(_id, root) {
      const rendered = {};
      let count = 0;
      const stack = [root.current];
      while (stack.length) {
        const f = stack.pop();
        if ([0, 1, 11, 14, 15].includes(f.tag) && (f.flags & 1)) {
          const n = names(f);
          const r = rendered[n] || (rendered[n] = { n: 0, ms: 0 });
          r.n++;
          r.ms += f.selfBaseDuration || 0;
          count++;
        }
        if (f.sibling) stack.push(f.sibling);
        // A subtree React did not visit keeps its old fibers (and their old flags): skip it.
        if (f.child && (!f.alternate || f.child !== f.alternate.child)) stack.push(f.child);
      }
      window.__commits.push({ at: performance.now(), count, rendered, ms: root.current.actualDuration || 0 });
    },
  };
})()`;

interface Timing {
  commit: number;
  raf: number;
  painted: number;
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: what the main thread really spent, whatever else the machine was doing. */
  tdur?: number;
  tid: number;
  pid: number;
  args?: { data?: Record<string, unknown> };
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

async function ready(page: import('playwright-core').Page): Promise<void> {
  await page.waitForFunction(() => {
    const status = document.querySelector('.toolbar')?.getAttribute('data-status') ?? 'loading';
    return Boolean(document.querySelector('.react-flow [data-seq]')) && !['loading', 'busy'].includes(status);
  });
}

const BUCKETS: Record<string, string> = {
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
  UpdateLayer: 'paint',
  MajorGC: 'gc',
  MinorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'V8.GC_MC_BACKGROUND_MARKING': 'gc',
  'BlinkGC.AtomicPhase': 'gc',
};

/**
 * The main thread's CPU time (thread time, so other processes on the machine do not count) between
 * two timestamps (µs), split into script, style, layout, paint and GC by each event's self time.
 */
function cpuBreakdown(events: TraceEvent[], from: number, to: number): Record<string, number> {
  const inRange = events
    .filter((e) => e.ph === 'X' && e.ts >= from && e.ts <= to && e.tdur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const sums: Record<string, number> = { script: 0, style: 0, layout: 0, paint: 0, gc: 0, layouts: 0 };
  const stack: { end: number; bucket: string }[] = [];
  for (const e of inRange) {
    while (stack.length && (stack.at(-1)?.end ?? 0) <= e.ts) stack.pop();
    const parent = stack.at(-1);
    const bucket = BUCKETS[e.name] ?? (parent ? parent.bucket : 'script');
    // Self time: add this event's thread time to its bucket, and take it from its parent's.
    const ms = (e.tdur ?? 0) / 1000;
    sums[bucket] = (sums[bucket] ?? 0) + ms;
    if (parent) sums[parent.bucket] = (sums[parent.bucket] ?? 0) - ms;
    if (e.name === 'Layout') sums.layouts = (sums.layouts ?? 0) + 1;
    stack.push({ end: e.ts + (e.dur ?? 0), bucket });
  }
  return sums;
}

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function, and total (inclusive) time per function, over the recorded presses. */
function printProfile(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const nameOf = (id: number): string => {
    const f = byId.get(id)?.callFrame;
    if (!f) return '?';
    const file = f.url.split('/').pop() ?? '';
    return `${f.functionName || '(anon)'} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
  };
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const name = nameOf(id);
    self.set(name, (self.get(name) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const k = nameOf(n);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${v.toFixed(1).padStart(7)}  ${k}`)
      .join('\n');
  // Top-down tree of inclusive times, to see which path (event, microtask, frame, observer) costs what.
  const inclusive = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n))
      inclusive.set(n, (inclusive.get(n) ?? 0) + dt);
  });
  const minMs = Number(process.env.TREE_MIN ?? 8);
  const lines: string[] = [];
  const walk = (id: number, depth: number) => {
    const ms = inclusive.get(id) ?? 0;
    if (ms < minMs || depth > Number(process.env.TREE_DEPTH ?? 40)) return;
    lines.push(`${ms.toFixed(1).padStart(7)} ${'  '.repeat(depth)}${nameOf(id)}`);
    const kids = [...(byId.get(id)?.children ?? [])].sort(
      (a, b) => (inclusive.get(b) ?? 0) - (inclusive.get(a) ?? 0),
    );
    for (const c of kids) walk(c, depth + 1);
  };
  const rootNode = profile.nodes.find((n) => !parent.has(n.id));
  if (process.env.TREE && rootNode) {
    walk(rootNode.id, 0);
    console.log(`\nTree (ms, all presses, >= ${minMs} ms):\n${lines.join('\n')}`);
  }
  console.log(`\nSelf time (ms, all presses):\n${top(self, 45)}`);
  console.log(`\nTotal time (ms, all presses):\n${top(total, 400)}`);
}

async function main() {
  if (!process.env.NO_BUILD)
    execSync(`npx vite build --outDir ${JSON.stringify(dist)} --emptyOutDir`, {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  const server = await serve(dist);
  const browser: Browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    if (process.env.COMMITS) await page.addInitScript(COMMIT_HOOK);
    await page.goto(`${server.url}/#/sim?scenario=long-session&reg=cimd&consent=approve&step=${at}`);
    await ready(page);
    // Experiments: extra CSS to try before changing the stylesheets.
    if (process.env.INJECT_CSS) await page.addStyleTag({ content: process.env.INJECT_CSS });
    // Warm up: the first presses compile code paths the later ones reuse.
    for (let i = 0; i < Number(process.env.WARMUP ?? 2); i++) {
      await page.evaluate(TIME_NEXT);
      await ready(page);
    }
    const tracing = !process.env.NO_TRACE;
    if (tracing)
      await browser.startTracing(page, {
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'blink.user_timing',
          'blink.gc',
          'v8',
          'cc',
          'gpu',
          'viz',
          'disabled-by-default-devtools.timeline.frame',
          ...(process.env.INVALIDATIONS
            ? ['disabled-by-default-devtools.timeline.invalidationTracking']
            : []),
        ],
      });
    const cdp = process.env.CPU ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: Number(process.env.CPU_INTERVAL ?? 100) });
      await cdp.send('Profiler.start');
    }
    const timings: Timing[] = [];
    const commits: { count: number; ms: number; rendered: Record<string, { n: number; ms: number }> }[][] =
      [];
    for (let i = 0; i < presses; i++) {
      if (process.env.COMMITS) await page.evaluate('window.__commits = []');
      timings.push(await page.evaluate<Timing>(TIME_NEXT));
      await ready(page);
      if (process.env.COMMITS) commits.push(await page.evaluate('window.__commits'));
    }
    if (process.env.COMMITS) {
      const last = commits.at(-1) ?? [];
      console.log(`\nReact commits in the last press: ${last.length}`);
      for (const c of last) {
        const top = Object.entries(c.rendered)
          .sort((a, b) => b[1].ms - a[1].ms || b[1].n - a[1].n)
          .slice(0, Number(process.env.COMMITS_TOP ?? 25))
          .map(([n, r]) => `${n}×${r.n}${r.ms ? ` ${r.ms.toFixed(2)}ms` : ''}`);
        console.log(`  commit: ${c.count} components rendered, ${c.ms.toFixed(1)} ms\n    ${top.join(', ')}`);
      }
    }
    console.log(`At ${at} messages, ${presses} presses (ms): key → commit, → rAF, → painted`);
    for (const t of timings)
      console.log(`  ${t.commit.toFixed(1)}  ${t.raf.toFixed(1)}  ${t.painted.toFixed(1)}`);
    console.log(
      `  median: ${median(timings.map((t) => t.commit)).toFixed(1)}  ${median(timings.map((t) => t.raf)).toFixed(1)}  ${median(timings.map((t) => t.painted)).toFixed(1)}`,
    );

    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(out.replace(/\.json$/, '.cpuprofile'), JSON.stringify(profile));
      printProfile(profile as CpuProfile);
    }
    if (!tracing) return;
    const buffer = await browser.stopTracing();
    writeFileSync(out, buffer);
    const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
    const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
    // Per press: the main thread's work between the marks.
    const marks = events
      .filter((e) => e.cat.includes('blink.user_timing') && e.name.startsWith('next:'))
      .sort((a, b) => a.ts - b.ts);
    const start = marks.find((m) => m.name === 'next:start');
    if (!start) return;
    const { tid, pid } = start;
    const main = events.filter((e) => e.tid === tid && e.pid === pid);
    const rows: Record<string, number>[] = [];
    for (let i = 0; i + 3 < marks.length; i += 4) {
      const [s, c, r, p] = marks.slice(i, i + 4);
      if (!s || !c || !r || !p) break;
      const toCommit = cpuBreakdown(main, s.ts - 500, c.ts);
      const toRaf = cpuBreakdown(main, s.ts - 500, r.ts);
      const toPainted = cpuBreakdown(main, s.ts - 500, p.ts);
      rows.push({
        'cpu to commit': Object.entries(toCommit).reduce((n, [k, v]) => (k === 'layouts' ? n : n + v), 0),
        'cpu to rAF': Object.entries(toRaf).reduce((n, [k, v]) => (k === 'layouts' ? n : n + v), 0),
        'cpu to painted': Object.entries(toPainted).reduce((n, [k, v]) => (k === 'layouts' ? n : n + v), 0),
        ...toPainted,
      });
    }
    const keys = Object.keys(rows[0] ?? {});
    console.log('\nMain-thread CPU per press (thread time, ms; medians), key press to painted frame:');
    for (const k of keys) console.log(`  ${k}: ${median(rows.map((r) => r[k] ?? 0)).toFixed(1)}`);
    console.log(`\nTrace written to ${out}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
