/**
 * The attack marks and lanes, over real headless runs of every attack: the stop is the report's,
 * stolen artefacts are marked where they cross into the attacker's lane, and the diagram draws the
 * Attacker lane (and the Downstream API lane where the run uses it).
 */
import { describe, expect, it } from 'vitest';
import { ATTACK_IDS } from '../../sim/attacks/ids';
import { runFlow } from '../../sim/flow/simulation';
import type { RunConfig } from '../../sim/flow/simulation';
import { layoutSequence } from '../trace/layout';
import { buildEdges } from '../../features/diagram/elements';
import { DEFAULT_LAYOUT } from '../trace/layout';
import { attackMarks, markOf, outcomeHeadline, sameMark } from './marks';

const BASE: RunConfig = { seed: 'demo', scenario: 'first-connection', registration: 'dcr' };

describe.each(ATTACK_IDS)('attack %s on the diagram', (id) => {
  it('marks the stop, the stolen artefacts, and draws the lanes the trace uses', async () => {
    const off = await runFlow({ ...BASE, attack: { id, defence: 'off' } });
    const on = await runFlow({ ...BASE, attack: { id, defence: 'on' } });

    const vulnerable = attackMarks(off.trace, off.attack ?? null);
    expect(vulnerable.stop).toBeNull();
    for (const seq of vulnerable.stolen) {
      const event = off.trace[seq];
      // Every stolen mark is on the attacker's side of an arrow: into her lane, or her own note.
      expect(event?.to === 'attacker' || event?.from === 'attacker').toBe(true);
    }
    if (id !== 'missing-state') expect(vulnerable.stolen.size).toBeGreaterThan(0);

    const defended = attackMarks(on.trace, on.attack ?? null);
    expect(defended.stop).toEqual(on.attack?.stoppedAt);
    expect(outcomeHeadline(on.attack!)).toBe(
      `Attack stopped at message ${(on.attack?.stoppedAt?.seq ?? 0) + 1} by rule ${on.attack?.stoppedAt?.rule}`,
    );
    const layout = layoutSequence(on.trace);
    const edges = buildEdges(
      { layout, options: DEFAULT_LAYOUT, selected: null, onSelect: () => undefined, marks: defended },
      new Map(),
    );
    const stopEdge = edges.find((e) => e.data?.mark?.kind === 'stop');
    expect(stopEdge?.id).toBe(`m-${on.attack?.stoppedAt?.seq}`);
    expect(stopEdge?.ariaLabel).toMatch(/attack stopped here by rule/);

    for (const run of [off, on]) {
      const lanes = layoutSequence(run.trace).lanes.map((l) => l.lane);
      expect(lanes).toContain('attacker');
      const usesDownstream = run.trace.some((e) => e.from === 'downstream' || e.to === 'downstream');
      expect(lanes.includes('downstream')).toBe(usesDownstream);
    }
  });
});

describe('specific marks', () => {
  it('mix-up: the token request the client sent to the attacker carries the stolen code', async () => {
    const run = await runFlow({ ...BASE, attack: { id: 'mix-up', defence: 'off' } });
    const marks = attackMarks(run.trace, run.attack ?? null);
    const request = run.trace.find(
      (e) => e.kind === 'request' && e.from === 'client' && e.to === 'attacker' && e.stepId === 'token',
    );
    expect(request).toBeDefined();
    expect(markOf(marks, request?.seq ?? -1)).toEqual({ kind: 'stolen' });
  });

  it('token passthrough uses the Downstream API lane when the defence is off', async () => {
    const run = await runFlow({ ...BASE, attack: { id: 'token-passthrough', defence: 'off' } });
    expect(layoutSequence(run.trace).lanes.map((l) => l.lane)).toEqual([
      'client',
      'browser',
      'mcp',
      'as',
      'downstream',
      'attacker',
    ]);
  });

  it('marks compare by value', () => {
    expect(sameMark(null, undefined)).toBe(true);
    expect(sameMark({ kind: 'stolen' }, { kind: 'stolen' })).toBe(true);
    expect(sameMark({ kind: 'stop', rule: 'C-20' }, { kind: 'stop', rule: 'A-16' })).toBe(false);
    expect(sameMark({ kind: 'stop', rule: 'C-20' }, null)).toBe(false);
  });
});
