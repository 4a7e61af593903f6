/**
 * The MCP server's DPoP checks (RFC 9449 §7; on the MCP roadmap, in no published revision): a token
 * bound to a key (cnf.jkt) is accepted only with the DPoP scheme and a valid proof made with that
 * key for this very request (S-51..S-55), never as a Bearer token (S-56). It asks for its nonce
 * the first time (401 use_dpop_nonce with a DPoP-Nonce header: a challenge, not a stop), and its
 * refusals use the DPoP scheme with `algs` (S-57). One step records every check with its rule.
 */
import type { JWTPayload } from 'jose';
import { DPOP_ALGS, DPOP_WINDOW, dpopProofChecks } from '../../checks/dpop';
import { check, firstFailure } from '../../trace/check';
import type { Check, Refusal } from '../../trace/types';
import type { World } from '../../world/world';
import { prmUrlFor } from '../../world/urls';
import { refuse } from '../http';
import { challengeResponse } from './challenge';

/** How long this server's nonce is good for: it rotates hourly (RFC 9449 §8.2 leaves when to the server). */
const NONCE_LIFETIME = 3600;

export type DpopResult = { ok: true } | { ok: false; response: Response };

function boundKey(claims: JWTPayload): string | undefined {
  const cnf = claims.cnf;
  return typeof cnf === 'object' && cnf !== null && 'jkt' in cnf && typeof cnf.jkt === 'string'
    ? cnf.jkt
    : undefined;
}

/** S-55: an unpredictable value from the server's randomness (a CSPRNG on a real socket). */
export function currentNonce(world: World): string {
  const now = world.clock.now();
  if (!world.mcp.dpopNonce || world.mcp.dpopNonce.until <= now)
    world.mcp.dpopNonce = { value: world.rng('mcp-dpop').token(16), until: now + NONCE_LIFETIME };
  return world.mcp.dpopNonce.value;
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** S-57 (RFC 9449 §7.1): a DPoP challenge with its error, the accepted algorithms and where the metadata is. */
function dpopChallenge(world: World, refusal: Refusal, nonce?: string): Response {
  const header = `DPoP error=${quote(refusal.error)}, error_description=${quote(refusal.description)}, algs=${quote(DPOP_ALGS.join(' '))}, resource_metadata=${quote(prmUrlFor(world.urls.mcp))}`;
  return Response.json(
    { error: refusal.error, error_description: refusal.description },
    {
      status: 401,
      headers: {
        'WWW-Authenticate': header,
        ...(nonce !== undefined ? { 'DPoP-Nonce': nonce, 'Cache-Control': 'no-store' } : {}),
      },
    },
  );
}

/**
 * A token sent with the DPoP scheme that fails validation: the DPoP challenge (RFC 9449 §7.2: the
 * scheme the client used), which hands out the current nonce too (§9: a server may supply one in
 * any response; a nonce is unpredictable, not secret).
 */
export function dpopTokenRefusal(world: World, refusal: Refusal): Response {
  return refuse(world, refusal, dpopChallenge(world, refusal, currentNonce(world)));
}

async function record(world: World, checks: Check[], failed: Check | undefined, nonceOnly: boolean) {
  await world.recorder.record({
    kind: 'internal',
    stepId: 'validate-dpop-proof',
    from: 'mcp',
    to: 'mcp',
    title: nonceOnly
      ? 'Proof valid but without my nonce: ask for a retry'
      : failed
        ? `Proof refused: ${failed.label}`
        : 'Proof valid: the sender holds the key',
    ...(nonceOnly ? {} : { outcome: failed ? ('refused' as const) : ('ok' as const) }),
    rule: failed?.rule ?? 'S-51',
    detail: {
      summary: nonceOnly
        ? 'Everything checks out, but this server hands out nonces and the proof carries none of its own: it answers use_dpop_nonce with a fresh DPoP-Nonce, and the client retries with a new proof.'
        : failed
          ? `The request is refused before anything runs: ${failed.detail}.`
          : 'The proof names this request, is fresh and unused, hashes this token and is signed by the key the token is bound to: whoever sent it holds the private key.',
      checks,
    },
  });
}

export async function checkDpop(
  world: World,
  request: Request,
  token: string,
  claims: JWTPayload,
  scheme: 'bearer' | 'dpop',
): Promise<DpopResult> {
  const jkt = boundKey(claims);
  if (scheme === 'bearer') {
    if (jkt === undefined) return { ok: true };
    // S-56 (RFC 9449 §7.2): a bound token sent as Bearer is refused, or a thief would just downgrade.
    const checks = [
      check(
        'S-56',
        'Bound token sent as Bearer',
        false,
        `this token is bound to a DPoP key (cnf.jkt ${jkt}) but came with the Bearer scheme and no proof`,
        !world.isVulnerable('mcp-dpop-downgrade'),
      ),
    ];
    const failed = firstFailure(checks);
    await record(world, checks, failed, false);
    if (!failed) return { ok: true };
    const refusal = {
      rule: failed.rule,
      error: 'invalid_token',
      description: 'DPoP-bound token presented as a bearer token',
    };
    return {
      ok: false,
      response: refuse(
        world,
        refusal,
        challengeResponse(world.urls.mcp, { error: 'invalid_token', errorDescription: refusal.description }),
      ),
    };
  }
  const now = world.clock.now();
  const nonce = currentNonce(world);
  const { checks, facts } = await dpopProofChecks({
    header: request.headers.get('dpop'),
    method: request.method,
    url: request.url,
    now,
    rules: { proof: 'S-51', binding: 'S-52', fresh: 'S-53', replay: 'S-54', nonce: 'S-55' },
    token: { value: token, jkt },
    seen: (jti) => (world.mcp.dpopJtis.get(jti) ?? 0) > now,
    nonce,
    skip: {
      htu: world.isVulnerable('mcp-dpop-no-htu-check'),
      iat: world.isVulnerable('mcp-dpop-no-iat-window'),
      jti: world.isVulnerable('mcp-dpop-jti-reuse'),
    },
  });
  const failed = firstFailure(checks);
  const nonceOnly = failed?.rule === 'S-55';
  await record(world, checks, failed, nonceOnly);
  if (nonceOnly) {
    const refusal = {
      rule: 'S-55' as const,
      error: 'use_dpop_nonce',
      description: 'this server requires its nonce in the DPoP proof',
    };
    // A challenge that asks for a retry, like the first 401: not a stop.
    return { ok: false, response: refuse(world, refusal, dpopChallenge(world, refusal, nonce), false) };
  }
  if (failed) {
    const binding = failed.rule === 'S-52';
    const refusal = {
      rule: failed.rule,
      error: binding ? 'invalid_token' : 'invalid_dpop_proof',
      description: binding ? 'Invalid DPoP key binding' : `DPoP proof refused: ${failed.label}`,
    };
    return { ok: false, response: refuse(world, refusal, dpopChallenge(world, refusal)) };
  }
  // S-54: remembered for the window in which this proof would still be accepted.
  if (!world.isVulnerable('mcp-dpop-jti-reuse') && typeof facts.claims.jti === 'string')
    world.mcp.dpopJtis.set(facts.claims.jti, now + 2 * DPOP_WINDOW);
  return { ok: true };
}
