/**
 * The checks of a DPoP proof (RFC 9449 §4.3), as a pure function over what the request carried, so
 * the MCP server (S-51..S-55), the authorization server's token endpoint and a reader of a
 * recorded exchange run the same ones. DPoP is on the MCP roadmap and in no published revision.
 * "These checks may be performed in any order" (§4.3): this order reports the first thing wrong
 * with the proof itself, then its binding to the token, then its freshness, and the server's nonce
 * last, since a missing nonce is a request to retry rather than a refusal.
 */
import type { JWK, JWTPayload } from 'jose';
import { accessTokenHash, jwkThumbprint, peekJwt, verifySignature } from '../crypto/jwt';
import { DPOP_TYP } from '../oauth/urns';
import type { RuleId } from '../rules';
import { check } from '../trace/check';
import type { Check } from '../trace/types';

/** The asymmetric algorithms this world accepts for a proof (RFC 9449 §4.2: never none, never a MAC). */
export const DPOP_ALGS = ['ES256'];
/** Seconds a proof is accepted after (or, for clock skew, before) its iat: "seconds or minutes" (§11.1). */
export const DPOP_WINDOW = 300;

export interface ProofContext {
  /** The DPoP header as received (null when absent). Several fields arrive joined with commas. */
  header: string | null;
  method: string;
  url: string;
  now: number;
  /** The rule each kind of check enforces: the MCP server's S-xx or the token endpoint's A-57. */
  rules: { proof: RuleId; binding: RuleId; fresh: RuleId; replay: RuleId; nonce: RuleId };
  /** With an access token (a resource request): ath and the key binding are checked too (§4.3 item 12). */
  token?: { value: string; jkt: string | undefined };
  /** Whether this jti was seen within the window (S-54); absent, the check is not made. */
  seen?: (jti: string) => boolean;
  /** The nonce the server expects, when it provided one (§4.3 item 10). */
  nonce?: string | undefined;
  /** Checks a vulnerable server skips (shown as not checked). */
  skip?: { htu?: boolean; iat?: boolean; jti?: boolean };
}

export interface ProofFacts {
  jwk: JWK | null;
  claims: JWTPayload;
  thumbprint: string | null;
}

/** §4.3 item 9: scheme and host are case-insensitive, default ports and query/fragment do not count. */
export function normaliseHtu(value: string): string | null {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return null;
  }
}

function isPublicJwk(value: unknown): value is JWK {
  return typeof value === 'object' && value !== null && 'kty' in value && typeof value.kty === 'string';
}

export async function dpopProofChecks(ctx: ProofContext): Promise<{ checks: Check[]; facts: ProofFacts }> {
  const { rules } = ctx;
  const facts: ProofFacts = { jwk: null, claims: {}, thumbprint: null };
  const header = ctx.header;
  // §4.3 items 1 and 2: one header field holding a single JWT.
  const single = header !== null && !header.includes(',') && header.trim() !== '';
  const checks = [
    check(
      rules.proof,
      'One DPoP proof',
      single,
      header === null
        ? 'no DPoP header: the token is not accompanied by a proof'
        : single
          ? 'one DPoP header field'
          : 'more than one DPoP header field',
    ),
  ];
  if (!single || header === null) return { checks, facts };
  const decoded = peekJwt(header);
  const jwk = decoded?.header.jwk;
  const claims = decoded?.payload ?? {};
  const missing = ['jti', 'htm', 'htu', 'iat'].filter((c) => claims[c] === undefined);
  const hasPrivate = isPublicJwk(jwk) && 'd' in jwk;
  checks.push(
    check(
      rules.proof,
      'A well-formed dpop+jwt',
      decoded !== null &&
        decoded.header.typ === DPOP_TYP &&
        DPOP_ALGS.includes(String(decoded.header.alg)) &&
        isPublicJwk(jwk) &&
        !hasPrivate &&
        missing.length === 0,
      decoded === null
        ? 'not a JWT'
        : decoded.header.typ !== DPOP_TYP
          ? `typ is ${String(decoded.header.typ)}; a proof is typed ${DPOP_TYP}`
          : !DPOP_ALGS.includes(String(decoded.header.alg))
            ? `alg ${String(decoded.header.alg)} is not an accepted asymmetric algorithm (${DPOP_ALGS.join(' ')})`
            : !isPublicJwk(jwk)
              ? 'no jwk header: nothing to check the signature with'
              : hasPrivate
                ? 'the jwk header contains a private key'
                : missing.length > 0
                  ? `missing claims: ${missing.join(', ')}`
                  : `typ ${DPOP_TYP}, alg ${String(decoded.header.alg)}, a public jwk, jti, htm, htu and iat present`,
    ),
  );
  if (checks.some((c) => c.status === 'fail') || !isPublicJwk(jwk)) return { checks, facts };
  const sig = await verifySignature(header, { keys: [jwk] });
  checks.push(
    check(
      rules.proof,
      'Signature',
      sig.ok,
      sig.ok ? 'verifies with the public key in its jwk header' : sig.reason,
    ),
  );
  if (!sig.ok) return { checks, facts };
  facts.jwk = jwk;
  facts.claims = claims;
  facts.thumbprint = jwkThumbprint(jwk);
  const htu = typeof claims.htu === 'string' ? normaliseHtu(claims.htu) : null;
  checks.push(
    check(
      rules.proof,
      'Method (htm)',
      claims.htm === ctx.method,
      `htm is ${String(claims.htm)}; this request is ${ctx.method}`,
    ),
    check(
      rules.proof,
      'URL (htu)',
      htu !== null && htu === normaliseHtu(ctx.url),
      `htu is ${String(claims.htu)}; this request went to ${normaliseHtu(ctx.url) ?? ctx.url}`,
      !ctx.skip?.htu,
    ),
  );
  if (ctx.token) {
    const expected = accessTokenHash(ctx.token.value);
    checks.push(
      check(
        rules.binding,
        'Token hash (ath)',
        claims.ath === expected,
        claims.ath === undefined
          ? 'no ath claim'
          : claims.ath === expected
            ? 'ath is the hash of this access token'
            : 'ath is the hash of another access token',
      ),
      check(
        rules.binding,
        'Key binding (cnf.jkt)',
        ctx.token.jkt !== undefined && ctx.token.jkt === facts.thumbprint,
        ctx.token.jkt === undefined
          ? 'the token is bound to no key'
          : `the proof's key has thumbprint ${facts.thumbprint ?? '?'}; the token is bound to ${ctx.token.jkt}`,
      ),
    );
  }
  const iat = typeof claims.iat === 'number' ? claims.iat : NaN;
  checks.push(
    check(
      rules.fresh,
      'Fresh (iat)',
      Math.abs(ctx.now - iat) <= DPOP_WINDOW,
      Number.isNaN(iat)
        ? 'iat is not a number'
        : `made ${ctx.now - iat} s ago; this server accepts ${DPOP_WINDOW} s`,
      !ctx.skip?.iat,
    ),
  );
  if (ctx.seen) {
    const jti = String(claims.jti);
    const seen = ctx.seen(jti);
    checks.push(
      check(
        rules.replay,
        'Not used before (jti)',
        !seen,
        seen ? `jti ${jti} was already used within the window` : `jti ${jti} has not been seen`,
        !ctx.skip?.jti,
      ),
    );
  }
  if (ctx.nonce !== undefined)
    checks.push(
      check(
        rules.nonce,
        "The server's nonce",
        claims.nonce === ctx.nonce,
        claims.nonce === undefined
          ? 'no nonce claim: this server requires one'
          : claims.nonce === ctx.nonce
            ? "the nonce is this server's current one"
            : 'an old or foreign nonce',
      ),
    );
  return { checks, facts };
}
