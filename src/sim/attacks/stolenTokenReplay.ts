/**
 * docs/reference §5.19 (RFC 9449; DPoP is on the MCP roadmap): malware copies the client's access
 * token and the attacker uses it. A Bearer token works for whoever holds it; a DPoP-bound token
 * needs a proof signed by the client's private key, which never left the client. She tries it as
 * Bearer (a downgrade, refused: S-56), then with a proof of her own key (refused: S-52).
 */
import { accessTokenHash, deriveSigningKey, keyedByThumbprint, publicJwkOf, signJws } from '../crypto/jwt';
import { mcpRequest } from '../mcp/request';
import { DPOP_TYP } from '../oauth/urns';
import type { World } from '../world/world';
import type { Attacker } from './attacker';
import { ranAsVictim, responseBody, short } from './evidence';
import type { AttackDef } from './types';
import { defineVariants } from './variants';

/** A tools/call read_file with the DPoP scheme and a proof signed by her own key. */
async function withOwnKey(world: World, attacker: Attacker, token: string) {
  const key = keyedByThumbprint(deriveSigningKey(world.rng('attacker-dpop'), ''));
  const request = mcpRequest({
    method: 'tools/call',
    params: { name: 'read_file', arguments: { path: 'notes/plan.md' } },
  });
  const proof = signJws(
    { typ: DPOP_TYP, jwk: publicJwkOf(key) },
    {
      jti: world.rng('attacker-dpop').token(12),
      htm: 'POST',
      htu: world.urls.mcp,
      iat: world.clock.now(),
      ath: accessTokenHash(token),
    },
    key,
  );
  const res = await attacker.fetch(world.urls.mcp, {
    method: 'POST',
    step: 'attacker-request',
    mark: 'attacker',
    headers: { ...request.headers, Authorization: `DPoP ${token}`, DPoP: proof },
    body: request.body,
  });
  return { status: res.status, ran: res.status === 200 && world.mcp.calls.at(-1)?.sub === 'user-7f3a' };
}

export const stolenTokenReplay: AttackDef = {
  id: 'stolen-token-replay',
  title: 'A stolen access token, replayed (DPoP)',
  summary:
    "Malware copies the client's access token from its storage; the attacker calls the MCP server with it from her own machine.",
  target: 'client',
  rules: ['C-76', 'S-56', 'S-52'],
  lesson: 'sender-constrained-tokens',
  preconditions: [],
  defence: {
    label: 'The client binds its tokens to a DPoP key it never shares (C-76)',
    vulnerabilities: ['client-no-dpop'],
  },
  victim: { scenario: 'dpop', registration: 'preregistered' },
  lanes: ['attacker'],
  variants: defineVariants('stolen-token-replay', {
    bearer: { label: 'The client uses plain Bearer tokens' },
    downgrade: {
      label: 'The MCP server takes a bound token as Bearer',
      summary:
        'The client binds its tokens with DPoP, but the MCP server also takes them with the Bearer scheme: the attacker just drops the proof.',
      target: 'mcp',
      rules: ['S-56', 'S-52'],
      defence: {
        label: 'The MCP server refuses a DPoP-bound token sent as Bearer (S-56)',
        vulnerabilities: ['mcp-dpop-downgrade'],
      },
      explain: {
        vulnerable:
          "The token was bound to the client's key, but this MCP server accepted it with the Bearer scheme and no proof: the binding protects nothing if the server lets it be dropped.",
        defended:
          'S-56 (RFC 9449 §7.2): the token is DPoP-bound (cnf.jkt), so the MCP server refused it as Bearer with 401 invalid_token; a proof signed by her own key failed the key binding (S-52).',
      },
    },
  }),
  explain: {
    vulnerable:
      'A Bearer token is like cash: the MCP server checked signature, issuer, audience and expiry, all fine, and ran the tool for whoever presented it.',
    defended:
      "S-56 (RFC 9449 §7.2): the token was DPoP-bound (cnf.jkt), so sent as Bearer it got 401 invalid_token; with a proof signed by her own key, the key binding failed (S-52). The client's private key never left it, so the stolen token is worthless on its own.",
  },
  async act({ world, attacker, victim }) {
    const stolen = responseBody(victim.trace, 'token');
    const token = typeof stolen.access_token === 'string' ? stolen.access_token : null;
    await attacker.note(
      "Copies the client's token store",
      `Malware on the victim's machine reads the access token (token_type ${String(stolen.token_type)}). The client's private DPoP key, if any, is held by the operating system's key store and cannot be exported.`,
      { mark: 'stolen', values: { access_token: short(token ?? '') } },
    );
    const asBearer = await attacker.callTool(token, 'read_file', { path: 'notes/plan.md' });
    if (ranAsVictim(world, asBearer))
      return {
        attackerWon: true,
        evidence: 'The stolen token worked as a Bearer token from her own machine.',
      };
    if (!token) return { attackerWon: false, evidence: 'There was no token to steal.' };
    const own = await withOwnKey(world, attacker, token);
    if (own.ran)
      return { attackerWon: true, evidence: 'The stolen token worked with a proof of her own key.' };
    return {
      attackerWon: false,
      evidence: `Sent as Bearer it was refused (${asBearer.status}); with a proof signed by her own key it was refused too (${own.status}).`,
    };
  },
};
