/**
 * The checks around the authorization request: what the request must carry (PKCE, state,
 * resource: C-26, C-27, C-30, C-22), and the client's checks on the response before the code goes
 * anywhere (state, and the RFC 9207 iss table: C-30, C-19, C-20). The simulated client runs them on
 * the URL it builds and the callback it receives (src/sim/client/authorization.ts); an imported HAR
 * runs them on the recorded request and callback.
 */
import type { RuleId } from '../rules';
import { check, withFix } from '../trace/check';
import type { Check } from '../trace/types';

export interface RequestEnforcement {
  pkce?: boolean;
  s256?: boolean;
  resource?: boolean;
}

/**
 * C-26, C-27, C-30, C-22 on the parameters of an authorization request. `resource` is the one the
 * protected resource metadata named (C-22: the MCP server's canonical URI).
 */
export function authorizationRequestChecks(
  params: URLSearchParams,
  resource: string | undefined,
  enforce: RequestEnforcement = {},
  applies: (rule: RuleId) => boolean = () => true,
): Check[] {
  const challenge = params.get('code_challenge');
  const method = params.get('code_challenge_method');
  const state = params.get('state');
  const sent = params.get('resource');
  const checks: Check[] = [
    withFix(
      check(
        'C-26',
        'PKCE verifier and challenge',
        challenge !== null,
        challenge !== null
          ? 'a code_challenge travels; the code_verifier stays with the client'
          : 'no code_challenge: whoever obtains the code can redeem it',
        enforce.pkce ?? true,
      ),
      'Make a fresh code_verifier for each authorization request and send code_challenge = BASE64URL(SHA-256(verifier)) with code_challenge_method=S256.',
    ),
  ];
  if (challenge !== null) {
    // RFC 7636 §4.3: no method means plain.
    const used = method ?? 'plain';
    checks.push(
      withFix(
        check(
          'C-27',
          'S256 challenge method',
          used === 'S256',
          used === 'S256'
            ? 'code_challenge = BASE64URL(SHA-256(code_verifier))'
            : 'plain: the challenge is the verifier itself, readable by anyone who sees the URL',
          used === 'S256' || (enforce.s256 ?? true),
        ),
        'Send code_challenge_method=S256: a client that can hash must not use plain (OAuth 2.1 §4.1.1).',
      ),
    );
  }
  checks.push(
    withFix(
      check(
        'C-30',
        'state',
        state !== null && state !== '',
        state
          ? 'a random state, to compare on the callback'
          : 'no state: a forged response cannot be told apart',
      ),
      'Send a fresh random state with each authorization request, and compare it on the callback.',
    ),
    resourceCheck(sent, resource, 'authorization', enforce.resource ?? true),
  );
  // Only the rules of the client's revision (docs/reference §3.5): no resource before 2025-06-18.
  return checks.filter((c) => applies(c.rule));
}

/**
 * C-22 (RFC 8707 §2; MCP: "MUST be included in both authorization requests and token requests"):
 * `resource` is sent, and it is the MCP server's canonical URI, as its metadata names it.
 */
export function resourceCheck(
  sent: string | null,
  resource: string | undefined,
  request: 'authorization' | 'token',
  enforced = true,
): Check {
  return withFix(
    check(
      'C-22',
      'resource',
      sent !== null && (resource === undefined || sent === resource),
      sent === null
        ? 'no resource parameter: the token is not bound to this MCP server'
        : `resource=${sent}${resource !== undefined && sent !== resource ? `; the protected resource metadata names ${resource}` : ''}`,
      enforced,
    ),
    `Send resource=${resource ?? "<the MCP server's canonical URI>"} in the ${request} request, as in ${request === 'token' ? 'the authorization request' : 'the token request'} (RFC 8707 §2).`,
  );
}

/** What the client recorded before it sent the user away (C-18), and what it compares with. */
export interface Expected {
  /** The state it sent; undefined when not known (a recording without the request). */
  state: string | undefined;
  issuer: string;
  /** The metadata's authorization_response_iss_parameter_supported. */
  issSupported: boolean;
}

/**
 * Two issuer strings that differ only in what a normalising comparison would erase (case, a
 * trailing slash, a default port, percent-encoding): the case C-20 exists for.
 */
function equalAfterNormalising(a: string, b: string): boolean {
  const norm = (v: string) => {
    try {
      const u = new URL(decodeURIComponent(v).toLowerCase());
      return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
    } catch {
      return v.toLowerCase();
    }
  };
  return a !== b && norm(a) === norm(b);
}

const ISS_FIX =
  "The authorization server must send iss equal to its metadata's issuer (RFC 9207 §2); a client must compare the two exactly and discard the response on a mismatch.";

/**
 * The RFC 9207 §2.4 table, as the 2026-07-28 authorization page (§Authorization Response
 * Validation) sets it out: C-19 decides, comparing by simple string comparison. When the strings
 * differ only in what normalising would erase, the rule that refuses is C-20 (never normalise).
 */
export function issCheck(expected: Expected, iss: string | null, enforced = true): Check {
  if (expected.issSupported && iss === null) {
    return withFix(
      check(
        'C-19',
        'iss',
        false,
        'the server advertises iss support but the response has none: reject',
        enforced,
      ),
      ISS_FIX,
    );
  }
  if (iss === null)
    return withFix(check('C-19', 'iss', true, 'not advertised and not sent: proceed', enforced), ISS_FIX);
  const ok = iss === expected.issuer;
  const onlyNormalisation = !ok && equalAfterNormalising(iss, expected.issuer);
  return withFix(
    check(
      onlyNormalisation ? 'C-20' : 'C-19',
      'iss',
      ok,
      `iss is ${iss}; recorded issuer is ${expected.issuer}${ok ? '' : onlyNormalisation ? ': they differ only in form, and iss is never normalised: reject' : ': mix-up, reject'}`,
      enforced,
    ),
    ISS_FIX,
  );
}

/** C-30 and C-19/C-20 on an authorization response, before its code goes to any token endpoint. */
export function callbackChecks(
  expected: Expected,
  params: URLSearchParams,
  enforce: { state?: boolean; iss?: boolean } = {},
  applies: (rule: RuleId) => boolean = () => true,
): Check[] {
  const state = params.get('state');
  const checks: Check[] = [];
  if (expected.state !== undefined) {
    checks.push(
      withFix(
        check(
          'C-30',
          'state',
          state === expected.state,
          `state is ${state ?? '(missing)'}; sent ${expected.state}`,
          enforce.state ?? true,
        ),
        'The authorization server must return state unchanged; a client must discard a response whose state is missing or differs (a forged or stale response).',
      ),
    );
  }
  checks.push(issCheck(expected, params.get('iss'), enforce.iss ?? true));
  // The iss table is 2026-07-28's (C-19, C-20): a client of an earlier revision checks state only.
  return checks.filter((c) => applies(c.rule));
}

/**
 * C-15 (least privilege): the scopes asked for are the challenge's (C-16: together with those
 * already requested, on a step-up), else those the metadata lists. A SHOULD.
 */
export function scopeCheck(
  requested: string | null,
  allowed: readonly string[],
  from: 'the challenge' | 'scopes_supported',
): Check {
  const asked = (requested ?? '').split(' ').filter(Boolean);
  const extra = asked.filter((s) => !allowed.includes(s));
  return withFix(
    check(
      'C-15',
      'Least privilege',
      extra.length === 0,
      `scope is ${requested ?? '(omitted)'}; ${from} allows ${allowed.join(' ') || '(none)'}${extra.length > 0 ? `; also asked for ${extra.join(' ')}` : ''}`,
    ),
    `Ask only for the scopes ${from} names (and, on a step-up, those granted before): ${allowed.join(' ')}.`,
  );
}
