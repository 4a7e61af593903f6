/**
 * What the MCP server's answers must look like on the wire, and what the client must send it. The
 * simulated server builds its challenges in src/sim/servers/mcp/challenge.ts and its Bearer check in
 * bearer.ts; these are the observer's checks of the same rules, which the honest server passes
 * (tests/har/truth.test.ts) and an imported HAR runs on what it recorded.
 */
import { parseBearerChallenge, parseChallenge } from '../client/wwwAuthenticate';
import { peekJwt } from '../crypto/peek';
import { check, withFix } from '../trace/check';
import type { Check, HeaderList } from '../trace/types';
import { headerValue } from '../trace/types';

/** What credentials an MCP request carried: a DPoP-bound token is `dpop` (RFC 9449 §7.1). */
export type Credentials = 'none' | 'query' | 'bearer' | 'dpop' | 'other';

/** A token in the Authorization header, with either scheme. */
export function hasToken(credentials: Credentials): boolean {
  return credentials === 'bearer' || credentials === 'dpop';
}

export function credentialsOf(url: string, headers: HeaderList): Credentials {
  const authorization = headerValue(headers, 'authorization');
  if (authorization !== undefined && /^bearer\s/i.test(authorization)) return 'bearer';
  if (authorization !== undefined && /^dpop\s/i.test(authorization)) return 'dpop';
  if (authorization !== undefined) return 'other';
  try {
    if (new URL(url).searchParams.has('access_token')) return 'query';
  } catch {
    // Not a URL: no query to read.
  }
  return 'none';
}

/** The Bearer token of a request: the Authorization header's, else (a vulnerable client) the query's. */
export function tokenOf(url: string, headers: HeaderList): string | null {
  const match = /^(?:bearer|dpop)\s+(\S+)$/i.exec(headerValue(headers, 'authorization') ?? '');
  if (match?.[1]) return match[1];
  try {
    return new URL(url).searchParams.get('access_token');
  } catch {
    return null;
  }
}

export interface ChallengeFacts {
  credentials: Credentials;
  /** Protected resource metadata was found at a well-known URL in the same recording. */
  metadataAtWellKnown: boolean;
}

/**
 * A 401 from the MCP server: the Bearer challenge (S-25 without credentials, S-07 for a refused
 * token), where the metadata is (S-02), no error code without credentials (S-27, RFC 6750 §3.1),
 * the scope (S-03) without offline_access (S-22). A 403 insufficient_scope names the scope (S-12).
 */
export function challengeChecks(status: number, headers: HeaderList, facts: ChallengeFacts): Check[] {
  const header = headerValue(headers, 'www-authenticate') ?? null;
  // A DPoP-bound token is answered with a DPoP challenge (RFC 9449 §7.1, §7.2).
  const challenge =
    facts.credentials === 'dpop' ? parseChallenge(header, 'dpop') : parseBearerChallenge(header);
  if (status === 403) {
    if (challenge?.error !== 'insufficient_scope') return [];
    return [
      withFix(
        check(
          'S-12',
          'insufficient_scope names the scope',
          Boolean(challenge.scope),
          challenge.scope ? `scope="${challenge.scope}"` : 'no scope in the challenge',
        ),
        'Answer 403 with WWW-Authenticate: Bearer error="insufficient_scope", scope="<every scope this operation needs>", resource_metadata="…".',
      ),
    ];
  }
  if (status !== 401) return [];
  const unauthenticated = !hasToken(facts.credentials);
  const checks: Check[] = [
    withFix(
      check(
        unauthenticated ? 'S-25' : 'S-07',
        'Bearer challenge',
        challenge !== null,
        header ? `WWW-Authenticate: ${header}` : 'no WWW-Authenticate header',
      ),
      'Answer 401 with WWW-Authenticate: Bearer resource_metadata="…", scope="…" (OAuth 2.1 §5.3, RFC 9728 §5.1).',
    ),
  ];
  if (challenge === null) return checks;
  checks.push(
    withFix(
      check(
        'S-02',
        'Names its metadata',
        Boolean(challenge.resourceMetadata) || facts.metadataAtWellKnown,
        challenge.resourceMetadata
          ? `resource_metadata="${challenge.resourceMetadata}"`
          : facts.metadataAtWellKnown
            ? 'no resource_metadata, but the metadata is at the well-known URL'
            : 'no resource_metadata, and no metadata at a well-known URL in this recording',
      ),
      'Put resource_metadata="<your protected resource metadata URL>" in the challenge, so clients need not guess (RFC 9728 §5.1).',
    ),
  );
  if (!unauthenticated) return checks;
  checks.push(
    withFix(
      check(
        'S-27',
        'No error code without credentials',
        challenge.error === undefined,
        challenge.error === undefined
          ? 'the request carried no credentials, and the challenge has no error code'
          : `error="${challenge.error}" though the request carried no credentials${facts.credentials === 'query' ? ' (a token in the URL does not count: S-24)' : ''}`,
      ),
      'When a request carries no credentials, send the challenge without error or error_description (RFC 6750 §3.1).',
    ),
    withFix(
      check(
        'S-03',
        'Names the scope needed',
        Boolean(challenge.scope),
        challenge.scope ? `scope="${challenge.scope}"` : 'no scope in the challenge',
      ),
      'Put the scopes this operation needs in the challenge: scope="files:read".',
    ),
  );
  if (challenge.scope) {
    checks.push(
      withFix(
        check(
          'S-22',
          'No offline_access in the challenge',
          !challenge.scope.split(' ').includes('offline_access'),
          `scope="${challenge.scope}"`,
        ),
        'Leave offline_access out of the challenge: refresh tokens are between the client and the authorization server.',
      ),
    );
  }
  return checks;
}

/** C-24: the token goes in the Authorization header of every request, never in the URL. */
export function clientTokenUseCheck(credentials: Credentials): Check {
  return withFix(
    check(
      'C-24',
      'Token in the Authorization header',
      hasToken(credentials),
      credentials === 'query'
        ? 'the access token is in the URL, where logs, proxies and the browser history keep it'
        : credentials === 'bearer'
          ? 'Authorization: Bearer'
          : credentials === 'dpop'
            ? 'Authorization: DPoP, with its proof (RFC 9449 §7.1)'
            : 'the request carries no token, though the client holds one',
    ),
    'Send Authorization: Bearer <token> on every request to the MCP server, and never put the token in the URL.',
  );
}

export interface AcceptanceFacts {
  credentials: Credentials;
  token: string | null;
  /** The MCP server's canonical URI (its protected resource metadata's resource). */
  resource: string | undefined;
  /** When the request was sent, seconds since the epoch. */
  at: number;
}

/** Clock skew an observer allows before it calls a token expired. */
const SKEW = 60;

/**
 * What the MCP server accepted, visible in a 2xx answer: a token only in the URL (S-24), a JWT
 * naming another audience (S-06) or one already expired (S-05). Whether it checked the signature
 * and issuer is not visible on the wire.
 */
export function acceptanceChecks(status: number, facts: AcceptanceFacts): Check[] {
  const accepted = status >= 200 && status < 300;
  const checks: Check[] = [];
  if (facts.credentials === 'query') {
    checks.push(
      withFix(
        check(
          'S-24',
          'A token in the URL is ignored',
          !accepted,
          accepted
            ? `the request's only token is ?access_token=, and the server answered ${status}`
            : `the request's only token is ?access_token=, and the server answered ${status}: ignored`,
        ),
        'Read the access token from the Authorization header only; treat a request whose only token is in the URL as unauthenticated (OAuth 2.1 §5.1).',
      ),
    );
  }
  const payload = facts.token ? peekJwt(facts.token)?.payload : undefined;
  if (!accepted || !payload) return checks;
  if (facts.resource !== undefined) {
    const resource = facts.resource;
    const aud = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    checks.push(
      withFix(
        check(
          'S-06',
          'Token issued for this server',
          aud.includes(resource),
          `aud is ${aud.length > 0 ? aud.join(' ') : '(none)'}; this server is ${resource}`,
        ),
        `Refuse (401 invalid_token) any token whose aud does not include ${resource} (RFC 8707 §2).`,
      ),
    );
  }
  if (typeof payload.exp === 'number') {
    const exp = payload.exp;
    checks.push(
      withFix(
        check(
          'S-05',
          'Token not expired',
          exp + SKEW > facts.at,
          exp + SKEW > facts.at
            ? `exp is ${new Date(exp * 1000).toISOString()}`
            : `the token expired at ${new Date(exp * 1000).toISOString()}, ${Math.round(facts.at - exp)} s before this request`,
        ),
        'Refuse expired tokens with 401 invalid_token (OAuth 2.1 §5.2).',
      ),
    );
  }
  return checks;
}
