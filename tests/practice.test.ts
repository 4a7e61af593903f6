/**
 * The practice drills: every fault has its drill, its expected answer (the vulnerability's own
 * party and rule), three hints and a fix; and a run of the drill's world with the fault breaks
 * exactly that rule, read from the run as a learner reads it (src/sim/practice/evidence.ts), while
 * the same world without it breaks none. Checked for every registration a seed may draw.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../src/content/load';
import { VULNERABILITIES } from '../src/sim/attacks/vulnerabilities';
import { runFlow } from '../src/sim/flow/simulation';
import { judgeDiagnosis, rulesOf } from '../src/sim/practice/answer';
import { DRILL_ORDER, drillFor, expectedAnswer, honestConfig, isDrillSeed } from '../src/sim/practice/drills';
import { rulesBroken } from '../src/sim/practice/evidence';
import { FAULT_IDS, FAULTS } from '../src/sim/practice/faults';
import type { FaultId } from '../src/sim/practice/faults';
import { REGISTRATION_MODE_IDS } from '../src/sim/scenarios';

/** The numbered drill of a fault. */
function drillOf(fault: FaultId) {
  const number = DRILL_ORDER.indexOf(fault) + 1;
  return drillFor(String(number));
}

describe('the drills', () => {
  it('there are at least 12 faults, each a numbered drill exactly once', () => {
    expect(FAULT_IDS.length).toBeGreaterThanOrEqual(12);
    expect([...DRILL_ORDER].sort()).toEqual([...FAULT_IDS].sort());
    DRILL_ORDER.forEach((fault, i) => expect(drillFor(String(i + 1)).fault).toBe(fault));
  });

  it('each expects the party and rule its vulnerability names, and teaches them', () => {
    const lessons = new Set(LESSONS.map((l) => l.id));
    for (const fault of FAULT_IDS) {
      const def = FAULTS[fault];
      const expected = expectedAnswer(fault);
      expect(expected).toEqual({ party: VULNERABILITIES[fault].party, rule: VULNERABILITIES[fault].breaks });
      expect(rulesOf(expected.party), fault).toContain(expected.rule);
      expect(def.hints, fault).toHaveLength(3);
      expect(new Set(def.hints).size, fault).toBe(3);
      // The reveal names the rule it is about.
      expect(def.fix, fault).toContain(expected.rule);
      expect(lessons.has(def.lesson), `${fault}: lesson ${def.lesson}`).toBe(true);
      expect(judgeDiagnosis(fault, expected)).toBe('right');
    }
  });

  it('a seed is one drill: the same fault, registration and world every time', () => {
    for (const seed of ['class-a', 'x', '16', '0', 'Zz_9-']) {
      expect(isDrillSeed(seed)).toBe(true);
      expect(drillFor(seed)).toEqual(drillFor(seed));
      expect(drillFor(seed).number).toBeNull();
      expect(FAULT_IDS).toContain(drillFor(seed).fault);
    }
    expect(isDrillSeed('a/b')).toBe(false);
    expect(isDrillSeed('')).toBe(false);
    // Random seeds reach many faults, not one.
    const drawn = new Set(Array.from({ length: 200 }, (_, i) => drillFor(`s${i}`).fault));
    expect(drawn.size).toBeGreaterThan(FAULT_IDS.length / 2);
  });

  it('judges a diagnosis by party and rule', () => {
    expect(judgeDiagnosis('as-iss-missing', { party: 'as', rule: 'A-08' })).toBe('right');
    expect(judgeDiagnosis('as-iss-missing', { party: 'as', rule: 'A-09' })).toBe('right-party');
    expect(judgeDiagnosis('as-iss-missing', { party: 'client', rule: 'C-19' })).toBe('wrong');
  });
});

describe('each fault breaks exactly its rule, and the honest world none', () => {
  for (const fault of FAULT_IDS) {
    it(`${fault}: ${VULNERABILITIES[fault].breaks}`, async () => {
      const drill = drillOf(fault);
      for (const registration of REGISTRATION_MODE_IDS) {
        const faulty = await runFlow({ ...drill.config, registration });
        expect(await rulesBroken(faulty), `${fault}, ${registration}`).toEqual([expectedAnswer(fault).rule]);
        const honest = await runFlow({ ...honestConfig(drill), registration });
        expect(honest.outcome.kind, `${fault}, ${registration}, honest`).toBe('success');
        expect(await rulesBroken(honest), `${fault}, ${registration}, honest`).toEqual([]);
      }
    });
  }
});
