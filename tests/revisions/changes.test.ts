/**
 * What changed between revisions: the same scenario under two revisions, aligned message by message
 * (trace/diff.ts alignRuns), every difference explained by the change that made it (revisions/
 * changes.ts). For every pair of revisions and every scenario and registration mode both can play:
 * nothing differs without an explanation, each explanation was made in a revision between the two,
 * and every change in the catalogue explains something.
 */
import { describe, expect, it } from 'vitest';
import { runFlow } from '../../src/sim/flow/simulation';
import { CHANGES, compareTraces, revisionsBetween } from '../../src/sim/revisions/changes';
import type { ChangeId } from '../../src/sim/revisions/changes';
import { REVISIONS } from '../../src/sim/revisions/ids';
import type { Revision } from '../../src/sim/revisions/ids';
import { registrationUnsupported, scenarioUnsupported } from '../../src/sim/revisions/profile';
import { REGISTRATION_MODE_IDS, SCENARIO_IDS } from '../../src/sim/scenarios';
import type { RegistrationMode, ScenarioId } from '../../src/sim/scenarios';

async function compare(from: Revision, to: Revision, scenario: ScenarioId, registration: RegistrationMode) {
  const a = await runFlow({ seed: 'demo', scenario, registration, revision: from });
  const b = await runFlow({ seed: 'demo', scenario, registration, revision: to });
  return compareTraces(from, to, a.trace, b.trace);
}

describe('every difference between two revisions is explained', () => {
  it('for every pair, scenario and registration mode both revisions have', async () => {
    const used = new Set<ChangeId>();
    for (const from of REVISIONS)
      for (const to of REVISIONS) {
        if (from >= to) continue;
        for (const scenario of SCENARIO_IDS)
          for (const registration of REGISTRATION_MODE_IDS) {
            const lacking = [from, to].some(
              (r) => scenarioUnsupported(r, scenario) ?? registrationUnsupported(r, registration),
            );
            if (lacking) continue;
            const where = `${from} → ${to}, ${scenario}/${registration}`;
            const comparison = await compare(from, to, scenario, registration);
            for (const row of comparison.rows) {
              expect(row.unexplained, `${where}: ${row.a?.stepId ?? row.b?.stepId}`).toEqual([]);
              if (row.row.kind === 'added' || row.row.kind === 'removed')
                expect(row.explained.length, `${where}: ${row.row.kind} ${(row.a ?? row.b)?.stepId}`).toBe(1);
            }
            for (const change of comparison.changes) {
              expect(revisionsBetween(from, to), `${where}: ${change}`).toContain(CHANGES[change].since);
              used.add(change);
            }
          }
      }
    expect([...used].sort()).toEqual(Object.keys(CHANGES).sort());
  });
});

describe('what the comparisons say', () => {
  it('2025-11-25 → 2026-07-28, first connection: iss, the issuer check, application_type, and a stateless transport', async () => {
    const c = await compare('2025-11-25', '2026-07-28', 'first-connection', 'dcr');
    expect(c.changes).toEqual(['stateless', 'mcp-headers', 'iss', 'metadata-issuer', 'application-type']);
    const removed = c.rows.filter((r) => r.row.kind === 'removed').map((r) => r.a?.stepId);
    expect(removed).toContain('mcp-request'); // initialize and notifications/initialized
    const iss = c.rows.find((r) => r.a?.stepId === 'callback' && r.a.kind === 'request');
    expect(iss?.explained).toEqual([
      {
        change: 'iss',
        params: [{ where: 'url query', name: 'iss', a: undefined, b: 'https://auth.example.com' }],
      },
    ]);
  });

  it('2025-03-26 → 2025-06-18: protected resource metadata appears, the authorization server moves out, tokens get an audience', async () => {
    const c = await compare('2025-03-26', '2025-06-18', 'first-connection', 'dcr');
    expect(c.changes).toEqual(['resource-server', 'resource', 'version-header']);
    const added = c.rows.filter((r) => r.row.kind === 'added').map((r) => r.b?.stepId);
    expect(added).toEqual(['prm-discovery', 'prm-discovery', 'validate-prm']);
  });

  it('the step-up scenario, 2025-11-25 → 2026-07-28: the union of scopes (SEP-2350)', async () => {
    const c = await compare('2025-11-25', '2026-07-28', 'step-up', 'dcr');
    expect(c.changes).toContain('scope-union');
    expect(CHANGES['scope-union'].by.label).toBe('SEP-2350');
  });
});
