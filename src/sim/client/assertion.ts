/**
 * The client assertion of `private_key_jwt` (RFC 7523 §2.2 and §3; EXT-CC, C-70/C-71): a JWT the
 * client signs with its own private key, naming itself (iss, sub), the authorization server (aud:
 * its issuer identifier, as draft-ietf-oauth-rfc7523bis requires and the SDK and the conformance
 * suite do), a lifetime of one minute (exp) and a unique jti. Signed deterministically in the page
 * (crypto/jwt.ts), so a seed gives the same assertion.
 */
import type { SigningKey } from '../crypto/jwt';
import { signJws } from '../crypto/jwt';
import { CLIENT_ASSERTION_TYPE } from '../oauth/urns';
import { check } from '../trace/check';
import { recordChecklist } from './checklist';
import type { ClientContext } from './session';
import { ClientRefusal } from './types';

/** Seconds an assertion is good for: long enough to reach the token endpoint, too short to be worth stealing. */
export const ASSERTION_LIFETIME = 60;

export function clientNow(ctx: ClientContext): number {
  return ctx.deps.now?.() ?? Math.floor(Date.now() / 1000);
}

/** The form parameters that authenticate the client with a fresh assertion, after recording why it may. */
export async function assertionParams(
  ctx: ClientContext,
  clientId: string,
  key: SigningKey,
): Promise<Record<string, string>> {
  const metadata = ctx.session.metadata;
  if (!metadata) throw new ClientRefusal('C-08', 'No authorization server metadata');
  const supported = metadata.token_endpoint_auth_methods_supported;
  const now = clientNow(ctx);
  const jti = ctx.rng.token(16);
  const failed = await recordChecklist(ctx, {
    stepId: 'sign-client-assertion',
    // C-70: a method the server lists (RFC 8414 §2's default for an absent list is client_secret_basic).
    checks: [
      check(
        'C-70',
        'The server accepts private_key_jwt',
        supported?.includes('private_key_jwt') ?? false,
        `token_endpoint_auth_methods_supported is ${supported ? supported.join(', ') : '(absent: client_secret_basic)'}`,
      ),
    ],
    rule: 'C-71',
    values: { client_id: clientId, kid: key.kid, aud: metadata.issuer, jti },
    ok: {
      title: 'Sign a client assertion',
      summary: `The client signs a JWT with its private key (kid ${key.kid}): it is ${clientId}, talking to ${metadata.issuer}, until ${ASSERTION_LIFETIME} s from now. The key itself is never sent.`,
    },
    refused: {
      title: () => 'No authentication method in common',
      summary:
        'This client holds a key, not a secret, and the server does not list private_key_jwt: it cannot authenticate there, so it sends nothing.',
    },
  });
  if (failed)
    throw new ClientRefusal(failed.rule, `The authorization server does not accept private_key_jwt`);
  return {
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    client_assertion: signClientAssertion(key, clientId, metadata.issuer, now, jti),
  };
}

/** C-71 (RFC 7523 §3): the assertion itself, for one authorization server, from `now` for a minute. */
export function signClientAssertion(
  key: SigningKey,
  clientId: string,
  audience: string,
  now: number,
  jti: string,
): string {
  return signJws(
    { typ: 'JWT', kid: key.kid },
    { iss: clientId, sub: clientId, aud: audience, iat: now, exp: now + ASSERTION_LIFETIME, jti },
    key,
  );
}
