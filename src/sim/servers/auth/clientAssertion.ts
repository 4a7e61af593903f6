/**
 * Client authentication with a signed assertion (`private_key_jwt`, RFC 7523 §2.2 and §3; EXT-CC
 * §Client Authentication Methods): the authorization server verifies the JWT with the key the
 * client registered (its jwks_uri), that it names the client (iss, sub), names this server (aud),
 * has not expired, and was not used before. It records the checklist as one step; the first failed
 * check is the refusal, `invalid_client` (RFC 7523 §3.2).
 */
import { peekJwt } from '../../crypto/jwt';
import { CLIENT_ASSERTION_TYPE } from '../../oauth/urns';
import { check, firstFailure } from '../../trace/check';
import type { World } from '../../world/world';
import { oauthError } from '../http';
import type { Authenticated } from './clientAuth';
import { expiryCheck, fetchJwks, rememberJti, replayCheck, signatureCheck } from './jwtChecks';

function audiences(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a) => typeof a === 'string') : [];
}

export async function authenticateWithAssertion(
  world: World,
  params: Map<string, string>,
): Promise<Authenticated> {
  const refuse = (rule: 'A-51' | 'A-52' | 'A-21', error: string, description: string) => ({
    ok: false as const,
    response: oauthError(world, { rule, error, description }),
  });
  const assertion = params.get('client_assertion');
  if (params.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE)
    return refuse('A-51', 'invalid_client', `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}`);
  if (!assertion) return refuse('A-21', 'invalid_request', 'client_assertion is missing');
  const peeked = peekJwt(assertion);
  if (!peeked) return refuse('A-51', 'invalid_client', 'client_assertion is not a JWT');
  // RFC 7523 §3: for client authentication, sub is the client_id; a client_id sent as well must agree.
  const clientId = typeof peeked.payload.sub === 'string' ? peeked.payload.sub : '';
  const named = params.get('client_id');
  if (named !== undefined && named !== clientId)
    return refuse('A-51', 'invalid_client', 'client_id does not match the assertion');
  const client = world.as.clients.get(clientId);
  if (!client || client.token_endpoint_auth_method !== 'private_key_jwt' || !client.jwks_uri)
    return refuse('A-51', 'invalid_client', 'no client with a registered key has this client_id');

  const jwks = await fetchJwks(world, client.jwks_uri, 'client-jwks-fetch');
  const sig = await signatureCheck(assertion, jwks, 'A-51', "the client's registered");
  const claims = sig.claims;
  const checks = [sig.check];
  if (sig.check.status === 'pass') {
    const aud = audiences(claims.aud);
    checks.push(
      check(
        'A-51',
        'Issuer and subject',
        claims.iss === clientId && claims.sub === clientId,
        `iss is ${String(claims.iss)}, sub is ${String(claims.sub)}; both must be the client_id ${clientId}`,
      ),
      // draft-ietf-oauth-rfc7523bis: the audience is this server's issuer identifier, so an assertion
      // the same client made for another server cannot be replayed here.
      check(
        'A-51',
        'Audience',
        aud.length === 1 && aud[0] === world.urls.issuer,
        `aud is ${aud.join(', ') || '(none)'}; this server is ${world.urls.issuer}`,
        !world.isVulnerable('as-assertion-any-audience'),
      ),
      expiryCheck(world, claims, 'A-51', !world.isVulnerable('as-assertion-no-expiry')),
      replayCheck(world, claims),
    );
  }
  const failed = firstFailure(checks);
  await world.recorder.record({
    kind: 'internal',
    stepId: 'verify-client-assertion',
    from: 'as',
    to: 'as',
    title: failed ? `Client assertion refused: ${failed.label.toLowerCase()}` : 'Client assertion valid',
    outcome: failed ? 'refused' : 'ok',
    rule: failed?.rule ?? 'A-51',
    detail: {
      summary: failed
        ? `The client is not authenticated: ${failed.detail}. The answer is invalid_client.`
        : `The assertion proves ${clientId} holds the private key whose public half it registered, for this server, now.`,
      checks,
      values: { client_id: clientId, jwks_uri: client.jwks_uri },
    },
  });
  if (failed) return refuse(failed.rule === 'A-52' ? 'A-52' : 'A-51', 'invalid_client', failed.detail);
  rememberJti(world, claims);
  return { ok: true, client, confidential: true };
}
