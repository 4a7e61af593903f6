/**
 * Access token validation at the resource server (OAuth 2.1 §5.2, RFC 9068 §4): signature against
 * the authorization server's keys, type, issuer, expiry, audience (S-06) and scope (S-14). Each check
 * is recorded with its result, so the learner sees exactly which one failed and why.
 */
import type { JWTPayload } from 'jose';
import { verifySignature } from '../../crypto/jwt';
import type { Jwks } from '../../crypto/jwt';
import type { RuleId } from '../../rules';
import type { Check } from '../../trace/types';
import type { World } from '../../world/world';
import { isRecord } from '../http';
import { endpoints } from '../auth/metadata';
import { scopeSatisfied } from './tools';

export type Validation =
  | { ok: true; claims: JWTPayload & { sub: string }; scopes: string[] }
  | {
      ok: false;
      error: 'invalid_token' | 'insufficient_scope';
      description: string;
      scope?: string;
      rule?: RuleId;
    };

async function loadJwks(world: World): Promise<Jwks | null> {
  if (world.mcp.jwks) return world.mcp.jwks;
  try {
    const res = await world.network.fetchAs('mcp')(endpoints(world.urls.issuer).jwks_uri, {
      step: 'jwks-fetch',
    });
    const body: unknown = await res.json();
    if (res.ok && isRecord(body) && Array.isArray(body.keys)) world.mcp.jwks = { keys: body.keys };
  } catch {
    return null;
  }
  return world.mcp.jwks;
}

function audiences(payload: JWTPayload): string[] {
  if (typeof payload.aud === 'string') return [payload.aud];
  return Array.isArray(payload.aud) ? payload.aud : [];
}

export async function validateAccessToken(
  world: World,
  token: string,
  needed: string[],
  operation: string,
): Promise<Validation> {
  const jwks = await loadJwks(world);
  const checks: Check[] = [];
  const sig = jwks
    ? await verifySignature(token, jwks)
    : { ok: false as const, reason: "the authorization server's keys could not be loaded" };
  checks.push({
    label: 'Signature',
    ok: sig.ok,
    detail: sig.ok ? "ES256 signature verifies with the authorization server's key" : sig.reason,
    rule: 'S-05',
  });

  let result: Validation | undefined = sig.ok
    ? undefined
    : { ok: false, error: 'invalid_token', description: 'token signature is invalid' };
  const claims = sig.ok ? sig.payload : {};
  const fail = (description: string): Validation => ({ ok: false, error: 'invalid_token', description });
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  if (sig.ok) {
    const now = world.clock.now();
    const issOk = claims.iss === world.urls.issuer;
    checks.push({
      label: 'Issuer',
      ok: issOk,
      detail: `iss is ${String(claims.iss)}; expected ${world.urls.issuer}`,
      rule: 'S-05',
    });
    const expOk = typeof claims.exp === 'number' && claims.exp > now;
    checks.push({
      label: 'Expiry',
      ok: expOk,
      detail:
        typeof claims.exp === 'number'
          ? `exp is ${claims.exp - now >= 0 ? `${claims.exp - now} s from now` : `${now - claims.exp} s ago`}`
          : 'no exp claim',
      rule: 'S-05',
    });
    const aud = audiences(claims);
    const skipAud = world.isVulnerable('mcp-no-audience-check');
    const audOk = aud.includes(world.urls.mcp);
    checks.push({
      label: 'Audience',
      ok: audOk || skipAud,
      detail: skipAud
        ? `NOT CHECKED (vulnerable server). aud is ${aud.join(', ') || '(none)'}`
        : `aud is ${aud.join(', ') || '(none)'}; this server is ${world.urls.mcp}`,
      rule: 'S-06',
    });
    const missing = needed.filter((s) => !scopeSatisfied(scopes, s));
    checks.push({
      label: 'Scope',
      ok: missing.length === 0,
      detail: `${operation} needs ${needed.join(' ')}; token has ${scopes.join(' ') || '(none)'}`,
      rule: 'S-14',
    });
    if (!issOk) result = fail('token was issued by an unknown issuer');
    else if (!expOk) result = fail('token expired');
    else if (!audOk && !skipAud) result = fail('token audience mismatch');
    else if (typeof claims.sub !== 'string') result = fail('token has no subject');
    else if (missing.length > 0) {
      // S-13: the challenge names every scope this operation needs, not just the missing one.
      result = {
        ok: false,
        error: 'insufficient_scope',
        description: `${operation} requires ${needed.join(' ')}`,
        scope: needed.join(' '),
      };
    }
  }
  const ok = result === undefined;
  await world.recorder.record({
    kind: 'internal',
    stepId: 'validate-token',
    from: 'mcp',
    to: 'mcp',
    title: ok ? 'Token valid' : `Token rejected: ${result?.ok === false ? result.description : ''}`,
    outcome: ok ? 'ok' : 'refused',
    rule: checks.find((c) => !c.ok)?.rule ?? 'S-05',
    detail: {
      summary: ok
        ? `Every check passed for ${operation}.`
        : `The request is refused before ${operation} runs.`,
      checks,
    },
  });
  if (result && !result.ok) return { ...result, rule: checks.find((c) => !c.ok)?.rule };
  return { ok: true, claims: { ...claims, sub: String(claims.sub) }, scopes };
}
