/**
 * Reference §5.2: a code that was already redeemed is redeemed again, with the verifier that leaked
 * with it. OAuth 2.1 §4.1.3: the second request is denied, and because it is otherwise valid
 * (the right client and code_verifier), the tokens the first redemption issued are revoked. This
 * world's MCP server introspects tokens (RFC 7662), so the revocation shows at the victim's next call.
 */
import { readVictimFile, requestForm, short } from './evidence';
import type { AttackDef } from './types';

export const codeReplay: AttackDef = {
  id: 'code-replay',
  title: 'Authorization code replay',
  summary: 'A token request leaks into a log; the attacker redeems the same code and verifier a second time.',
  target: 'as',
  rules: ['A-17'],
  lesson: 'rules-and-attacks',
  preconditions: [],
  defence: {
    label: 'Codes are single-use (A-17): a valid replay is denied and revokes what the code issued',
    vulnerabilities: ['as-code-reusable'],
  },
  victim: { scenario: 'first-connection', registration: 'preregistered' },
  introspection: true,
  lanes: ['attacker'],
  explain: {
    vulnerable:
      'The authorization server issued a second token for a code it had already redeemed, so anyone who sees a code and verifier later can still use them.',
    defended:
      'OAuth 2.1 §4.1.3 (A-17): a code is redeemed once, so the replay got invalid_grant. It carried the right client and code_verifier, so the server also revoked the tokens the first redemption issued: the grant may be in the wrong hands. This MCP server asks the authorization server about every token (RFC 7662), so the revoked token stops working at once; a server that only checks the JWT would accept it until it expires.',
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
    if (!token) {
      // What the revocation did: the victim's client makes its next call with the token it holds.
      const next = await victim.client.perform({ kind: 'call', method: 'tools/list' });
      const cut = next.result.kind === 'unauthorized';
      return {
        attackerWon: false,
        evidence: `The replayed code was refused: ${res.status} ${String(res.body.error)}. ${
          cut
            ? "The victim's next call was refused too: the tokens issued from the code are revoked, and the victim must sign in again."
            : "The victim's token still works."
        }`,
      };
    }
    return readVictimFile(world, attacker, token, {
      won: (call) =>
        `The replayed code bought a second token, and with it the victim's file: "${short(call.text, 20)}".`,
      lost: (call) => `A token was issued but the tool call failed (${call.status}).`,
    });
  },
};
