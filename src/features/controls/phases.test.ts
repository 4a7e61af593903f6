import { describe, expect, it } from 'vitest';
import { ATTACK_IDS, variantIdsOf } from '../../sim/attacks/ids';
import { runFlow } from '../../sim/flow/simulation';
import { SCENARIO_IDS } from '../../sim/scenarios';
import { phaseStates } from './phases';

/** No phase is done, or current, while an earlier phase of the same run is "not yet". */
function expectInOrder(states: string[], where: string) {
  const firstTodo = states.indexOf('todo');
  if (firstTodo >= 0)
    expect(
      states.slice(firstTodo).every((s) => s === 'todo'),
      `${where}: ${states.join(' ')}`,
    ).toBe(true);
}

describe('the phase bar', () => {
  it('at every message of every attack run, never shows a later phase done while an earlier one is not', async () => {
    for (const id of ATTACK_IDS)
      for (const variant of variantIdsOf(id) ?? [undefined])
        for (const defence of ['on', 'off'] as const) {
          const run = await runFlow({
            seed: 'demo',
            scenario: 'first-connection',
            registration: 'dcr',
            attack: { id, defence, ...(variant ? { variant } : {}) },
          });
          for (let n = 1; n <= run.trace.length; n++) {
            const { phases } = phaseStates(run.trace.slice(0, n));
            expectInOrder(
              phases.map((p) => p.state),
              `${id}/${variant ?? ''}/${defence} at ${n}`,
            );
          }
          const end = phaseStates(run.trace);
          expect(end.attack, `${id} ends in the attack`).not.toBeNull();
        }
  });

  it('the attacker validating her stolen token at the MCP server is the attack, not the victim reaching Access', async () => {
    const run = await runFlow({
      seed: 'demo',
      scenario: 'first-connection',
      registration: 'dcr',
      attack: { id: 'stolen-code-no-pkce', defence: 'off' },
    });
    const { phases, attack } = phaseStates(run.trace);
    expect(phases.map((p) => [p.id, p.state])).toEqual([
      ['discovery', 'done'],
      ['registration', 'done'],
      ['authorization', 'done'],
      ['token', 'todo'],
      ['access', 'todo'],
    ]);
    expect(attack).toBe('current');
  });

  it('a phase the flow passes by is skipped: client credentials has no authorization', async () => {
    const run = await runFlow({
      seed: 'demo',
      scenario: 'client-credentials',
      registration: 'preregistered',
    });
    expect(phaseStates(run.trace).phases.find((p) => p.id === 'authorization')?.state).toBe('skipped');
  });

  it('every scenario ends with its phases in order and no attack phase', async () => {
    for (const scenario of SCENARIO_IDS) {
      const run = await runFlow({ seed: 'demo', scenario, registration: 'dcr' });
      const end = phaseStates(run.trace);
      expectInOrder(
        end.phases.map((p) => p.state),
        scenario,
      );
      expect(end.attack).toBeNull();
    }
  });
});
