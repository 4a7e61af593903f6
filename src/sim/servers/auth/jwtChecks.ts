/**
 * The checks a JWT presented to the authorization server shares, whatever it is for (a client
 * assertion, RFC 7523 §3; an ID-JAG, EXT-EMA §5.1): expiry, and that its jti was not used before
 * (A-52, a MAY of RFC 7523 §3 this server does), each built with its rule so a refusal names it.
 */
import type { JWK, JWTPayload } from 'jose';
import { verifySignature } from '../../crypto/jwt';
import type { Jwks } from '../../crypto/jwt';
import type { StepId } from '../../steps';
import { check } from '../../trace/check';
import type { Check } from '../../trace/types';
import type { World } from '../../world/world';
import { isRecord } from '../http';

export function expiryCheck(world: World, claims: JWTPayload, rule: 'A-51' | 'A-53', enforced: boolean) {
  const now = world.clock.now();
  const exp = claims.exp;
  return check(
    rule,
    'Expiry',
    typeof exp === 'number' && exp > now,
    typeof exp === 'number'
      ? exp > now
        ? `exp is ${exp - now} s from now`
        : `exp passed ${now - exp} s ago`
      : 'no exp claim (RFC 7523 §3: the JWT MUST contain one)',
    enforced,
  );
}

export function replayCheck(world: World, claims: JWTPayload): Check {
  const jti = claims.jti;
  const seen = typeof jti === 'string' && (world.as.usedJtis.get(jti) ?? 0) > world.clock.now();
  return check(
    'A-52',
    'Not used before',
    typeof jti === 'string' && !seen,
    typeof jti !== 'string'
      ? 'no jti claim: nothing to recognise a replay by'
      : seen
        ? `jti ${jti} was already used, and the JWT it came in is still within its lifetime`
        : `jti ${jti} has not been seen`,
    !world.isVulnerable('as-jwt-replay'),
  );
}

/** Remembers an accepted JWT's jti until its exp, so a second use is recognised. */
export function rememberJti(world: World, claims: JWTPayload): void {
  if (world.isVulnerable('as-jwt-replay')) return;
  if (typeof claims.jti === 'string' && typeof claims.exp === 'number')
    world.as.usedJtis.set(claims.jti, claims.exp);
}

/** RFC 7517 §4.1: "kty" is required; §5: a key set's members without it are ignored. */
function isJwk(value: unknown): value is JWK {
  return isRecord(value) && typeof value.kty === 'string';
}

function jwksOf(body: unknown): Jwks | null {
  if (!isRecord(body) || !Array.isArray(body.keys)) return null;
  const keys: unknown[] = body.keys;
  return { keys: keys.filter(isJwk) };
}

/** A key set fetched (and cached) by the authorization server: a client's, or a trusted IdP's. */
export async function fetchJwks(
  world: World,
  url: string,
  step: Extract<StepId, 'client-jwks-fetch' | 'idp-jwks-fetch'>,
): Promise<Jwks | null> {
  const cached = world.as.clientJwks.get(url);
  if (cached) return cached;
  try {
    const response = await world.network.fetchAs('as')(url, {
      step,
      headers: { Accept: 'application/json' },
    });
    const jwks = response.ok ? jwksOf(await response.json()) : null;
    if (jwks) world.as.clientJwks.set(url, jwks);
    return jwks;
  } catch {
    return null;
  }
}

/** The signature check, with the rule it enforces. */
export async function signatureCheck(
  token: string,
  jwks: Jwks | null,
  rule: 'A-51' | 'A-53',
  whose: string,
): Promise<{ check: Check; claims: JWTPayload }> {
  const sig = jwks
    ? await verifySignature(token, jwks)
    : { ok: false as const, reason: `${whose} keys could not be loaded` };
  return {
    check: check(
      rule,
      'Signature',
      sig.ok,
      sig.ok ? `ES256 signature verifies with ${whose} key` : sig.reason,
    ),
    claims: sig.ok ? sig.payload : {},
  };
}
