/**
 * Access token validation at the resource server (OAuth 2.1 §5.2, RFC 9068 §4): signature against
 * the authorization server's keys, issuer, expiry and subject (S-05), audience (S-06), scope (S-14),
 * and, when this server introspects, whether the authorization server still calls it active
 * (RFC 7662). Each check is recorded with its result and rule; the first failure is the refusal.
 */
import type { JWK, JWTPayload } from 'jose';
import { verifySignature } from '../../crypto/jwt';
import type { Jwks } from '../../crypto/jwt';
import { check, firstFailure } from '../../trace/check';
import type { Check, Refusal } from '../../trace/types';
import type { World } from '../../world/world';
import { isRecord } from '../http';
import { endpoints } from '../auth/metadata';
import { introspect } from './introspect';
import { scopeSatisfied } from './tools';

export type Validation =
  | { ok: true; claims: JWTPayload & { sub: string }; scopes: string[] }
  | { ok: false; refusal: Refusal & { error: 'invalid_token' | 'insufficient_scope' }; scope?: string };

/** RFC 7517 §4.1: "kty" is required; §5: a key set's members without it are ignored, not trusted. */
function isJwk(value: unknown): value is JWK {
  return isRecord(value) && typeof value.kty === 'string';
}

async function loadJwks(world: World): Promise<Jwks | null> {
  if (world.mcp.jwks) return world.mcp.jwks;
  try {
    const res = await world.network.fetchAs('mcp')(endpoints(world.urls.issuer).jwks_uri, {
      step: 'jwks-fetch',
    });
    const body: unknown = await res.json();
    if (res.ok && isRecord(body) && Array.isArray(body.keys))
      world.mcp.jwks = { keys: body.keys.filter(isJwk) };
  } catch {
    return null;
  }
  return world.mcp.jwks;
}

function audiences(payload: JWTPayload): string[] {
  if (typeof payload.aud === 'string') return [payload.aud];
  return Array.isArray(payload.aud) ? payload.aud : [];
}

/** The claim checks, once the signature holds: what each one compared, with its rule. */
function claimChecks(world: World, claims: JWTPayload, needed: string[], operation: string): Check[] {
  const now = world.clock.now();
  const aud = audiences(claims);
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  return [
    check(
      'S-05',
      'Issuer',
      claims.iss === world.urls.issuer,
      `iss is ${String(claims.iss)}; expected ${world.urls.issuer}`,
    ),
    check(
      'S-05',
      'Expiry',
      typeof claims.exp === 'number' && claims.exp > now,
      typeof claims.exp === 'number'
        ? `exp is ${claims.exp - now >= 0 ? `${claims.exp - now} s from now` : `${now - claims.exp} s ago`}`
        : 'no exp claim',
    ),
    check('S-05', 'Subject', typeof claims.sub === 'string', `sub is ${String(claims.sub)}`),
    // S-06 arrived with RFC 8707 in 2025-06-18: a server of 2025-03-26 has no audience to check.
    ...(world.inRevision('S-06')
      ? [
          check(
            'S-06',
            'Audience',
            aud.includes(world.urls.mcp),
            `aud is ${aud.join(', ') || '(none)'}; this server is ${world.urls.mcp}`,
            !world.isVulnerable('mcp-no-audience-check'),
          ),
        ]
      : []),
    scopeCheck(world, scopes, needed, operation),
  ];
}

/**
 * S-14 (2026-07-28): a broader scope the token holds may satisfy a narrower one the operation
 * needs. Before, the scope check is the error table's 403 for insufficient permissions (S-11),
 * scope by scope.
 */
function scopeCheck(world: World, scopes: string[], needed: string[], operation: string): Check {
  const hierarchy = world.inRevision('S-14');
  return check(
    hierarchy ? 'S-14' : 'S-11',
    'Scope',
    needed.every((s) => (hierarchy ? scopeSatisfied(scopes, s) : scopes.includes(s))),
    `${operation} needs ${needed.join(' ')}; token has ${scopes.join(' ') || '(none)'}`,
  );
}

export async function validateAccessToken(
  world: World,
  token: string,
  needed: string[],
  operation: string,
): Promise<Validation> {
  const jwks = await loadJwks(world);
  const sig = jwks
    ? await verifySignature(token, jwks)
    : { ok: false as const, reason: "the authorization server's keys could not be loaded" };
  const checks: Check[] = [
    check(
      'S-05',
      'Signature',
      sig.ok,
      sig.ok ? "ES256 signature verifies with the authorization server's key" : sig.reason,
    ),
  ];
  const claims = sig.ok ? sig.payload : {};
  if (sig.ok) checks.push(...claimChecks(world, claims, needed, operation));
  // Only a token that passed every local check is worth asking about (RFC 7662 §2).
  if (world.introspection && !firstFailure(checks)) checks.push(await introspect(world, token));
  const failed = firstFailure(checks);
  await world.recorder.record({
    kind: 'internal',
    stepId: 'validate-token',
    from: 'mcp',
    to: 'mcp',
    title: failed ? `Token rejected: ${failed.label.toLowerCase()} check failed` : 'Token valid',
    outcome: failed ? 'refused' : 'ok',
    rule: failed?.rule ?? 'S-05',
    detail: {
      summary: failed
        ? `The request is refused before ${operation} runs: ${failed.detail}.`
        : world.introspection
          ? `Every check passed for ${operation}, and the authorization server says the token is still active.`
          : `Every check passed for ${operation}. This server validates the JWT itself and does not ask the authorization server, so a token revoked there stays usable here until its exp: why access tokens are short-lived (A-14).`,
      checks,
    },
  });
  if (failed) {
    const scope = needed.join(' ');
    // S-13: an insufficient-scope challenge names every scope this operation needs, not just the missing one.
    if (failed.label === 'Scope')
      return {
        ok: false,
        refusal: {
          rule: failed.rule,
          error: 'insufficient_scope',
          description: `${operation} requires ${scope}`,
        },
        scope,
      };
    return {
      ok: false,
      refusal: { rule: failed.rule, error: 'invalid_token', description: tokenError(failed) },
    };
  }
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  return { ok: true, claims: { ...claims, sub: String(claims.sub) }, scopes };
}

/** The error_description a client sees, one per check (RFC 6750 §3: human-readable, for developers). */
function tokenError(failed: Check): string {
  switch (failed.label) {
    case 'Signature':
      return 'token signature is invalid';
    case 'Issuer':
      return 'token was issued by an unknown issuer';
    case 'Expiry':
      return 'token expired';
    case 'Subject':
      return 'token has no subject';
    case 'Audience':
      return 'token audience mismatch';
    default:
      return 'token is not active';
  }
}
