/**
 * The checks a token request for an authorization code must pass besides "not used before" (OAuth
 * 2.1 §4.1.3): the code is bound to its client and redirect URI and still fresh; PKCE;
 * the resource is the one authorized. Returns the first failure, with its rule, or nothing.
 */
import { challengeS256, VERIFIER_PATTERN } from '../../crypto/pkce';
import type { Refusal } from '../../trace/types';
import type { World } from '../../world/world';
import type { AuthCode, RegisteredClient } from './state';

export async function verifyCode(
  world: World,
  client: RegisteredClient,
  code: AuthCode,
  p: Map<string, string>,
): Promise<Refusal | undefined> {
  const grant = (rule: Refusal['rule'], description: string, error = 'invalid_grant'): Refusal => ({
    rule,
    error,
    description,
  });
  if (code.request.client.client_id !== client.client_id)
    return grant('A-18', 'authorization code was issued to another client');
  if (world.clock.now() >= code.expiresAt) return grant('A-18', 'authorization code expired');
  const redirectUri = p.get('redirect_uri');
  // OAuth 2.1 §10.2 (Redirect URI Parameter in Token Request): allowed, and then it must match.
  if (redirectUri !== undefined && redirectUri !== code.request.redirect_uri)
    return grant('A-18', 'redirect_uri does not match the authorization request');
  const pkce = await verifyPkce(world, code, p.get('code_verifier'));
  if (pkce) return pkce;
  // A-22 from 2025-06-18; a server of 2025-03-26 ignores a parameter it does not know.
  const resource = world.inRevision('A-22') ? p.get('resource') : undefined;
  if (resource !== undefined && resource !== code.request.resource)
    return grant('A-22', 'resource does not match the authorization request', 'invalid_target');
  return undefined;
}

/**
 * A-16 (OAuth 2.1 §4.1.3): code_verifier present if and only if the authorization request had a
 * code_challenge, and it must transform into that challenge. The server records the comparison as
 * its own step, so the learner sees both values.
 */
async function verifyPkce(
  world: World,
  code: AuthCode,
  verifier: string | undefined,
): Promise<Refusal | undefined> {
  const challenge = code.request.code_challenge;
  if (challenge === undefined) {
    // A server from before PKCE ignores the parameter it does not know, and knows no better.
    if (world.isVulnerable('as-no-pkce-support')) return undefined;
    if (verifier !== undefined)
      return {
        rule: 'A-16',
        error: 'invalid_request',
        description: 'code_verifier sent but no code_challenge was',
      };
    // OAuth 2.1 §4.1.3: a code issued without a challenge is refused here too, unless the server
    // is the one that did not require it in the first place.
    if (world.isVulnerable('as-pkce-optional')) return undefined;
    return {
      rule: 'A-16',
      error: 'invalid_grant',
      description: 'the authorization request had no code_challenge',
    };
  }
  // A plain challenge (only a server with as-pkce-plain-only takes one) is the verifier itself.
  const plain = code.request.code_challenge_method === 'plain';
  const computed =
    verifier !== undefined && VERIFIER_PATTERN.test(verifier)
      ? plain
        ? verifier
        : await challengeS256(verifier)
      : undefined;
  const ok = computed === challenge;
  await world.recorder.record({
    kind: 'internal',
    stepId: 'verify-pkce',
    from: 'as',
    to: 'as',
    title: ok ? 'PKCE verified' : 'PKCE check failed',
    outcome: ok ? 'ok' : 'refused',
    rule: 'A-16',
    detail: {
      summary: ok
        ? plain
          ? 'The code_verifier equals the plain code_challenge stored with the code: anyone who saw the authorization request could have sent it.'
          : 'BASE64URL(SHA-256(code_verifier)) equals the code_challenge stored with the code.'
        : verifier === undefined
          ? 'The code was issued for a code_challenge but the request carries no code_verifier.'
          : 'The code_verifier does not hash to the code_challenge stored with the code.',
      values: {
        code_verifier: verifier ?? '(none)',
        computed_challenge: computed ?? '(none)',
        stored_challenge: challenge,
      },
    },
  });
  if (ok) return undefined;
  return {
    rule: 'A-16',
    error: 'invalid_grant',
    description:
      verifier === undefined ? 'code_verifier is required' : 'code_verifier does not match the challenge',
  };
}
