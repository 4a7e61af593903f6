// The first paint's reading of an address (plainStart) against the simulator's own (simParams): where
// the first says "the start of this scenario", the simulator must open exactly there.
import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS } from '../../sim/scenarios';
import { readSimParams } from '../simParams';
import { plainStart } from './plainStart';

const QUERIES = [
  '',
  'reg=dcr',
  'seed=talk&reg=preregistered&theme=dark&mask=1&predict=1',
  'scenario=nonsense',
  'step=0',
  'step=3',
  'at=token:response',
  'sel=2',
  'consent=deny',
  'attack=mix-up&defence=off',
  'attack=nonsense',
  'rev=2025-06-18',
  'rev=2025-03-26',
  'client=2025-06-18',
  ...SCENARIO_IDS.flatMap((id) => [`scenario=${id}`, `scenario=${id}&reg=dcr`, `scenario=${id}&step=2`]),
];

describe('plainStart', () => {
  it.each(QUERIES)('names a start at %j only where the simulator opens at it', (query) => {
    const start = plainStart(query);
    if (start === null) return;
    const setup = readSimParams(query);
    expect(setup.config.scenario).toBe(start);
    expect(setup.config.attack).toBeUndefined();
    expect(setup.config.revision).toBeUndefined();
    expect(setup.target).toEqual({ kind: 'count', count: 0 });
    expect(setup.selected).toBeUndefined();
    expect(setup.decisions).toEqual([]);
    expect(setup.fallbacks).toBeUndefined();
  });

  it('names every scenario at its plain start, and none once a step, selection or attack is asked for', () => {
    for (const id of SCENARIO_IDS) expect(plainStart(`scenario=${id}&reg=cimd`)).toBe(id);
    expect(plainStart('')).toBe(readSimParams('').config.scenario);
    for (const query of ['step=3', 'sel=1', 'attack=mix-up', 'at=token:response', 'scenario=nonsense'])
      expect(plainStart(query)).toBeNull();
  });
});
