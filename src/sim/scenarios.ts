/**
 * What the learner can ask the simulator to play: a scenario (what happens) and a registration
 * mode (how the client gets its client_id). A scenario's headline is what the step panel says before
 * the first message: what this run will show. Both are plain choices, so they fit in a deep link.
 */
export const SCENARIOS = {
  'first-connection': {
    title: 'First connection',
    headline: 'Watch an MCP client earn its access token',
    summary:
      'The client meets a protected MCP server for the first time: discovery, registration, consent, token, tool call.',
  },
  'step-up': {
    title: 'Step-up: a tool needs more scope',
    headline: 'Watch the client ask again when a tool needs more scope',
    summary:
      'After connecting with files:read, the client calls a write tool; the server answers 403 insufficient_scope and the client re-authorizes for the union of scopes.',
  },
  refresh: {
    title: 'Expired access token: refresh',
    headline: 'Watch the client refresh an expired access token',
    summary:
      'An hour after connecting, the access token has expired; the server answers 401 and the client uses its rotated refresh token.',
  },
  deny: {
    title: 'The user denies consent',
    headline: 'Watch the client stop when the user says no',
    summary:
      'The user clicks Deny; the authorization server redirects back with error=access_denied and the client stops.',
  },
  'long-session': {
    title: 'A long working session',
    headline: 'Watch one authorization carry a two-hour session',
    summary:
      'One authorization, then thirty tool calls over two hours: the access token expires midway and is refreshed. Every request carries the Bearer header.',
  },
  'client-credentials': {
    title: 'Machine to machine: a client secret (HTTP Basic)',
    headline: 'Watch a machine get a token with no user at all',
    summary:
      'No user at all: a confidential client gets a token for itself with the client_credentials grant and calls a tool. The server lists client_secret_basic and client_secret_post; the client takes Basic, so its secret travels in the Authorization header.',
  },
  'client-credentials-post': {
    title: 'Machine to machine: a client secret in the form body (client_secret_post)',
    headline: 'Watch a machine send its secret in the request body',
    summary:
      'The same backend job, at a server that lists only client_secret_post: the one secret method OAuth 2.1 requires every server to accept. The client reads that list and sends client_id and client_secret as form fields, with no Authorization header.',
  },
  'client-credentials-jwt': {
    title: 'Machine to machine with a signed assertion (private_key_jwt)',
    headline: 'Watch a backend job prove itself with a signed assertion',
    summary:
      "A backend job with no user and no shared secret: it signs a short-lived client assertion with its private key (RFC 7523), the client credentials extension's recommended method.",
  },
  enterprise: {
    title: 'Enterprise-managed authorization (ID-JAG)',
    headline: "Watch the company's identity provider grant access, with no consent screen",
    summary:
      "The user signs in once with her company's identity provider; the IdP's policy grants an ID-JAG for this MCP server (token exchange), and the client trades it for an access token (JWT bearer grant). No consent screen: the administrator decided.",
  },
  dpop: {
    title: 'Sender-constrained tokens (DPoP, on the MCP roadmap)',
    headline: "Watch every request prove it holds the token's key",
    summary:
      'DPoP (RFC 9449) is on the MCP roadmap, not in a published revision. The first connection again, with a key pair: every request carries a fresh proof, the token is bound to the key (cnf.jkt), and the MCP server first asks for its nonce.',
  },
} as const;

/**
 * Scenarios whose client identifies itself one way only, whatever the registration chosen, and why
 * (the learner's choice is kept for the other scenarios).
 */
export const FIXED_REGISTRATION: Partial<Record<ScenarioId, string>> = {
  'client-credentials': 'A confidential client always uses its pre-registered credentials here.',
  'client-credentials-post': 'A confidential client always uses its pre-registered credentials here.',
  'client-credentials-jwt': 'A machine client always uses its pre-registered key here.',
  enterprise:
    'The client is known by its Client ID Metadata Document here: the IdP names that client_id in the ID-JAG, as the administrator mapped it (EXT-EMA §6.1).',
};

export type ScenarioId = keyof typeof SCENARIOS;
export const SCENARIO_IDS = Object.keys(SCENARIOS) as ScenarioId[];

/** The scenario a run plays when a link names none. */
export const DEFAULT_SCENARIO: ScenarioId = 'first-connection';

export const REGISTRATION_MODES = {
  preregistered: {
    title: 'Pre-registered',
    summary: 'The client ships with a client_id issued for this authorization server.',
  },
  cimd: {
    title: 'Client ID Metadata Document',
    summary: 'The client_id is an HTTPS URL; the authorization server fetches the document behind it.',
  },
  dcr: {
    title: 'Dynamic Client Registration',
    summary:
      'The client registers itself at the registration endpoint (deprecated in 2026-07-28, still allowed).',
  },
} as const;

export type RegistrationMode = keyof typeof REGISTRATION_MODES;

/** The registration a run uses when a link names none. */
export const DEFAULT_REGISTRATION: RegistrationMode = 'cimd';
export const REGISTRATION_MODE_IDS = Object.keys(REGISTRATION_MODES) as RegistrationMode[];

export function isScenarioId(value: string): value is ScenarioId {
  return Object.prototype.hasOwnProperty.call(SCENARIOS, value);
}

export function isRegistrationMode(value: string): value is RegistrationMode {
  return Object.prototype.hasOwnProperty.call(REGISTRATION_MODES, value);
}
