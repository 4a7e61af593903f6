/**
 * Checks at the token endpoint. The client accepts a token response only if it is a Bearer token
 * (tokenTypeCheck, run by src/sim/client/tokens.ts); the rest are what the authorization server
 * must do, visible in the exchange itself: no-store, short lifetimes, an audience
 * PKCE at redemption, a code used once, bound to its redirect URI,
 * rotation for public clients. The honest simulated server passes every one
 * (tests/har/truth.test.ts); an imported HAR runs them on what it recorded.
 */
import { peekJwt } from '../crypto/peek';
import { challengeS256 } from '../crypto/pkce';
import { check, withFix } from '../trace/check';
import { resourceCheck } from './authorization';
import type { Check, HeaderList } from '../trace/types';
import { headerValue } from '../trace/types';

/**
 * OAuth 2.1 §3.2.3: an access_token and a token_type; MCP uses Bearer tokens (§5.1.1). A request
 * that carried a DPoP proof expects `DPoP` (RFC 9449 §5, C-77): anything else gives no binding.
 */
export function tokenTypeCheck(body: Record<string, unknown>, dpop = false): Check {
  const type = body.token_type;
  if (dpop)
    return withFix(
      check(
        'C-77',
        'A DPoP-bound token',
        typeof body.access_token === 'string' && typeof type === 'string' && type.toLowerCase() === 'dpop',
        typeof body.access_token !== 'string'
          ? 'the response has no access_token'
          : `token_type is ${typeof type === 'string' ? type : '(missing)'}; a proof was sent, so DPoP is expected`,
      ),
      'Bind the token to the key of the DPoP proof (cnf.jkt) and answer token_type "DPoP" (RFC 9449 §5).',
    );
  return withFix(
    check(
      'A-01',
      'A Bearer token',
      typeof body.access_token === 'string' && typeof type === 'string' && type.toLowerCase() === 'bearer',
      typeof body.access_token !== 'string'
        ? 'the response has no access_token'
        : `token_type is ${typeof type === 'string' ? type : '(missing)'}`,
    ),
    'Answer a successful token request with access_token and token_type "Bearer" (OAuth 2.1 §3.2.3).',
  );
}

/** The `aud` of a JWT access token, as a list; null when the token is not a readable JWT. */
export function audienceOf(token: string): string[] | null {
  const payload = peekJwt(token)?.payload;
  if (!payload) return null;
  const aud = payload.aud;
  return aud === undefined ? [] : Array.isArray(aud) ? aud : [aud];
}

/** Seconds a token is said to live: expires_in, else the JWT's exp - iat. */
function lifetimeOf(body: Record<string, unknown>): number | null {
  if (typeof body.expires_in === 'number') return body.expires_in;
  const payload = typeof body.access_token === 'string' ? peekJwt(body.access_token)?.payload : undefined;
  return typeof payload?.exp === 'number' && typeof payload.iat === 'number'
    ? payload.exp - payload.iat
    : null;
}

/**
 * OAuth 2.1 gives no number for "short-lived" (§7.1.3 asks for short lifetimes); this inspector
 * calls a lifetime over a day long-lived, and says so in the finding.
 */
export const SHORT_LIVED_MAX = 24 * 3600;

export interface TokenResponseFacts {
  /** The resource the token request (or its authorization request) named, if any. */
  resource: string | undefined;
  /** The request carried a DPoP proof, so a DPoP-bound token is expected (RFC 9449 §5). */
  dpop?: boolean;
}

/** on a token response that carries tokens. */
export function tokenResponseChecks(
  headers: HeaderList,
  body: Record<string, unknown>,
  facts: TokenResponseFacts,
): Check[] {
  const cache = headerValue(headers, 'cache-control') ?? '';
  const checks: Check[] = [
    tokenTypeCheck(body, facts.dpop ?? false),
    withFix(
      check(
        'A-20',
        'Cache-Control: no-store',
        /(^|,)\s*no-store\s*(,|$)/i.test(cache),
        cache ? `Cache-Control is ${cache}` : 'no Cache-Control header',
      ),
      'Send Cache-Control: no-store with every response that carries tokens (OAuth 2.1 §3.2.3).',
    ),
  ];
  const lifetime = lifetimeOf(body);
  if (lifetime !== null) {
    checks.push(
      withFix(
        check(
          'A-14',
          'Short-lived access token',
          lifetime <= SHORT_LIVED_MAX,
          `the access token lives ${lifetime} s (${(lifetime / 3600).toFixed(1)} h); OAuth 2.1 gives no number, this inspector calls more than a day long-lived`,
        ),
        'Issue access tokens that live minutes to an hour, and let the client refresh them.',
      ),
    );
  }
  const aud = typeof body.access_token === 'string' ? audienceOf(body.access_token) : null;
  if (aud !== null) checks.push(audienceCheck(aud, facts.resource));
  return checks;
}

/**
 * A-22 (RFC 8707 §2): the token is restricted to the resource asked for; asked for none, a token
 * naming several resources is valid at each of them, which is what audience restriction prevents.
 */
function audienceCheck(aud: string[], resource: string | undefined): Check {
  const named = aud.length > 0 ? aud.join(' ') : '(none)';
  if (resource === undefined) {
    return withFix(
      check(
        'A-22',
        'Audience restricted',
        aud.length <= 1,
        `no resource was asked for, and aud is ${named}${aud.length > 1 ? ': one token for every one of them' : ''}`,
      ),
      'Restrict each token to one resource: require resource (invalid_target without it), or issue a token for a single default resource.',
    );
  }
  return withFix(
    check(
      'A-22',
      'Audience is the resource asked for',
      aud.length > 0 && aud.every((a) => a === resource),
      `aud is ${named}; the request named ${resource}`,
    ),
    `Restrict the token to the resource requested: aud = ${resource} (RFC 8707 §2).`,
  );
}

/** C-22, C-26 on a token request for a code: resource again, and the verifier for a challenge sent. */
export function tokenRequestChecks(
  form: URLSearchParams,
  facts: { resource: string | undefined; challengeSent: boolean | undefined },
): Check[] {
  const checks: Check[] = [resourceCheck(form.get('resource'), facts.resource, 'token')];
  if (form.get('grant_type') === 'authorization_code' && facts.challengeSent === true) {
    const verifier = form.get('code_verifier');
    checks.push(
      withFix(
        check(
          'C-26',
          'code_verifier sent',
          verifier !== null,
          verifier !== null
            ? 'the verifier travels only now'
            : 'no code_verifier for a code issued with a challenge',
        ),
        'Send the code_verifier of this authorization request with the code.',
      ),
    );
  }
  return checks;
}

/**
 * A-16 at redemption (OAuth 2.1 §4.1.3): a code issued for a code_challenge is redeemed only with a
 * code_verifier that transforms into it. Checked when the server answered with tokens.
 */
export async function pkceRedemptionCheck(
  challenge: { value: string; method: string },
  verifier: string | null,
): Promise<Check> {
  const computed =
    verifier === null ? null : challenge.method === 'S256' ? await challengeS256(verifier) : verifier;
  return withFix(
    check(
      'A-16',
      'PKCE verified at redemption',
      computed === challenge.value,
      verifier === null
        ? 'tokens were issued for a code with a code_challenge, but the request has no code_verifier'
        : computed === challenge.value
          ? `${challenge.method === 'S256' ? 'BASE64URL(SHA-256(code_verifier))' : 'the plain code_verifier'} equals the code_challenge`
          : 'tokens were issued though the code_verifier does not match the code_challenge',
    ),
    'Refuse a code redemption whose code_verifier is missing or does not transform into the stored code_challenge (invalid_grant).',
  );
}

/** a code that was already redeemed is refused the second time. */
export function codeReuseCheck(answeredWithTokens: boolean, firstMessage: number): Check {
  return withFix(
    check(
      'A-17',
      'Code used once',
      !answeredWithTokens,
      answeredWithTokens
        ? `this code was already redeemed (message ${firstMessage}), and the server issued tokens again`
        : `this code was already redeemed (message ${firstMessage}); the server refused it`,
    ),
    'Redeem each authorization code once; refuse a second redemption with invalid_grant and revoke what the code issued (OAuth 2.1 §4.1.3).',
  );
}

/** a code redeemed with another redirect_uri than its authorization request's is refused. */
export function redirectBindingCheck(answeredWithTokens: boolean, sent: string, bound: string): Check {
  return withFix(
    check(
      'A-18',
      'Code bound to its redirect_uri',
      !answeredWithTokens || sent === bound,
      `redirect_uri is ${sent}; the code was issued for ${bound}`,
    ),
    'Bind each code to the redirect_uri of its authorization request and refuse any other (invalid_grant).',
  );
}

/** a public client's refresh rotates the refresh token; an old one is refused. */
export function refreshRotationCheck(sent: string, body: Record<string, unknown>): Check {
  const next = body.refresh_token;
  return withFix(
    check(
      'A-15',
      'Refresh token rotated',
      typeof next === 'string' && next !== sent,
      typeof next !== 'string'
        ? 'no new refresh token: the one sent stays valid'
        : next === sent
          ? 'the same refresh token came back'
          : 'a new refresh token replaces the one sent',
    ),
    'For a public client, issue a new refresh token with each refresh and invalidate the old one (OAuth 2.1 §4.3.1).',
  );
}

/** a refresh token that was already used (and so rotated away) is refused. */
export function refreshReuseCheck(answeredWithTokens: boolean, firstMessage: number): Check {
  return withFix(
    check(
      'A-15',
      'Old refresh token refused',
      !answeredWithTokens,
      answeredWithTokens
        ? `this refresh token was already used (message ${firstMessage}), and it worked again`
        : `this refresh token was already used (message ${firstMessage}); the server refused it`,
    ),
    "Accept a public client's refresh token once; a second use means it was stolen: refuse it and revoke the grant.",
  );
}
