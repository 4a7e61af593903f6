/**
 * The checks on the two discovery documents, as pure functions of what arrived: the simulated
 * client runs them before it uses a document (src/sim/client/discovery.ts), and an imported HAR
 * runs the very same functions on the documents it recorded (src/sim/har). One source per check.
 */
import type { RuleId } from '../rules';
import { check, withFix } from '../trace/check';
import type { Check } from '../trace/types';
import { isRecord, stringArray } from '../client/json';
import { isSafeEndpoint, sameResource } from './urls';

/** Where protected resource metadata was found, and the `resource` RFC 9728 §3.3 then expects. */
export interface PrmSource {
  /** How the URL was found, in words ("the WWW-Authenticate resource_metadata"). */
  via: string;
  /** The identifier `resource` must equal: the URL requested, or the one the suffix was inserted into. */
  expected: string;
}

export interface PrmInput {
  doc: Record<string, unknown> | undefined;
  source: PrmSource | undefined;
  /** The server the client asked about, named when nothing was found. */
  serverUrl: string;
  /** False for a client that does not check `resource` (a named vulnerability). */
  enforceResource?: boolean;
  /**
   * The rule that makes the client look: C-03 (header or well-known URLs, from 2025-11-25), or C-01
   * for a client of 2025-06-18, which has only the header's URL.
   */
  foundRule?: RuleId;
}

/** C-03, C-22, S-01: a document was found, it names this server, and it names an authorization server. */
export function prmChecks({
  doc,
  source,
  serverUrl,
  enforceResource = true,
  foundRule = 'C-03',
}: PrmInput): Check[] {
  const resource = typeof doc?.resource === 'string' ? doc.resource : undefined;
  const servers = stringArray(doc?.authorization_servers) ?? [];
  const expected = source?.expected ?? serverUrl;
  return [
    withFix(
      check(
        foundRule,
        'Metadata found',
        source !== undefined && doc !== undefined,
        source ? `a JSON document at ${source.via}` : 'no protected resource metadata at any well-known URL',
      ),
      "Serve RFC 9728 metadata at the URL the 401's resource_metadata names, or at /.well-known/oauth-protected-resource with the server's path inserted.",
    ),
    // RFC 9728 §3.3: with any other resource, the metadata MUST NOT be used.
    withFix(
      check(
        'C-22',
        'resource matches the server',
        resource !== undefined && source !== undefined && sameResource(resource, expected),
        `resource is ${resource ?? '(missing)'}; found at ${source?.via ?? '(nowhere)'}, so it must be ${expected}`,
        enforceResource,
      ),
      `Set resource to exactly ${expected}, the URL clients use for this server (RFC 9728 §3.3). A client must not use metadata that names another resource.`,
    ),
    withFix(
      check('S-01', 'authorization_servers', servers.length > 0, servers.join(', ') || '(none)'),
      'List the issuer of at least one authorization server in authorization_servers (RFC 9728 §2).',
    ),
  ];
}

/**
 * S-22 (SEP-2207): offline_access is a matter between client and authorization server; the MCP
 * server SHOULD NOT list it. The client does not refuse over it, so this is an observer's check only.
 */
export function prmServerChecks(doc: Record<string, unknown>): Check[] {
  const scopes = stringArray(doc.scopes_supported);
  if (!scopes) return [];
  return [
    withFix(
      check(
        'S-22',
        'No offline_access in scopes_supported',
        !scopes.includes('offline_access'),
        `scopes_supported is ${JSON.stringify(scopes)}`,
      ),
      'Leave offline_access out of scopes_supported: whether to ask for a refresh token is for the client and the authorization server.',
    ),
  ];
}

export interface AsMetadataInput {
  doc: Record<string, unknown> | undefined;
  /** The issuer the metadata URL was built from. */
  issuer: string;
  allowLoopbackHttp: boolean;
  enforceIssuer?: boolean;
  enforceS256?: boolean;
  /**
   * The rules the client's revision has (docs/reference §3.5): a check whose rule is not among them
   * is not made at all. Default: every rule (2026-07-28, and a HAR import).
   */
  applies?: (rule: RuleId) => boolean;
}

/** C-05, C-06, C-27/C-28, A-01, C-51, C-32: what a client checks before it uses the metadata. */
export function asMetadataChecks({
  doc,
  issuer,
  allowLoopbackHttp,
  enforceIssuer = true,
  enforceS256 = true,
  applies = () => true,
}: AsMetadataInput): Check[] {
  const methods = stringArray(doc?.code_challenge_methods_supported);
  const responseTypes = stringArray(doc?.response_types_supported);
  const checks = [
    withFix(
      check(
        'C-05',
        'Metadata found',
        doc !== undefined,
        doc ? 'a JSON document was returned' : 'no metadata at any well-known URL',
      ),
      "Serve RFC 8414 metadata at /.well-known/oauth-authorization-server with the issuer's path inserted, or OpenID Connect discovery.",
    ),
    withFix(
      check(
        'C-06',
        'issuer is identical',
        doc?.issuer === issuer,
        `issuer is ${String(doc?.issuer)}; the URL was built from ${issuer}`,
        enforceIssuer,
      ),
      `Make issuer exactly ${issuer}, the identifier the metadata URL is built from (RFC 8414 §3.3). A client must not use metadata whose issuer differs.`,
    ),
    // C-28: absent means no PKCE, and the client refuses; present, it must list S256 (C-27).
    withFix(
      check(
        methods ? 'C-27' : 'C-28',
        PKCE_LABEL,
        methods?.includes('S256') ?? false,
        `code_challenge_methods_supported is ${methods ? JSON.stringify(methods) : 'absent'}`,
        enforceS256,
      ),
      'Support PKCE with S256 and say so: "code_challenge_methods_supported": ["S256"]. Without the field a client must refuse to go on.',
    ),
    withFix(
      check(
        'A-01',
        'response type code',
        responseTypes?.includes('code') ?? false,
        `response_types_supported is ${JSON.stringify(responseTypes ?? null)}`,
      ),
      'List "code" in response_types_supported: the authorization code flow is the one OAuth 2.1 keeps.',
    ),
    // C-51: the URL the client will open in a browser: https only, never javascript:, data:, file:.
    // Before 2026-07-28 the same https rule is OAuth 2.1's communication security (C-32).
    withFix(
      check(
        applies('C-51') ? 'C-51' : 'C-32',
        'authorization_endpoint is https',
        isSafeEndpoint(doc?.authorization_endpoint, allowLoopbackHttp),
        String(doc?.authorization_endpoint),
      ),
      'Serve the authorization endpoint over https (plain http only on a loopback address, in development).',
    ),
    // OAuth 2.1 §1.5 (C-32): every OAuth URL is https; A-10 is the server's side of the same rule.
    withFix(
      check(
        'C-32',
        'token_endpoint is https',
        isSafeEndpoint(doc?.token_endpoint, allowLoopbackHttp),
        String(doc?.token_endpoint),
      ),
      'Serve the token endpoint over https (plain http only on a loopback address, in development).',
    ),
  ];
  // The issuer check is 2026-07-28's (C-06); the PKCE metadata check, 2025-11-25's (C-28: verify
  // PKCE support before proceeding, and refuse without the field).
  return checks.filter(
    (c) => (c.rule !== 'C-06' || applies('C-06')) && (c.label !== PKCE_LABEL || applies('C-28')),
  );
}

const PKCE_LABEL = 'PKCE S256 supported';

/**
 * The authorization server's own side of PKCE: OAuth 2.1 §4.1.1 makes S256 "Mandatory To
 * Implement (MTI) on the server", and a server without code_challenge_methods_supported does not
 * support PKCE at all (the MCP spec's reading, C-28). The client's check (C-27/C-28) is on the same
 * document; this one names the server's rule.
 */
export function asMetadataServerChecks(doc: Record<string, unknown>): Check[] {
  const methods = stringArray(doc.code_challenge_methods_supported);
  return [
    withFix(
      check(
        'A-16',
        'The server supports PKCE with S256',
        methods?.includes('S256') ?? false,
        methods
          ? `code_challenge_methods_supported is ${JSON.stringify(methods)}${methods.includes('S256') ? '' : ': S256 is mandatory to implement on the server (OAuth 2.1 §4.1.1)'}`
          : 'code_challenge_methods_supported is absent: this server does not support PKCE',
      ),
      'Support PKCE with S256, enforce it, and list it: "code_challenge_methods_supported": ["S256"].',
    ),
  ];
}

/** The JSON object a discovery response carried, if it was a 200 with one. */
export function documentOf(status: number, body: string | null): Record<string, unknown> | undefined {
  if (status !== 200 || body === null) return undefined;
  try {
    const value: unknown = JSON.parse(body);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
