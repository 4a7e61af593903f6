/**
 * The faults of the practice drills: one hidden fault in an otherwise honest world, which the
 * learner finds by running the flow and reading its messages, then names by party and rule. Each
 * fault is a named vulnerability (../attacks/vulnerabilities.ts), consulted where its rule is
 * enforced, so the page, the tests and `npm run world -- --fault <id>` serve the very same bug. Who
 * breaks which rule is the vulnerability's (`party`, `breaks`), never restated here; this table
 * holds what a drill adds: the activity the fault shows in, the ladder of hints, the fix, and where
 * the bug was met in the wild. Each was chosen because it shows in an ordinary run's messages
 * (a header or field missing, a check "Not checked"); a fault no run can show (a code that can be
 * redeemed twice) is an attack's to demonstrate, not a drill's.
 */
import type { VulnerabilityId } from '../attacks/vulnerabilities';
import type { ScenarioId } from '../scenarios';
import type { Urls } from '../world/urls';

export interface FaultDef {
  /** What the learner runs: the honest activity in which the fault shows. */
  scenario: ScenarioId;
  /** Addresses the fault needs (an issuer with a path, for a fault about path insertion). */
  urls?: Partial<Urls>;
  /** Three hints, each narrower than the one before: where to look, what to compare, which rule. */
  hints: readonly [string, string, string];
  /** What was wrong and how its party fixes it: shown on reveal, and once the learner names it. */
  fix: string;
  /** The lesson that teaches the rule (a lesson id; tests check it exists). */
  lesson: string;
  /** The same bug, reported against real software. */
  seenIn?: { title: string; url: string };
}

export const FAULTS = {
  'mcp-prm-undiscoverable': {
    scenario: 'first-connection',
    hints: [
      'The flow stops early, during discovery. Look at the first answer the client got, and at what it tried next.',
      'Open the 401: does its WWW-Authenticate say where the metadata is? Then look at the URLs the client tried on its own, and what they returned.',
      'The rule is on the MCP server: it must tell clients where its protected resource metadata is, in the challenge or at a well-known URL.',
    ],
    fix: 'The MCP server names its metadata nowhere a client looks: no resource_metadata in the 401, and the document sits below the endpoint (…/mcp/.well-known/oauth-protected-resource) instead of at /.well-known/oauth-protected-resource/mcp. S-02 (RFC 9728 §3.1, §5.1) needs one of the two; send resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp" in every challenge and serve the document there.',
    lesson: 'discovery',
    seenIn: {
      title: 'csharp-sdk #1050: a 401 without resource_metadata (a remote MCP server)',
      url: 'https://github.com/modelcontextprotocol/csharp-sdk/issues/1050',
    },
  },
  'as-metadata-misplaced': {
    scenario: 'first-connection',
    urls: { issuer: 'https://auth.example.com/tenant-1' },
    hints: [
      'The protected resource metadata arrives fine. The trouble is the next document the client needs.',
      "Compare the URLs the client asked for its authorization server's metadata with the issuer in authorization_servers. Where does /.well-known/ go when the issuer has a path?",
      'The rule is on the authorization server: it must publish its metadata where RFC 8414 says a client finds it.',
    ],
    fix: 'The issuer is https://auth.example.com/tenant-1, so RFC 8414 §3.1 puts its metadata at https://auth.example.com/.well-known/oauth-authorization-server/tenant-1 (the suffix goes between host and path). This server appended it instead (…/tenant-1/.well-known/oauth-authorization-server), where no client following the spec looks, so every URL the client tried (C-05) answered 404. Serve the document at the path-inserted URL (A-02), or at OpenID Connect discovery.',
    lesson: 'discovery',
    seenIn: {
      title: 'mcp-use #1576: metadata URL built by appending the well-known suffix to an issuer with a path',
      url: 'https://github.com/mcp-use/mcp-use/issues/1576',
    },
  },
  'as-no-pkce-support': {
    scenario: 'first-connection',
    hints: [
      'The client stops during discovery, after a document it fetched. Which one, and what did its check say?',
      "Read the authorization server's metadata field by field. What must it say about PKCE?",
      'The rule is on the authorization server: PKCE with S256, enforced and advertised.',
    ],
    fix: 'The metadata has no code_challenge_methods_supported, which to an MCP client means the server does not support PKCE; the client must refuse to go on (C-28), and did. The server must support and enforce PKCE with S256 (A-16, OAuth 2.1 §4.1.1) and say so: "code_challenge_methods_supported": ["S256"].',
    lesson: 'pkce-and-request',
    seenIn: {
      title: 'mcp-oauth2-aws-cognito #9: Cognito-backed metadata without code_challenge_methods_supported',
      url: 'https://github.com/empires-security/mcp-oauth2-aws-cognito/issues/9',
    },
  },
  'as-iss-missing': {
    scenario: 'first-connection',
    hints: [
      'The user approved, and the browser came back to the client. Then the client threw the answer away.',
      'Open the callback: which parameters arrived? Then compare with what the metadata promised.',
      "The rule is on the authorization server: RFC 9207's iss in the authorization response.",
    ],
    fix: 'The metadata says authorization_response_iss_parameter_supported: true, but the redirect to the callback carries code and state and no iss. A client that was promised iss must reject a response without it (RFC 9207 §2.4, C-19), so the flow stops. The server must put iss=<its issuer> on every authorization response, success and error alike (A-08), or stop advertising it.',
    lesson: 'consent-code-iss',
    seenIn: {
      title: 'mcp-server-cloudflare #449: iss advertised but not sent, so clients reject the callback',
      url: 'https://github.com/cloudflare/mcp-server-cloudflare/issues/449',
    },
  },
  'as-token-no-audience': {
    scenario: 'first-connection',
    hints: [
      'Everything goes well up to the token. The first request with it is refused.',
      "Decode the access token (the token response, JWT tab) and read its claims. What does the MCP server's checklist say about it?",
      'The rule is on the authorization server: the token must be restricted to the resource the client asked for.',
    ],
    fix: 'The client sent resource=https://mcp.example.com/mcp in both requests, but the access token has no aud claim, so the MCP server cannot tell it was meant for it and refuses it (S-06, as it must). The authorization server should audience-restrict each token to the resource requested (A-22, RFC 8707 §2): aud = "https://mcp.example.com/mcp".',
    lesson: 'access',
    seenIn: {
      title: 'toolhive #4794: an embedded authorization server issues tokens without aud',
      url: 'https://github.com/stacklok/toolhive/issues/4794',
    },
  },
  'mcp-no-audience-check': {
    scenario: 'first-connection',
    hints: [
      'The flow succeeds: this fault lets too much through, and stops nothing. Look at what the MCP server does with each token.',
      'Open the MCP server\'s own checklist on a token ("Token valid"). Is every line checked?',
      'The rule is on the MCP server: it must reject tokens not issued for it.',
    ],
    fix: 'The MCP server verifies the signature, issuer and expiry but never looks at aud: its checklist shows the audience "Not checked". A token the same authorization server issued for any other resource would open these files. S-06 (RFC 8707 §2, RFC 9068 §4): reject every token whose aud does not include https://mcp.example.com/mcp.',
    lesson: 'access',
    seenIn: {
      title: 'rust-mcp-sdk #149: every auth provider shipped with audience validation off',
      url: 'https://github.com/rust-mcp-stack/rust-mcp-sdk/pull/149',
    },
  },
  'mcp-scope-challenge-bare': {
    scenario: 'step-up',
    hints: [
      'The write tool is refused once, and the client asks the user again. Look at the refusal.',
      'Open the 403: what does its WWW-Authenticate tell the client to ask for? What does the client fall back on?',
      'The rule is on the MCP server: a scope error names the scope the operation needs.',
    ],
    fix: 'The 403 says error="insufficient_scope" but names no scope, so the client cannot know what this operation needs; it falls back on everything the protected resource metadata lists (in C-15\'s order), which is enough here and would be far more than needed on a server with many scopes. The server SHOULD answer WWW-Authenticate: Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="…" (S-12, RFC 6750 §3.1).',
    lesson: 'scopes',
  },
  'client-step-up-refresh': {
    scenario: 'step-up',
    hints: [
      'The write tool is refused, and the client keeps getting the same refusal until it gives up. What does it do after each 403?',
      'After the 403, does the client send the user to the authorization server again, or go straight to the token endpoint? With which grant?',
      'The rule is on the client: how it answers insufficient_scope.',
    ],
    fix: 'On 403 insufficient_scope the client refreshes its token instead of authorizing again. A refresh can never widen the scope (OAuth 2.1 §4.3.1), so the new token has files:read only and the write is refused again, until the client gives up after its retry limit. C-17: step up with a new authorization request for the union of the scopes held and the ones challenged.',
    lesson: 'scopes',
    seenIn: {
      title: 'typescript-sdk #2255: step-up dead-ends when a refresh token is present',
      url: 'https://github.com/modelcontextprotocol/typescript-sdk/issues/2255',
    },
  },
  'as-no-refresh-rotation': {
    scenario: 'refresh',
    hints: [
      'The flow succeeds. Look at what happens an hour later, when the access token has expired.',
      'Compare the refresh token the client sent with what the token endpoint gave back.',
      "The rule is on the authorization server: what it must do with a public client's refresh token.",
    ],
    fix: 'The refresh answer hands back the same refresh token, so a stolen one works for ever and its theft can never be noticed. For public clients the server MUST rotate (A-15, OAuth 2.1 §4.3.1): issue a new refresh token with each refresh, invalidate the old one, and treat a reuse as theft.',
    lesson: 'token-lifecycle',
  },
  'as-long-lived-tokens': {
    scenario: 'first-connection',
    hints: [
      'The flow succeeds. The fault is in a value, not in a refusal.',
      'Open the token response: how long does the access token live (expires_in, and exp in the JWT)?',
      'The rule is on the authorization server: the lifetime of access tokens.',
    ],
    fix: 'The access token lives 30 days (expires_in 2592000): whoever copies it has a month. Issue short-lived access tokens (A-14, OAuth 2.1 §7.1; minutes to an hour) and let the client refresh.',
    lesson: 'token-lifecycle',
  },
  'client-no-state-check': {
    scenario: 'first-connection',
    hints: [
      "The flow succeeds. Look at the client's own work, not the servers'.",
      "Open the client's checks on the authorization response (after the callback). Is every line checked?",
      'The rule is on the client: what it does with state.',
    ],
    fix: 'The client sends state but does not compare it on return: its checklist shows state "Not checked". A forged callback carrying the attacker\'s own code would be accepted (login CSRF). C-30: keep state with the verifier and discard any response whose state is missing or different.',
    lesson: 'consent-code-iss',
  },
  'client-omit-resource': {
    scenario: 'first-connection',
    hints: [
      'The authorization server refuses the client early. Read its answer, then the request that earned it.',
      'Read the authorization request parameter by parameter. Which one names the MCP server the token is for?',
      'The rule is on the client: RFC 8707 resource indicators.',
    ],
    fix: 'The authorization request has no resource parameter, so nothing binds the token to this MCP server; this authorization server requires it and refuses. C-22: send resource=https://mcp.example.com/mcp (the canonical URI from the protected resource metadata) in the authorization request and the token request.',
    lesson: 'pkce-and-request',
  },
  'client-all-scopes': {
    scenario: 'first-connection',
    hints: [
      'The flow succeeds. The fault is in what the client asks for.',
      'Compare the scope of the authorization request with the scope the 401 challenge named.',
      'The rule is on the client: which scopes to request.',
    ],
    fix: "The 401 asked for files:read; the client asked for every scope the authorization server lists, admin:* included, and the user was shown all of them. C-15: ask for the challenge's scope first, else the protected resource's scopes_supported, and nothing more (least privilege).",
    lesson: 'scopes',
  },
  'client-token-in-query': {
    scenario: 'first-connection',
    hints: [
      'The client has a token, and the MCP server still answers as if it had none.',
      'Open the MCP request after the token response. Where is the token?',
      'The rule is on the client: how it presents the access token.',
    ],
    fix: 'The client put the token in the URL (?access_token=…), where logs, proxies and history keep it; the server rightly ignores it (S-24) and answers 401. C-24: send Authorization: Bearer <token> on every request, never the query string.',
    lesson: 'access',
  },
  'client-no-pkce': {
    scenario: 'first-connection',
    hints: [
      'The authorization server refuses the client before anyone is asked to consent.',
      'Read the authorization request: is anything there that only the client could later prove it sent?',
      'The rule is on the client: PKCE.',
    ],
    fix: 'The authorization request has no code_challenge, so a stolen code could be redeemed by anyone; the authorization server enforces PKCE (A-16) and refuses. C-26: create a verifier, send its S256 challenge with the authorization request and the verifier with the token request.',
    lesson: 'pkce-and-request',
  },
} as const satisfies Partial<Record<VulnerabilityId, FaultDef>>;

export type FaultId = keyof typeof FAULTS;

export const FAULT_IDS = Object.keys(FAULTS) as FaultId[];

export function isFaultId(value: string): value is FaultId {
  return Object.prototype.hasOwnProperty.call(FAULTS, value);
}

export function faultDef(id: FaultId): FaultDef {
  return FAULTS[id];
}
