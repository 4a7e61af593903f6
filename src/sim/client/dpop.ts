/**
 * DPoP, client side (RFC 9449; on the MCP roadmap, in no published revision): a key pair that never
 * leaves the client, and a fresh proof for every request (C-76): typ dpop+jwt, the public jwk, a
 * unique jti, htm and htu naming the request, iat, ath with an access token, and the server's nonce
 * once it supplied one (C-78, kept per server: a nonce is used only where it was issued). Signed
 * deterministically in the page, so a seed gives the same proofs.
 */
import { accessTokenHash, jwkThumbprint, publicJwkOf, signJws } from '../crypto/jwt';
import type { SigningKey } from '../crypto/jwt';
import { DPOP_TYP } from '../oauth/urns';
import { clientNow } from './assertion';
import type { ClientContext } from './session';

/** The key the client binds its tokens with, when it uses DPoP (a client that skips C-76 has none). */
export function dpopKey(ctx: ClientContext): SigningKey | undefined {
  return ctx.config.checks.dpop ? ctx.config.dpop?.key : undefined;
}

/** RFC 9449 §4.2: htu is the target URI without query and fragment. */
function htuOf(url: string): string {
  const target = new URL(url);
  return `${target.origin}${target.pathname}`;
}

export function dpopProof(
  ctx: ClientContext,
  key: SigningKey,
  method: string,
  url: string,
  accessToken?: string,
): string {
  const nonce = ctx.session.dpopNonces.get(new URL(url).origin);
  return signJws(
    { typ: DPOP_TYP, jwk: publicJwkOf(key) },
    {
      jti: ctx.rng.token(12),
      htm: method,
      htu: htuOf(url),
      iat: clientNow(ctx),
      ...(accessToken !== undefined ? { ath: accessTokenHash(accessToken) } : {}),
      ...(nonce !== undefined ? { nonce } : {}),
    },
    key,
  );
}

/** Records, once, that the client made its key pair; every proof after this is signed with it. */
export async function announceDpopKey(ctx: ClientContext, key: SigningKey): Promise<void> {
  if (ctx.session.dpopAnnounced) return;
  ctx.session.dpopAnnounced = true;
  await ctx.deps.note({
    kind: 'internal',
    stepId: 'generate-dpop-key',
    title: 'DPoP key pair ready',
    outcome: 'ok',
    rule: 'C-76',
    detail: {
      summary:
        'DPoP is on the MCP roadmap, not in a published revision. The client keeps the private key; every token request and MCP request from now on carries a proof signed with it, and the token will be bound to this key.',
      values: { jwk_thumbprint: jwkThumbprint(key.publicJwk), alg: 'ES256' },
    },
  });
}

/**
 * A `use_dpop_nonce` answer (RFC 9449 §8: 400 from an authorization server; §9: 401 with a DPoP
 * challenge from a resource server) with a `DPoP-Nonce` header: the nonce is kept for that server
 * and the caller retries once, with a fresh proof (C-78).
 */
export async function takeNonce(ctx: ClientContext, url: string, response: Response): Promise<boolean> {
  const nonce = response.headers.get('dpop-nonce');
  if (!nonce || (response.status !== 400 && response.status !== 401)) return false;
  const challenge = response.headers.get('www-authenticate') ?? '';
  const asked =
    /error="use_dpop_nonce"/.test(challenge) ||
    (response.status === 400 && (await response.clone().text()).includes('use_dpop_nonce'));
  if (!asked) return false;
  ctx.session.dpopNonces.set(new URL(url).origin, nonce);
  return true;
}
