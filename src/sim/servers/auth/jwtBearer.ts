/**
 * The JWT bearer grant with an Identity Assertion JWT Authorization Grant (RFC 7523 §2.1; EXT-EMA
 * §5): the MCP authorization server validates the ID-JAG (A-53: typ, a trusted IdP's signature,
 * issuer, expiry; A-54: its aud is this server; A-55: its client_id is the client that
 * authenticated; A-52: its jti was not used) and issues a token for the resource and scope it names
 * . No user is involved and no consent page is shown: the IdP's policy decided. Each check is
 * recorded with its rule, and the first failed one answers invalid_grant (RFC 7523 §3.1).
 */
import type { JWTPayload } from 'jose';
import { peekJwt } from '../../crypto/jwt';
import { ID_JAG_TYP } from '../../oauth/urns';
import { check, firstFailure } from '../../trace/check';
import type { Check } from '../../trace/types';
import type { World } from '../../world/world';
import { oauthError } from '../http';
import { idpEndpoints } from '../idp/metadata';
import { expiryCheck, fetchJwks, rememberJti, replayCheck, signatureCheck } from './jwtChecks';
import type { RegisteredClient } from './state';
import { issueTokens } from './tokens';

/** The identity providers this authorization server trusts for enterprise-managed authorization. */
export function trustedIdps(world: World): { issuer: string; jwks_uri: string }[] {
  return [{ issuer: world.urls.idp, jwks_uri: idpEndpoints(world.urls.idp).jwks_uri }];
}

function audiences(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a) => typeof a === 'string') : [];
}

function words(value: unknown): string[] {
  return typeof value === 'string' ? value.split(' ').filter(Boolean) : [];
}

async function jagChecks(
  world: World,
  client: RegisteredClient,
  assertion: string,
  p: Map<string, string>,
): Promise<{ checks: Check[]; claims: JWTPayload }> {
  const peeked = peekJwt(assertion);
  const typ = peeked?.header.typ;
  // RFC 8725 §3.11 / EXT-EMA §5.1: explicit typing, so no other JWT can pass for an ID-JAG.
  const checks: Check[] = [
    check('A-53', 'Typed as an ID-JAG', typ === ID_JAG_TYP, `typ is ${String(typ)}; expected ${ID_JAG_TYP}`),
  ];
  const idp = trustedIdps(world).find((t) => t.issuer === peeked?.payload.iss);
  checks.push(
    check(
      'A-53',
      'Issued by a trusted IdP',
      idp !== undefined,
      `iss is ${String(peeked?.payload.iss)}; this server trusts ${trustedIdps(world)
        .map((t) => t.issuer)
        .join(', ')}`,
    ),
  );
  if (firstFailure(checks) || !idp) return { checks, claims: {} };
  const jwks = await fetchJwks(world, idp.jwks_uri, 'idp-jwks-fetch');
  const sig = await signatureCheck(assertion, jwks, 'A-53', "the IdP's");
  checks.push(sig.check);
  if (sig.check.status !== 'pass') return { checks, claims: {} };
  const claims = sig.claims;
  const aud = audiences(claims.aud);
  const requested = p.get('resource');
  const resource = typeof claims.resource === 'string' ? claims.resource : undefined;
  const scope = words(p.get('scope'));
  const allowed = words(claims.scope);
  const ignoreClaims = world.isVulnerable('as-id-jag-ignores-claims');
  checks.push(
    expiryCheck(world, claims, 'A-53', true),
    check(
      'A-54',
      'Audience',
      aud.includes(world.urls.issuer),
      `aud is ${aud.join(', ') || '(none)'}; this server's issuer is ${world.urls.issuer}`,
      !world.isVulnerable('as-id-jag-any-audience'),
    ),
    check(
      'A-55',
      'Client',
      claims.client_id === client.client_id,
      `client_id is ${String(claims.client_id)}; the client that authenticated is ${client.client_id}`,
    ),
    replayCheck(world, claims),
    check(
      'A-56',
      'Resource',
      resource !== undefined && (requested === undefined || requested === resource),
      `the ID-JAG is for ${resource ?? '(no resource)'}; the request asks for ${requested ?? '(not named)'}`,
      !ignoreClaims,
    ),
    check(
      'A-56',
      'Scope',
      scope.every((s) => allowed.includes(s)),
      `the request asks for ${scope.join(' ') || '(nothing more)'}; the ID-JAG allows ${allowed.join(' ') || '(none)'}`,
      !ignoreClaims,
    ),
  );
  return { checks, claims };
}

export async function jwtBearerGrant(
  world: World,
  client: RegisteredClient,
  p: Map<string, string>,
  jkt?: string,
): Promise<Response> {
  const assertion = p.get('assertion');
  if (!assertion)
    return oauthError(world, { rule: 'A-21', error: 'invalid_request', description: 'assertion is missing' });
  const { checks, claims } = await jagChecks(world, client, assertion, p);
  const failed = firstFailure(checks);
  const ignoreClaims = world.isVulnerable('as-id-jag-ignores-claims');
  const resource = ignoreClaims
    ? (p.get('resource') ?? String(claims.resource))
    : typeof claims.resource === 'string'
      ? claims.resource
      : '';
  const granted = typeof claims.scope === 'string' ? claims.scope : '';
  const scope = ignoreClaims ? (p.get('scope') ?? granted) : words(p.get('scope')).join(' ') || granted;
  await world.recorder.record({
    kind: 'internal',
    stepId: 'validate-id-jag',
    from: 'as',
    to: 'as',
    title: failed
      ? `ID-JAG refused: ${failed.label.toLowerCase()}`
      : 'ID-JAG valid: no consent screen needed',
    outcome: failed ? 'refused' : 'ok',
    rule: failed?.rule ?? 'A-53',
    detail: {
      summary: failed
        ? `No token: ${failed.detail}. The answer is invalid_grant (RFC 7523 §3.1).`
        : `The IdP vouches for ${String(claims.sub)} using ${client.client_id} with ${resource}. The token is issued at once: the company's administrator decided at the IdP, so this server shows no consent page.`,
      checks,
      values: {
        ...(typeof claims.sub === 'string' ? { sub: claims.sub } : {}),
        ...(resource ? { resource } : {}),
        ...(scope ? { scope } : {}),
      },
    },
  });
  if (failed)
    return oauthError(world, { rule: failed.rule, error: 'invalid_grant', description: failed.detail });
  rememberJti(world, claims);
  return issueTokens(world, {
    client,
    sub: String(claims.sub),
    scope,
    resource,
    withRefresh: false,
    jkt,
  }).response;
}
