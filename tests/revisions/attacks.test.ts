/**
 * Attacks across time: every attack of the lab, defence on, played by the honest parties of each
 * revision. The runs decide who wins; this table is what they must keep deciding. An attack whose
 * defence arrived in a revision wins under the one before it where it can be played (mix-up before
 * 2026-07-28, with a client that had no reason to check iss), and where it cannot be played the
 * revision says why.
 */
import { describe, expect, it } from 'vitest';
import { ATTACK_IDS, variantIdsOf } from '../../src/sim/attacks/ids';
import { attackAcrossTime } from '../../src/sim/revisions/attacks';
import { REVISIONS } from '../../src/sim/revisions/ids';

/** Per revision, oldest first: "won", "n/a", or the rule that stopped it ("-": stopped, no rule named). */
const EXPECTED: Record<string, string> = {
  'stolen-code-no-pkce/neither': 'A-16 A-16 A-16 A-16',
  'stolen-code-no-pkce/client-omits': 'A-16 A-16 A-16 A-16',
  'stolen-code-no-pkce/server-lax': 'A-16 A-16 A-16 A-16',
  // Before 2025-11-25 a client did not check that the server supports PKCE (C-28).
  'stolen-code-no-pkce/downgrade': 'won won C-28 C-28',
  // A plain-only server refuses the S256 challenge every client sends: no code to steal.
  'stolen-code-no-pkce/downgrade-plain': '- - C-27 C-27',
  'token-passthrough': 'n/a S-06 S-06 S-06',
  // Before 2025-06-18 a token had no audience to check (S-06).
  'wrong-audience/replayed-token': 'won S-06 S-06 S-06',
  'wrong-audience/no-resource': 'n/a S-06 S-06 S-06',
  'open-redirect/prefix-match': 'n/a n/a A-12 A-12',
  'open-redirect/error-redirect': 'n/a n/a A-13 A-13',
  'missing-state': 'C-30 C-30 C-30 C-30',
  'token-in-query': 'C-24 C-24 C-24 C-24',
  'confused-deputy': 'n/a S-16 S-16 S-16',
  'state-handle-hijack': 'n/a n/a n/a S-19',
  'refresh-replay': 'S-05 S-05 S-05 S-05',
  'excessive-scope': 'S-11 S-11 S-11 S-14',
  // The mix-up needs protected resource metadata and CIMD (2025-11-25); before iss (2026-07-28) it wins.
  'mix-up': 'n/a n/a won C-19',
  'code-replay': 'A-17 A-17 A-17 A-17',
  'metadata-steering/resource-mismatch': 'n/a n/a C-22 C-22',
  'metadata-steering/spoofed-issuer': 'n/a n/a won C-06',
  // The extensions and DPoP are in no revision; the simulator plays them with 2026-07-28 only.
  'stolen-token-replay/bearer': 'n/a n/a n/a S-56',
  'stolen-token-replay/downgrade': 'n/a n/a n/a S-56',
  'dpop-proof-misuse/replayed': 'n/a n/a n/a S-54',
  'dpop-proof-misuse/stale': 'n/a n/a n/a S-53',
  'dpop-proof-misuse/other-url': 'n/a n/a n/a S-51',
  'id-jag-misuse/other-as': 'n/a n/a n/a A-54',
  'id-jag-misuse/other-resource': 'n/a n/a n/a A-56',
  'id-jag-misuse/replayed': 'n/a n/a n/a A-52',
  'client-assertion-misuse/expired': 'n/a n/a n/a A-51',
  'client-assertion-misuse/other-server': 'n/a n/a n/a A-51',
};

describe('attacks across time', () => {
  for (const id of ATTACK_IDS)
    for (const variant of variantIdsOf(id) ?? [undefined]) {
      const name = variant ? `${id}/${variant}` : id;
      it(name, async () => {
        const history = await attackAcrossTime({ id, variant });
        const seen = history.rows
          .map((row) =>
            row.state === 'won' ? 'won' : row.state === 'not-applicable' ? 'n/a' : (row.rule ?? '-'),
          )
          .join(' ');
        expect(seen).toBe(EXPECTED[name]);
        for (const row of history.rows)
          if (row.state === 'not-applicable') expect(row.why).toMatch(/\d{4}-\d\d-\d\d/);
        // Where it wins, the defence's rules are not all in that revision yet.
        for (const row of history.rows)
          if (row.state === 'won')
            expect(history.ruleArrived === undefined || row.revision < history.ruleArrived).toBe(true);
      });
    }

  it('mix-up: the rule arrived in 2026-07-28; under 2025-11-25 the attacker redeems the honest code', async () => {
    const history = await attackAcrossTime({ id: 'mix-up' });
    expect(history).toMatchObject({
      defence: ['C-19'],
      ruleArrived: '2026-07-28',
      firstStopped: '2026-07-28',
    });
    const older = history.rows.find((r) => r.revision === '2025-11-25');
    expect(older).toMatchObject({ state: 'won' });
    // Its victim uses a Client ID Metadata Document; in 2025-03-26 there is not even the metadata it starts from.
    expect(history.rows.find((r) => r.revision === '2025-06-18')).toMatchObject({
      state: 'not-applicable',
      why: 'Client ID Metadata Documents arrived in 2025-11-25 (SEP-991).',
    });
    const first = history.rows.find((r) => r.revision === '2025-03-26');
    expect(first?.state === 'not-applicable' && first.why).toContain('protected resource metadata');
    expect(REVISIONS).toHaveLength(history.rows.length);
  });
});
