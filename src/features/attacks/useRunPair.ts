/**
 * Runs one attack twice, headless, through the lazily loaded core: defence off, then on, with the
 * run's own seed, so the defended side is message for message what the player shows. Results are
 * kept for the last few attacks, so reopening the comparison is instant.
 */
import { useEffect, useState } from 'react';
import type { RunConfig } from '../../sim/flow/simulation';
import type { Core } from '../../run/core/loadCore';
import type { RunPair } from './compare';
import { runKey, withoutAttack } from './labConfig';
import type { AttackRef } from './labConfig';

const KEEP = 6;
const cache = new Map<string, Promise<RunPair>>();

export function runPair(core: Core, config: RunConfig, ref: AttackRef): Promise<RunPair> {
  const key = runKey(config, ref);
  const { id, variant } = ref;
  const known = cache.get(key);
  if (known) return known;
  const base = withoutAttack(config);
  const pending = (async (): Promise<RunPair> => {
    // One after the other: each run has its own world, but there is no reason to interleave them.
    const off = await core.runFlow({ ...base, attack: { id, variant, defence: 'off' } });
    const on = await core.runFlow({ ...base, attack: { id, variant, defence: 'on' } });
    return {
      off: { trace: off.trace, report: off.attack ?? null },
      on: { trace: on.trace, report: on.attack ?? null },
      diff: core.diffRuns(off.trace, on.trace),
    };
  })();
  pending.catch(() => cache.delete(key));
  cache.set(key, pending);
  for (const old of cache.keys()) {
    if (cache.size <= KEEP) break;
    cache.delete(old);
  }
  return pending;
}

export type PairState =
  { status: 'running' } | { status: 'done'; pair: RunPair } | { status: 'error'; message: string };

export function useRunPair(core: Core, config: RunConfig, ref: AttackRef): PairState {
  const key = runKey(config, ref);
  const { id, variant } = ref;
  const [result, setResult] = useState<{ key: string; state: PairState } | null>(null);
  useEffect(() => {
    let live = true;
    runPair(core, config, { id, variant }).then(
      (pair) => live && setResult({ key, state: { status: 'done', pair } }),
      (error: unknown) =>
        live &&
        setResult({
          key,
          state: { status: 'error', message: error instanceof Error ? error.message : String(error) },
        }),
    );
    return () => {
      live = false;
    };
  }, [core, config, id, variant, key]);
  return result?.key === key ? result.state : { status: 'running' };
}
