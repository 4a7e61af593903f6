/**
 * The attack lab, both ways, for every attack in the registry: with the defence off the attacker
 * really gets what she came for; with it on she is stopped at the expected message, with the
 * expected status and error; and the honest flow completes with the attack's vulnerabilities on.
 * EXPECTED is keyed by AttackId, so an attack without its pair of tests does not compile.
 */
import { describe, expect, it } from 'vitest';
import { ATTACK_IDS, isAttackId, variantIdsOf, variantOf } from '../src/sim/attacks/ids';
import { defineVariants } from '../src/sim/attacks/variants';
import type { AttackId } from '../src/sim/attacks/ids';
import { ATTACKS, resolveAttack } from '../src/sim/attacks/registry';
import { attackVulnerabilities } from '../src/sim/attacks/run';
import { runFlow } from '../src/sim/flow/simulation';
import type { StepId } from '../src/sim/steps';
import type { TraceEvent } from '../src/sim/trace/types';
import { LESSONS } from '../src/content/load';
import { QUESTIONS } from '../src/content/load';

/** Where the defended run must stop: the step, and the status + error (for responses) or the rule. */
interface Stop {
  step: StepId;
  status?: number;
  error?: string;
  rule: string;
}

const EXPECTED: Record<AttackId, Stop> = {
  'stolen-code-no-pkce': { step: 'verify-pkce', rule: 'A-16' },
  'token-passthrough': { step: 'validate-token', rule: 'S-06' },
  'wrong-audience': { step: 'validate-token', rule: 'S-06' },
  'open-redirect': { step: 'authorize', status: 400, error: 'invalid_request', rule: 'A-12' },
  'missing-state': { step: 'validate-callback', rule: 'C-30' },
  'token-in-query': { step: 'attacker-action', rule: 'C-24' },
  'confused-deputy': { step: 'authorize', status: 200, rule: 'S-16' },
  'state-handle-hijack': { step: 'attacker-request', status: 200, error: 'No search', rule: 'S-19' },
  'refresh-replay': { step: 'validate-token', rule: 'S-05' },
  'excessive-scope': { step: 'validate-token', rule: 'S-14' },
  'mix-up': { step: 'validate-callback', rule: 'C-19' },
  'code-replay': { step: 'attacker-request', status: 400, error: 'invalid_grant', rule: 'A-17' },
  'metadata-steering': { step: 'validate-prm', rule: 'C-22' },
  'stolen-token-replay': { step: 'validate-dpop-proof', rule: 'S-56' },
  'dpop-proof-misuse': { step: 'validate-dpop-proof', rule: 'S-54' },
  'id-jag-misuse': { step: 'validate-id-jag', rule: 'A-54' },
  'client-assertion-misuse': { step: 'verify-client-assertion', rule: 'A-51' },
};

/**
 * The other variants of the attacks that have several (the first variant is the attack as keyed
 * above), keyed `<attack>/<variant>`. A test below fails when a variant in the registry has no entry.
 */
const VARIANT_EXPECTED: Record<string, Stop> = {
  'stolen-code-no-pkce/client-omits': { step: 'verify-pkce', rule: 'A-16' },
  'stolen-code-no-pkce/server-lax': { step: 'authorize', status: 302, error: '', rule: 'A-16' },
  'stolen-code-no-pkce/downgrade': { step: 'validate-as-metadata', rule: 'C-28' },
  'stolen-code-no-pkce/downgrade-plain': { step: 'validate-as-metadata', rule: 'C-27' },
  'wrong-audience/no-resource': { step: 'validate-token', rule: 'S-06' },
  'open-redirect/error-redirect': { step: 'authorize', status: 400, error: 'invalid_scope', rule: 'A-13' },
  'metadata-steering/spoofed-issuer': { step: 'validate-as-metadata', rule: 'C-06' },
  'stolen-token-replay/downgrade': { step: 'validate-dpop-proof', rule: 'S-56' },
  'dpop-proof-misuse/stale': { step: 'validate-dpop-proof', rule: 'S-53' },
  'dpop-proof-misuse/other-url': { step: 'validate-dpop-proof', rule: 'S-51' },
  'id-jag-misuse/other-resource': { step: 'validate-id-jag', rule: 'A-56' },
  'id-jag-misuse/replayed': { step: 'validate-id-jag', rule: 'A-52' },
  'client-assertion-misuse/other-server': { step: 'verify-client-assertion', rule: 'A-51' },
};

/**
 * Where a compliant party refuses the victim's own flow with the defence on: that refusal is the
 * rule (a server that demands PKCE turns away a client without it; a client turns away a server
 * without S256). Everywhere else the honest flow must complete both ways.
 */
const HONEST_REFUSED: Record<string, { kind: string; rule?: string; error?: string }> = {
  'stolen-code-no-pkce/server-lax': { kind: 'denied', error: 'invalid_request' },
  'stolen-code-no-pkce/downgrade': { kind: 'refused', rule: 'C-28' },
  'stolen-code-no-pkce/downgrade-plain': { kind: 'refused', rule: 'C-27' },
};

/** Every attack, once per variant: [key, id, variant]. */
const CASES: [string, AttackId, string | undefined][] = ATTACK_IDS.flatMap((id) => {
  const variants = ATTACKS[id].variants;
  if (!variants) return [[id, id, undefined] as [string, AttackId, undefined]];
  return variants.map(
    (v, i) => [i === 0 ? id : `${id}/${v.id}`, id, v.id] as [string, AttackId, string | undefined],
  );
});

function expectedStop(key: string, id: AttackId): Stop | undefined {
  return key === id ? EXPECTED[id] : VARIANT_EXPECTED[key];
}

/** After the stop, the attacker's own requests that followed were refused too (what she got, if anything). */
function attackerResponses(trace: readonly TraceEvent[]) {
  return trace.filter((e) => e.kind === 'response' && e.to === 'attacker');
}

describe.each(CASES)('attack %s', (key, id, variant) => {
  const attack = resolveAttack({ id, variant });

  it('defence off: the attacker really succeeds', async () => {
    const run = await runFlow({
      seed: 'lab',
      scenario: 'first-connection',
      registration: 'dcr',
      attack: { id, defence: 'off', variant },
    });
    expect(run.attack).toMatchObject({ id, variant, defence: 'off', attackerWon: true, stoppedAt: null });
    const verdict = run.trace.at(-1);
    expect(verdict).toMatchObject({ stepId: 'attack-verdict', mark: 'breach' });
    // The attacker really took part: her lane has traffic, and (for every theft) an artefact crossed to her.
    expect(run.trace.some((e) => e.from === 'attacker' || e.to === 'attacker')).toBe(true);
    if (id !== 'missing-state') expect(run.trace.some((e) => e.mark === 'stolen')).toBe(true);
  });

  it('defence on: the attack fails where the rule stops it', async () => {
    const run = await runFlow({
      seed: 'lab',
      scenario: 'first-connection',
      registration: 'dcr',
      attack: { id, defence: 'on', variant },
    });
    expect(run.attack?.attackerWon).toBe(false);
    const expected = expectedStop(key, id);
    if (!expected) throw new Error(`No expected stop for ${key}: add it to VARIANT_EXPECTED`);
    const stop = run.attack?.stoppedAt ? run.trace[run.attack.stoppedAt.seq] : undefined;
    expect(stop?.stepId).toBe(expected.step);
    expect(run.attack?.stoppedAt?.rule).toBe(expected.rule);
    // The lab's explanation of the defence names the rule that acted, not another one.
    expect(attack.explain.defended).toContain(expected.rule);
    if (expected.status !== undefined) {
      expect(stop?.kind).toBe('response');
      if (stop?.kind === 'response') {
        expect(stop.response?.status).toBe(expected.status);
        if (expected.error) expect(stop.response?.body ?? '').toContain(expected.error);
      }
    } else {
      expect(stop?.kind === 'internal' && stop.outcome === 'refused').toBe(true);
    }
    expect(run.trace.at(-1)).toMatchObject({ stepId: 'attack-verdict', mark: 'defended' });
    // Every tool call that ran as the victim was the victim's own client's: none was the attacker's.
    const victimOwn = run.trace.filter(
      (e) =>
        e.kind === 'response' &&
        e.stepId === 'mcp-request' &&
        e.to === 'client' &&
        e.response?.status === 200,
    );
    expect(run.world.mcp.calls.filter((c) => c.sub === 'user-7f3a').length).toBeLessThanOrEqual(
      victimOwn.length,
    );
    expect(
      attackerResponses(run.trace).every(
        (e) => e.kind !== 'response' || !(e.response?.body ?? '').includes('Q3 plan'),
      ),
    ).toBe(true);
  });

  it("the honest flow still completes with the attack's vulnerabilities on, and with them off", async () => {
    for (const defence of ['on', 'off'] as const) {
      const run = await runFlow({
        seed: 'honest',
        scenario: attack.victim.scenario,
        registration: attack.victim.registration,
        vulnerabilities: attackVulnerabilities(attack, defence),
      });
      const refused = defence === 'on' ? HONEST_REFUSED[key] : undefined;
      if (refused) expect(run.outcome).toMatchObject(refused);
      else expect(run.outcome.kind).toBe('success');
    }
  });

  it('is complete as data: rules, lesson, defence and explanations', () => {
    expect(attack.id).toBe(id);
    expect(attack.variant).toBe(variant);
    expect(attack.rules.length).toBeGreaterThan(0);
    expect(attack.defence.vulnerabilities.length).toBeGreaterThan(0);
    expect(attack.explain.vulnerable.length).toBeGreaterThan(40);
    expect(attack.explain.defended.length).toBeGreaterThan(40);
    expect(LESSONS.map((l) => l.id)).toContain(attack.lesson);
  });
});

describe('attack variants', () => {
  it('ids.ts is the one list of variant ids: the compiler holds each attack file to it', () => {
    // (npm run typecheck fails if either of these stops being an error.)
    // @ts-expect-error: a variant that ids.ts lists is missing from the table.
    const missing = () => defineVariants('wrong-audience', { 'replayed-token': { label: 'x' } });
    const extra = () =>
      defineVariants('wrong-audience', {
        'replayed-token': { label: 'x' },
        'no-resource': { label: 'y' },
        // @ts-expect-error: a variant that ids.ts does not list.
        unlisted: { label: 'z' },
      });
    expect([typeof missing, typeof extra]).toEqual(['function', 'function']);
    for (const id of ATTACK_IDS) {
      expect(variantIdsOf(id) ?? null).toEqual(ATTACKS[id].variants?.map((v) => v.id) ?? null);
    }
  });

  it('every variant has its expected stop, and every expected stop names a variant', () => {
    const keys = CASES.map(([key]) => key).filter((key) => key.includes('/'));
    expect(keys.sort()).toEqual(Object.keys(VARIANT_EXPECTED).sort());
  });

  it('variants really differ from the default: another defence or another precondition', () => {
    for (const [key, id, variant] of CASES) {
      if (!key.includes('/')) continue;
      const base = resolveAttack({ id });
      const other = resolveAttack({ id, variant });
      expect(other.defence.vulnerabilities).not.toEqual(base.defence.vulnerabilities);
      expect(other.explain.defended).not.toBe(base.explain.defended);
    }
  });

  it('an unknown variant runs the default, and a link falls back to it', () => {
    expect(resolveAttack({ id: 'open-redirect', variant: 'nope' }).variant).toBe('prefix-match');
    expect(variantOf('open-redirect', 'nope')).toBeUndefined();
    expect(variantOf('open-redirect', 'error-redirect')).toBe('error-redirect');
    expect(variantOf('mix-up', 'anything')).toBeUndefined();
  });
});

describe('attack ids used elsewhere exist', () => {
  it('every attack named by a lesson or a question is in the registry', () => {
    const named = [
      ...LESSONS.flatMap((l) => l.attacks),
      ...QUESTIONS.flatMap((q) => (q.link.attack ? [q.link.attack] : [])),
    ];
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((a) => !isAttackId(a) || !ATTACKS[a])).toEqual([]);
  });
});
