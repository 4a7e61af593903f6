/**
 * Every step of the flow, defined once. The network, the parties, the
 * diagram, the inspector, the lessons' "try it" links and the quiz all read this table; a trace
 * event names its step by id, and the compiler rejects an id that is not here.
 *
 * An `exchange` is one HTTP request and its response: two messages on the diagram, each its own
 * step for the learner, each with its own explanation. An `internal` step is work a party does on
 * its own lane (a self-message, as in the spec's diagram). A `handoff` is a message between lanes
 * that is not HTTP (the client opening the browser, the user clicking a button). Who sends a message
 * and to whom is not written here: the trace records it from the parties that really exchanged it
 * (the same step can run between different parties, as the MCP server's own client credentials grant
 * does).
 */
import { EXTENSION_STEPS } from './extensionSteps';
import type { RuleId } from './rules';

export type Phase = 'discovery' | 'registration' | 'authorization' | 'token' | 'access' | 'attack';

export const PHASES: readonly { id: Phase; label: string }[] = [
  { id: 'discovery', label: 'Discovery' },
  { id: 'registration', label: 'Registration' },
  { id: 'authorization', label: 'Authorization' },
  { id: 'token', label: 'Token' },
  { id: 'access', label: 'Access' },
];

interface Message {
  title: string;
  explain: string;
}

interface ExchangeStep {
  kind: 'exchange';
  phase: Phase;
  request: Message;
  response: Message;
  rules: readonly RuleId[];
}

interface LaneStep {
  kind: 'internal' | 'handoff';
  phase: Phase;
  title: string;
  explain: string;
  rules: readonly RuleId[];
}

export type StepDef = ExchangeStep | LaneStep;

export const STEPS = {
  // ── Discovery ──────────────────────────────────────────────────────────────
  'mcp-unauthenticated': {
    kind: 'exchange',
    phase: 'discovery',
    request: {
      title: 'MCP request without a token',
      explain:
        'The client sends an ordinary MCP request (a JSON-RPC POST to the MCP endpoint) with no Authorization header. It does not yet know that the server is protected, or by whom.',
    },
    response: {
      title: '401 Unauthorized + WWW-Authenticate',
      explain:
        'The server refuses and says where to learn more: the WWW-Authenticate header names its protected resource metadata (resource_metadata) and the scope this operation needs. No error code is sent, because the client sent no credentials (RFC 6750 §3.1).',
    },
    rules: ['S-02', 'S-03', 'C-04'],
  },
  'prm-discovery': {
    kind: 'exchange',
    phase: 'discovery',
    request: {
      title: 'GET protected resource metadata',
      explain:
        "The client fetches the URL from resource_metadata. Without the header it would try the well-known URL with the server's path inserted (/.well-known/oauth-protected-resource/mcp, as RFC 9728 §3.1 builds it), then the root one: that order is MCP's own rule (Authorization Server Discovery).",
    },
    response: {
      title: 'Protected resource metadata',
      explain:
        "The MCP server describes itself (RFC 9728): its canonical resource identifier, the authorization servers it trusts, and the scopes it understands. Issuing tokens is the authorization server's role, whether that runs alongside the MCP server or separately.",
    },
    rules: ['S-01', 'S-02', 'C-01', 'C-03'],
  },
  'validate-prm': {
    kind: 'internal',
    phase: 'discovery',
    title: 'Check the metadata names this server',
    explain:
      'The metadata\'s "resource" must be identical to the resource the client asked about (RFC 9728 §3.3): the MCP server URL its request went to, when the address came from the 401\'s resource_metadata; the identifier the well-known part was inserted into, when it came from a well-known URL. Otherwise a malicious server could steer the client into getting a token for someone else. The client then picks an authorization server from the list.',
    rules: ['C-01', 'C-22'],
  },
  'as-metadata': {
    kind: 'exchange',
    phase: 'discovery',
    request: {
      title: 'GET authorization server metadata',
      explain:
        'The client builds the well-known URL from the issuer, in the order the spec fixes: RFC 8414 oauth-authorization-server first, then OpenID Connect discovery.',
    },
    response: {
      title: 'Authorization server metadata',
      explain:
        'The authorization server lists its endpoints and abilities (RFC 8414): where to authorize, where to get tokens, PKCE methods, whether it accepts Client ID Metadata Documents, and whether it sends iss in authorization responses.',
    },
    rules: ['A-02', 'C-02', 'C-05'],
  },
  'validate-as-metadata': {
    kind: 'internal',
    phase: 'discovery',
    title: 'Check issuer and PKCE support',
    explain:
      "The metadata's issuer must be identical to the issuer the URL was built from, or the client must not use it (RFC 8414 §3.3). Without code_challenge_methods_supported the client must refuse to go on; and because it must use S256 when it can, this client also refuses a server that does not list S256.",
    rules: ['C-06', 'C-26', 'C-27', 'C-28'],
  },
  // ── Registration ───────────────────────────────────────────────────────────
  'choose-registration': {
    kind: 'internal',
    phase: 'registration',
    title: 'Choose how to identify itself',
    explain:
      "The client needs a client_id at this authorization server. The spec's order: credentials pre-registered for this issuer, then a Client ID Metadata Document if the server supports them, then Dynamic Client Registration if it has a registration endpoint, then asking the user.",
    rules: ['C-08', 'C-09', 'C-10', 'C-14'],
  },
  dcr: {
    kind: 'exchange',
    phase: 'registration',
    request: {
      title: 'POST /register (Dynamic Client Registration)',
      explain:
        'The client registers itself (RFC 7591) with its loopback redirect URI and an application_type. The spec requires an appropriate value, and a native app like this one SHOULD send "native" (under OpenID Connect a missing value means "web", which may not accept a loopback redirect). DCR is deprecated in 2026-07-28 but still allowed.',
    },
    response: {
      title: '201 Created: client_id',
      explain:
        'The authorization server stores the metadata and issues a client_id. This public client gets no secret: it could not keep one.',
    },
    rules: ['C-13', 'A-07', 'A-11'],
  },
  'cimd-fetch': {
    kind: 'exchange',
    phase: 'authorization',
    request: {
      title: 'AS fetches the client metadata document',
      explain:
        'The client_id is an HTTPS URL, so the authorization server fetches it to learn who the client is and which redirect URIs it may use (Client ID Metadata Document).',
    },
    response: {
      title: 'Client ID Metadata Document',
      explain:
        'The document names the client and lists its redirect URIs. Its client_id must equal the URL it was fetched from, exactly.',
    },
    rules: ['C-11', 'A-04', 'A-05'],
  },
  // ── Authorization ──────────────────────────────────────────────────────────
  'prepare-authorization': {
    kind: 'internal',
    phase: 'authorization',
    title: 'Generate PKCE, state; record the issuer',
    explain:
      "The client makes a fresh random code_verifier and derives code_challenge = BASE64URL(SHA-256(verifier)). It makes a random state, chooses the scope (from the challenge, else scopes_supported), sets resource to the server's canonical URI, and records the expected issuer beside the verifier.",
    rules: ['C-15', 'C-18', 'C-22', 'C-26', 'C-27', 'C-30'],
  },
  'open-browser': {
    kind: 'handoff',
    phase: 'authorization',
    title: 'Open the authorization URL in the browser',
    explain:
      "The client cannot ask the user for a password itself. It sends the user's browser to the authorization endpoint with every parameter in the query string.",
    rules: ['C-51'],
  },
  authorize: {
    kind: 'exchange',
    phase: 'authorization',
    request: {
      title: 'GET /authorize',
      explain:
        'The browser asks the authorization server to start: response_type=code, client_id, redirect_uri, state, code_challenge with S256, scope and resource.',
    },
    response: {
      title: 'Consent page',
      explain:
        'The authorization server has resolved the client, matched the redirect URI exactly and found a PKCE challenge. The signed-in user is asked whether this client may act for them, and sees where the result will be sent.',
    },
    rules: ['A-12', 'A-19', 'A-16', 'A-22', 'A-06'],
  },
  'user-consent': {
    kind: 'handoff',
    phase: 'authorization',
    title: 'The user decides',
    explain: 'The user reads the client name, the scopes and the redirect host, and approves or denies.',
    rules: ['A-06'],
  },
  'consent-decision': {
    kind: 'exchange',
    phase: 'authorization',
    request: {
      title: 'POST the consent decision',
      explain:
        'The browser submits the consent form, carrying a one-time token that protects it against cross-site forgery.',
    },
    response: {
      title: '302 Found → redirect_uri',
      explain:
        "The authorization server redirects the browser back to the client's registered redirect URI with a short-lived, single-use code (or error=access_denied), the client's state, and iss naming itself (RFC 9207).",
    },
    rules: ['A-08', 'A-12', 'A-13', 'A-18'],
  },
  callback: {
    kind: 'exchange',
    phase: 'authorization',
    request: {
      title: 'GET /callback?code&state&iss',
      explain:
        "The browser follows the redirect to the client's loopback listener, delivering the authorization response.",
    },
    response: {
      title: 'Return to the application',
      explain:
        "The client's listener answers the browser with a page telling the user they can close the window.",
    },
    rules: ['C-29'],
  },
  'validate-callback': {
    kind: 'internal',
    phase: 'authorization',
    title: 'Check state and iss',
    explain:
      'state must match the value this client sent (CSRF). iss is compared with the recorded issuer by simple string comparison, as RFC 9207 §2.4 says, before the code goes anywhere: on a mismatch (a mix-up, or an issuer written differently) the client stops, and does not act on or show any error in the response.',
    rules: ['C-19', 'C-20', 'C-21', 'C-30'],
  },
  // ── Token ──────────────────────────────────────────────────────────────────
  token: {
    kind: 'exchange',
    phase: 'token',
    request: {
      title: 'POST /token (authorization_code)',
      explain:
        'The client redeems the code, proving with code_verifier that it started this flow, and names the resource again so the token is bound to this MCP server.',
    },
    response: {
      title: 'Access token (+ refresh token)',
      explain:
        'The authorization server returns a short-lived JWT access token whose aud is the MCP server, with Cache-Control: no-store. The code is now spent.',
    },
    rules: ['C-22', 'A-16', 'A-17', 'A-18', 'A-20', 'A-14'],
  },
  'verify-pkce': {
    kind: 'internal',
    phase: 'token',
    title: 'Recompute the PKCE challenge',
    explain:
      'The authorization server hashes the code_verifier it just received and compares it with the code_challenge stored with the code. Only the party that started the flow knows the verifier.',
    rules: ['A-16', 'C-26'],
  },
  // ── Access ─────────────────────────────────────────────────────────────────
  'mcp-request': {
    kind: 'exchange',
    phase: 'access',
    request: {
      title: 'MCP request with Bearer token',
      explain:
        'The client repeats its request with Authorization: Bearer <token>. Every request carries the header; the token never goes in the URL.',
    },
    response: {
      title: 'MCP response',
      explain:
        'The server answers according to its validation of the token: the result, or 401/403 with a challenge.',
    },
    rules: ['C-24', 'S-07', 'S-10', 'S-11'],
  },
  'jwks-fetch': {
    kind: 'exchange',
    phase: 'access',
    request: {
      title: "GET the authorization server's JWKS",
      explain:
        "To check signatures, the MCP server fetches the authorization server's public keys once and caches them.",
    },
    response: {
      title: 'JSON Web Key Set',
      explain: "The public key that verifies the access token's ES256 signature.",
    },
    rules: ['S-05'],
  },
  'introspect-token': {
    kind: 'exchange',
    phase: 'access',
    request: {
      title: 'Introspect the access token',
      explain:
        'A signed JWT proves who issued it and until when, but not that it was not revoked since. This MCP server asks the authorization server (RFC 7662), authenticating as its own client.',
    },
    response: {
      title: 'Active, or not',
      explain:
        "active: true with the token's claims, or just active: false for a token that is revoked, expired or unknown. A revoked token is refused from the next request on.",
    },
    rules: ['S-05', 'A-17'],
  },
  'validate-token': {
    kind: 'internal',
    phase: 'access',
    title: 'Validate the access token',
    explain:
      'The MCP server checks the signature, the issuer, the expiry, that its own canonical URI is in aud, and that the scopes cover the operation. A failure is a 401 (or 403 for scope); the tool never runs.',
    rules: ['S-05', 'S-06', 'S-08', 'S-10', 'S-14'],
  },
  'step-up': {
    kind: 'internal',
    phase: 'access',
    title: 'Step up: union of scopes',
    explain:
      'A 403 insufficient_scope names the scopes this operation needs. The client takes the union with what it already had and starts a new authorization, counting attempts so it cannot loop forever.',
    rules: ['C-16', 'C-17', 'S-12'],
  },
  'time-passes': {
    kind: 'internal',
    phase: 'access',
    title: 'Time passes: the access token expires',
    explain:
      'An hour later the access token has expired. Short lifetimes limit what a stolen token is worth.',
    rules: ['A-14'],
  },
  refresh: {
    kind: 'exchange',
    phase: 'token',
    request: {
      title: 'POST /token (refresh_token)',
      explain: 'The client trades its refresh token for a new access token, naming the resource again.',
    },
    response: {
      title: 'New access token + rotated refresh token',
      explain:
        'For a public client the authorization server must rotate the refresh token: the old one is now dead, and using it again revokes the whole grant.',
    },
    rules: ['A-15', 'C-40', 'C-43'],
  },
  'client-credentials': {
    kind: 'exchange',
    phase: 'token',
    request: {
      title: 'POST /token (client_credentials)',
      explain:
        "With no user involved, a confidential client authenticates with its own credentials and asks for a token for the resource: no browser, no consent, no PKCE. A secret travels in an Authorization: Basic header (client_secret_basic) or as client_id and client_secret in the body (client_secret_post), as the server's metadata lists; a key signs a client_assertion (private_key_jwt).",
    },
    response: {
      title: 'Access token for the client itself',
      explain:
        "The token's subject is the client, not a person, and it carries no refresh token. A way of sending the secret the server does not list would have been refused with invalid_client.",
    },
    rules: ['C-22', 'A-14', 'C-70', 'A-26'],
  },
  // ── Attack lab ─────────────────────────────────────────────────────────────
  'attacker-action': {
    kind: 'internal',
    phase: 'attack',
    title: 'The attacker acts',
    explain:
      'Something the attacker does on her own side: reading a leaked value, preparing a link, waiting.',
    rules: [],
  },
  'attacker-request': {
    kind: 'exchange',
    phase: 'attack',
    request: {
      title: 'The attacker sends a request',
      explain:
        'The attacker uses what she obtained, over the same network as everyone else. The server cannot tell her apart except by what the request carries.',
    },
    response: {
      title: 'The server answers the attacker',
      explain: 'The answer shows whether the rule held: an error here is the defence working.',
    },
    rules: [],
  },
  'visit-attacker-page': {
    kind: 'exchange',
    phase: 'attack',
    request: {
      title: "The victim's browser opens the attacker's page",
      explain:
        "A link in an email, an ad, a comment: the victim's browser loads a page the attacker controls, with the victim's cookies for every other site.",
    },
    response: {
      title: "The attacker's page redirects",
      explain: 'The page sends the browser on, somewhere the attacker chose.',
    },
    rules: [],
  },
  'downstream-call': {
    kind: 'exchange',
    phase: 'access',
    request: {
      title: 'MCP server calls the downstream API',
      explain:
        "To run the tool, the MCP server calls an API behind it. It must use a token issued to itself for that API, never the client's (S-09).",
    },
    response: {
      title: 'Downstream API answers',
      explain: 'The downstream API checks the token it received against its own audience.',
    },
    rules: ['S-09', 'S-08'],
  },
  'attack-verdict': {
    kind: 'internal',
    phase: 'attack',
    title: 'What the attacker ended up with',
    explain:
      "The outcome, read from what the servers actually answered: a token, the victim's data, or nothing.",
    rules: [],
  },
  'flow-ended': {
    kind: 'internal',
    phase: 'access',
    title: 'Flow ended',
    explain: 'The client reports the outcome of the run.',
    rules: [],
  },
  ...EXTENSION_STEPS,
} as const satisfies Record<string, StepDef>;

export type StepId = keyof typeof STEPS;

export const STEP_IDS = Object.keys(STEPS) as StepId[];

export function getStep(id: StepId): StepDef {
  return STEPS[id];
}

export function isStepId(value: string): value is StepId {
  return Object.prototype.hasOwnProperty.call(STEPS, value);
}
