/**
 * Named vulnerabilities: each switches off exactly one rule in one party. The honest code paths
 * consult `world.isVulnerable(id)` at the one place the rule is enforced, so a vulnerability is an
 * explicit, searchable override rather than a fork of the server. A client's vulnerability names
 * the client check it switches off, and the compiler requires it to.
 */
import type { ClientChecks } from '../client/types';
import type { RuleParty } from '../parties';
import type { RuleId } from '../rules';

export type VulnerabilityDef =
  | { party: 'client'; check: keyof ClientChecks; breaks: RuleId; title: string }
  | { party: Exclude<RuleParty, 'client'>; breaks: RuleId; title: string };

export const VULNERABILITIES = {
  'as-pkce-optional': { party: 'as', breaks: 'A-16', title: 'Authorization server does not require PKCE' },
  'as-no-pkce-support': {
    party: 'as',
    breaks: 'A-16',
    title: 'Authorization server predates PKCE: no code_challenge_methods_supported, challenges ignored',
  },
  'as-pkce-plain-only': {
    party: 'as',
    breaks: 'A-16',
    title: 'Authorization server supports only the plain PKCE method',
  },
  'as-redirect-errors-untrusted': {
    party: 'as',
    breaks: 'A-13',
    title: 'Authorization server redirects errors to redirect URIs nobody reviewed',
  },
  'as-redirect-prefix-match': {
    party: 'as',
    breaks: 'A-12',
    title: 'Authorization server matches redirect_uri by prefix',
  },
  'as-code-reusable': { party: 'as', breaks: 'A-17', title: 'Authorization codes can be redeemed twice' },
  'as-no-refresh-rotation': { party: 'as', breaks: 'A-15', title: 'Refresh tokens are not rotated' },
  'as-long-lived-tokens': { party: 'as', breaks: 'A-14', title: 'Access tokens live for 30 days' },
  'as-default-audience': {
    party: 'as',
    breaks: 'A-22',
    title: 'Tokens requested without resource are valid everywhere',
  },
  'as-assertion-any-audience': {
    party: 'as',
    breaks: 'A-51',
    title: 'Authorization server accepts a client assertion made for any server (aud not checked)',
  },
  'as-assertion-no-expiry': {
    party: 'as',
    breaks: 'A-51',
    title: 'Authorization server accepts an expired client assertion',
  },
  'as-jwt-replay': {
    party: 'as',
    breaks: 'A-52',
    title: 'Authorization server does not remember used jti values (client assertions and ID-JAGs)',
  },
  'as-id-jag-any-audience': {
    party: 'as',
    breaks: 'A-54',
    title: 'Authorization server accepts an ID-JAG whatever its aud (one issued for another server)',
  },
  'as-id-jag-ignores-claims': {
    party: 'as',
    breaks: 'A-56',
    title: "Authorization server issues the resource and scope the request asks for, not the ID-JAG's",
  },
  'mcp-no-audience-check': { party: 'mcp', breaks: 'S-06', title: 'MCP server does not check aud' },
  'mcp-dpop-downgrade': {
    party: 'mcp',
    breaks: 'S-56',
    title: 'MCP server accepts a DPoP-bound token sent as a plain Bearer token',
  },
  'mcp-dpop-no-htu-check': {
    party: 'mcp',
    breaks: 'S-51',
    title: "MCP server does not check a DPoP proof's htu (a proof made for another URL passes)",
  },
  'mcp-dpop-no-iat-window': {
    party: 'mcp',
    breaks: 'S-53',
    title: 'MCP server accepts a DPoP proof however old it is',
  },
  'mcp-dpop-jti-reuse': {
    party: 'mcp',
    breaks: 'S-54',
    title: "MCP server does not remember DPoP proofs' jti (a proof can be replayed)",
  },
  'mcp-token-passthrough': {
    party: 'mcp',
    breaks: 'S-09',
    title: "MCP server forwards the client's token downstream",
  },
  'mcp-accept-query-token': {
    party: 'mcp',
    breaks: 'S-24',
    title: 'MCP server reads ?access_token= from the URL instead of ignoring it',
  },
  'mcp-unbound-handles': {
    party: 'mcp',
    breaks: 'S-19',
    title: 'MCP server trusts state handles without binding them to the user',
  },
  'mcp-broad-scopes': {
    party: 'mcp',
    breaks: 'S-04',
    title: 'MCP server advertises every scope, admin included',
  },
  'client-no-pkce': {
    party: 'client',
    check: 'pkce',
    breaks: 'C-26',
    title: 'Client sends no code_challenge',
  },
  'client-no-s256-check': {
    party: 'client',
    check: 's256Support',
    breaks: 'C-28',
    title: 'Client does not insist on S256: it goes ahead whatever code_challenge_methods_supported says',
  },
  'client-no-state-check': {
    party: 'client',
    check: 'state',
    breaks: 'C-30',
    title: 'Client does not check state',
  },
  'client-no-iss-check': {
    party: 'client',
    check: 'iss',
    breaks: 'C-19',
    title: 'Client does not check iss',
  },
  'client-omit-resource': {
    party: 'client',
    check: 'resource',
    breaks: 'C-22',
    title: 'Client omits the resource parameter',
  },
  'client-token-in-query': {
    party: 'client',
    check: 'tokenInHeader',
    breaks: 'C-24',
    title: 'Client puts the token in the query string',
  },
  'client-no-prm-resource-check': {
    party: 'client',
    check: 'prmResource',
    breaks: 'C-22',
    title: "Client does not check the metadata's resource",
  },
  'client-no-issuer-check': {
    party: 'client',
    check: 'metadataIssuer',
    breaks: 'C-06',
    title: "Client does not check the metadata's issuer",
  },
  'client-no-dpop': {
    party: 'client',
    check: 'dpop',
    breaks: 'C-76',
    title: 'Client does not use DPoP: its tokens are plain Bearer tokens',
  },
  'client-all-scopes': {
    party: 'client',
    check: 'leastPrivilege',
    breaks: 'C-15',
    title: 'Client asks for every scope it can',
  },
  // Faults of the practice drills (src/sim/practice/faults.ts), each a bug real servers and clients
  // have shipped; the same mechanism as the attack lab's, so `npm run world -- --fault <id>` serves them.
  'mcp-prm-undiscoverable': {
    party: 'mcp',
    breaks: 'S-02',
    title:
      'MCP server names no resource_metadata in its challenge and serves its metadata below the endpoint, at no well-known URL',
  },
  'mcp-scope-challenge-bare': {
    party: 'mcp',
    breaks: 'S-12',
    title: 'MCP server answers 403 insufficient_scope without the scope the operation needs',
  },
  'as-metadata-misplaced': {
    party: 'as',
    breaks: 'A-02',
    title:
      'Authorization server whose issuer has a path serves its metadata at {issuer}/.well-known/oauth-authorization-server, not the RFC 8414 URL',
  },
  'as-token-no-audience': {
    party: 'as',
    breaks: 'A-22',
    title: 'Authorization server issues access tokens without aud, whatever resource was asked for',
  },
  'as-iss-missing': {
    party: 'as',
    breaks: 'A-08',
    title: 'Authorization server advertises iss but leaves it out of its authorization responses',
  },
  'client-step-up-refresh': {
    party: 'client',
    check: 'stepUp',
    breaks: 'C-17',
    title: 'Client answers insufficient_scope with a refresh instead of a new authorization',
  },
  'proxy-no-per-client-consent': {
    party: 'mcp',
    breaks: 'S-16',
    title: 'MCP proxy skips per-client consent',
  },
} as const satisfies Record<string, VulnerabilityDef>;

export type VulnerabilityId = keyof typeof VULNERABILITIES;

export const VULNERABILITY_IDS = Object.keys(VULNERABILITIES) as VulnerabilityId[];

export function isVulnerabilityId(value: string): value is VulnerabilityId {
  return Object.prototype.hasOwnProperty.call(VULNERABILITIES, value);
}
