/**
 * Who holds what, read from the trace (src/sim/trace/holdings.ts): right for each flow, step by
 * step; and for every attack, both ways, the attacker holds exactly what her notes say she took, from
 * the message that gave it to her, and nothing before she appears.
 */
import { describe, expect, it } from 'vitest';
import { ATTACK_IDS, variantIdsOf } from '../src/sim/attacks/ids';
import { runFlow } from '../src/sim/flow/simulation';
import type { Lane } from '../src/sim/lanes';
import { attackerHoldings, holdingsAt } from '../src/sim/trace/holdings';
import type { Holding, SecretKind } from '../src/sim/trace/holdings';
import type { TraceEvent } from '../src/sim/trace/types';

function holders(holdings: readonly Holding[], kind: SecretKind): Lane[] {
  return [
    ...new Set(holdings.filter((h) => h.kind === kind).flatMap((h) => h.holders.map((x) => x.lane))),
  ].sort();
}

const firstOf = (trace: readonly TraceEvent[], step: string, kind?: string) =>
  trace.find((e) => e.stepId === step && (kind === undefined || e.kind === kind))?.seq ?? -1;

describe('who holds what in each flow', () => {
  it('first connection: the verifier never leaves the client until it redeems the code', async () => {
    const run = await runFlow({ seed: 'hold', scenario: 'first-connection', registration: 'dcr' });
    const beforeToken = holdingsAt(run.trace, firstOf(run.trace, 'token', 'request') - 1);
    expect(holders(beforeToken, 'pkce-verifier')).toEqual(['client']);
    expect(holders(beforeToken, 'state')).toEqual(['as', 'browser', 'client']);
    expect(holders(beforeToken, 'code')).toEqual(['as', 'browser', 'client']);
    expect(holders(beforeToken, 'access-token')).toEqual([]);
    const end = holdingsAt(run.trace);
    expect(holders(end, 'pkce-verifier')).toEqual(['as', 'client']);
    expect(holders(end, 'access-token')).toEqual(['as', 'client', 'mcp']);
    expect(holders(end, 'refresh-token')).toEqual(['as', 'client']);
    expect(attackerHoldings(end)).toEqual([]);
  });

  it('client credentials with a secret: the client and the authorization server, nobody else', async () => {
    const run = await runFlow({ seed: 'hold', scenario: 'client-credentials', registration: 'cimd' });
    expect(holders(holdingsAt(run.trace), 'client-secret')).toEqual(['as', 'client']);
  });

  it('private_key_jwt: the private key stays with the client; the AS only sees assertions', async () => {
    const run = await runFlow({ seed: 'hold', scenario: 'client-credentials-jwt', registration: 'cimd' });
    const end = holdingsAt(run.trace);
    expect(holders(end, 'private-key')).toEqual(['client']);
    expect(holders(end, 'client-assertion')).toEqual(['as', 'client']);
    expect(holders(end, 'client-secret')).toEqual([]);
  });

  it('enterprise: the ID token goes to the IdP only, the ID-JAG to the MCP authorization server', async () => {
    const run = await runFlow({ seed: 'hold', scenario: 'enterprise', registration: 'cimd' });
    const end = holdingsAt(run.trace);
    expect(holders(end, 'id-token')).toEqual(['client', 'idp']);
    expect(holders(end, 'id-jag')).toEqual(['as', 'client', 'idp']);
    // Two access tokens: the IdP's own (for its userinfo), and the one for the MCP server.
    const tokens = end
      .filter((h) => h.kind === 'access-token')
      .map((h) => h.holders.map((x) => x.lane).sort());
    expect(tokens).toEqual([
      ['client', 'idp'],
      ['as', 'client', 'mcp'],
    ]);
    // The browser carried the IdP's code and state, and nothing after.
    expect(holders(end, 'code')).toEqual(['browser', 'client', 'idp']);
  });

  it('DPoP: the key stays with the client; the servers see proofs', async () => {
    const run = await runFlow({ seed: 'hold', scenario: 'dpop', registration: 'cimd' });
    const end = holdingsAt(run.trace);
    expect(holders(end, 'dpop-key')).toEqual(['client']);
    expect(holders(end, 'dpop-proof')).toEqual(['as', 'client', 'mcp']);
  });
});

describe("the attacker's holdings, for every attack both ways", () => {
  const cases = ATTACK_IDS.flatMap((id) =>
    (variantIdsOf(id) ?? [undefined]).flatMap((variant) =>
      (['on', 'off'] as const).map((defence) => ({ id, variant, defence })),
    ),
  );
  it.each(cases)('$id $variant defence $defence', async ({ id, variant, defence }) => {
    const run = await runFlow({
      seed: 'hold',
      scenario: 'first-connection',
      registration: 'dcr',
      attack: { id, defence, ...(variant ? { variant } : {}) },
    });
    const trace = run.trace;
    const appears = trace.findIndex((e) => e.from === 'attacker' || e.to === 'attacker');
    // Nothing before she shows up.
    expect(attackerHoldings(holdingsAt(trace, appears - 1))).toEqual([]);
    const hers = attackerHoldings(holdingsAt(trace));
    // Everything her notes say she took, she holds from that note on (or from the message before it).
    for (const note of trace.filter((e) => e.kind === 'internal' && e.mark === 'stolen')) {
      if (note.kind !== 'internal') continue;
      for (const name of Object.keys(note.detail.values ?? {})) {
        const kind = (
          {
            access_token: 'access-token',
            token: 'access-token',
            refresh_token: 'refresh-token',
            code: 'code',
            code_verifier: 'pkce-verifier',
            id_jag: 'id-jag',
            client_assertion: 'client-assertion',
            dpop_proof: 'dpop-proof',
          } as Record<string, SecretKind>
        )[name];
        if (!kind || note.detail.values?.[name] === '') continue;
        const held = hers.filter((h) => h.kind === kind);
        expect(held.length, `${name} of message ${note.seq + 1}`).toBeGreaterThan(0);
        expect(Math.min(...held.map((h) => h.since))).toBeLessThanOrEqual(note.seq);
      }
    }
    // A win is always the use of something she held.
    if (run.attack?.attackerWon && id !== 'missing-state') expect(hers.length).toBeGreaterThan(0);
    // And every holding is dated by a message that exists and involves her.
    for (const h of hers) {
      const e = trace[h.since];
      expect(e && (e.from === 'attacker' || e.to === 'attacker')).toBe(true);
    }
  });
});
