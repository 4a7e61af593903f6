/**
 * Where the attacker first moves in an attack run: in most attacks 30 or more ordinary messages of
 * the victim's flow come first (issue 16), so the step panel offers to jump there. Found by running
 * the same configuration headless through the core (one seed, one run: the world is deterministic,
 * src/sim/world/random.ts), with the consent answers each page's default would give, as a deep
 * link's are (positioning.ts).
 */
import { useEffect, useState } from 'react';
import type { RunConfig } from '../../sim/flow/simulation';
import type { TraceEvent } from '../../sim/trace/types';
import type { Core } from '../core/loadCore';

/** The attacker's first move: the first message to or from her lane, or one she marked as hers. */
export function isAttackerMove(event: TraceEvent): boolean {
  return (
    event.from === 'attacker' ||
    event.to === 'attacker' ||
    event.mark === 'attacker' ||
    event.mark === 'stolen' ||
    event.mark === 'breach'
  );
}

const known = new Map<string, Promise<number | null>>();

/** The index of the attacker's first move in the run of `config`, or null when she never moves. */
export function attackerFirstMove(core: Core, config: RunConfig): Promise<number | null> {
  const key = JSON.stringify(config);
  let found = known.get(key);
  if (!found) {
    found = core.runFlow(config).then(({ trace }) => {
      const index = trace.findIndex(isAttackerMove);
      return index < 0 ? null : index;
    });
    found.catch(() => known.delete(key));
    known.set(key, found);
  }
  return found;
}

/** The index of the attacker's first move, once known; null without an attack, or while it is worked out. */
export function useAttackerFirstMove(core: Core | null, config: RunConfig): number | null {
  const [found, setFound] = useState<{ config: RunConfig; index: number | null } | null>(null);
  useEffect(() => {
    if (!core || !config.attack) return undefined;
    let live = true;
    attackerFirstMove(core, config).then(
      (index) => live && setFound({ config, index }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [core, config]);
  return found?.config === config ? found.index : null;
}
