/**
 * Headless flow benchmark (issue 2): the median time of a whole run in Node after warm-up, the
 * time per step, and heap use over 1,000 consecutive runs (the world must not grow without bound).
 */
import { runFlow } from '../src/sim/flow/simulation';
import type { RunConfig } from '../src/sim/flow/simulation';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export async function benchFlow(): Promise<Record<string, string>> {
  const results: Record<string, string> = {};
  for (const config of [
    { seed: 'bench', scenario: 'first-connection', registration: 'dcr' },
    { seed: 'bench', scenario: 'step-up', registration: 'cimd' },
  ] satisfies RunConfig[]) {
    for (let i = 0; i < 30; i++) await runFlow(config); // warm-up: JIT, module init, crypto
    const times: number[] = [];
    let events = 0;
    for (let i = 0; i < 100; i++) {
      const start = performance.now();
      const run = await runFlow({ ...config, seed: `bench-${i}` });
      times.push(performance.now() - start);
      events = run.trace.length;
    }
    const m = median(times);
    results[`${config.scenario}/${config.registration}: median whole flow`] =
      `${m.toFixed(2)} ms (${events} steps, target < 50 ms)`;
    results[`${config.scenario}/${config.registration}: median per step`] =
      `${((m / events) * 1000).toFixed(0)} µs`;
  }

  const before = heapMb();
  for (let i = 0; i < 1000; i++)
    await runFlow({ seed: `soak-${i}`, scenario: 'first-connection', registration: 'dcr' });
  const after = heapMb();
  results['heap before 1,000 runs'] = `${before.toFixed(1)} MB`;
  results['heap after 1,000 runs'] = `${after.toFixed(1)} MB (growth ${(after - before).toFixed(1)} MB)`;
  return results;
}
