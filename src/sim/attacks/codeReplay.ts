/** Spec §5.2: a code that was already redeemed is redeemed again, with the verifier that leaked with it. */
import { readVictimFile, requestForm, short } from './evidence';
import type { AttackDef } from './types';

export const codeReplay: AttackDef = {
  id: 'code-replay',
  title: 'Authorization code replay',
  summary: 'A token request leaks into a log; the attacker redeems the same code and verifier a second time.',
  target: 'as',
  rules: ['A-16'],
  lesson: 'rules-and-attacks',
  preconditions: [],
  defence: {
    label: 'Codes are single-use (and a replay revokes what the code issued)',
    vulnerabilities: ['as-code-reusable'],
  },
  victim: { scenario: 'first-connection', registration: 'preregistered' },
  lanes: ['attacker'],
  explain: {
    vulnerable:
      'The authorization server issued a second token for a code it had already redeemed, so anyone who sees a code and verifier later can still use them.',
    defended:
      'OAuth 2.1 §4.1.3: a code is redeemed once. The second request gets invalid_grant, and the server revokes the grant the first redemption created.',
  },
  async act({ world, attacker, victim }) {
    const leaked = requestForm(victim.trace, 'token');
    const code = leaked.get('code') ?? '';
    await attacker.note(
      'Reads a leaked token request',
      "A verbose debug log captured the client's token request, body and all.",
      {
        mark: 'stolen',
        values: { code: short(code), code_verifier: short(leaked.get('code_verifier') ?? '') },
      },
    );
    const res = await attacker.token(Object.fromEntries(leaked));
    const token = typeof res.body.access_token === 'string' ? res.body.access_token : null;
    if (!token)
      return {
        attackerWon: false,
        evidence: `The replayed code was refused: ${res.status} ${String(res.body.error)}.`,
      };
    return readVictimFile(world, attacker, token, {
      won: (call) =>
        `The replayed code bought a second token, and with it the victim's file: "${short(call.text, 20)}".`,
      lost: (call) => `A token was issued but the tool call failed (${call.status}).`,
    });
  },
};
