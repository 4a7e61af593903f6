/**
 * Speaker notes, one or two sentences per step (per message for HTTP exchanges): what to say and
 * what to point at on the projected screen. Keyed by step id like STEPS (the compiler asks for a
 * note for every step, and for both messages of an exchange); the teaching text itself stays in
 * steps.ts, which the notes window shows above these.
 */
import { STEPS } from '../../sim/steps';
import type { ScenarioId } from '../../sim/scenarios';
import type { StepId } from '../../sim/steps';
import { EXTENSION_SPEAKER_NOTES } from './extensionNotes';

type NoteFor<S> = S extends { kind: 'exchange' } ? { request: string; response: string } : string;

export type SpeakerNotes = { [K in StepId]: NoteFor<(typeof STEPS)[K]> };

export const SPEAKER_NOTES: SpeakerNotes = {
  'mcp-unauthenticated': {
    request:
      'Say: the client just tries; it does not know yet that this server is protected, or by whom. Point at: the arrow to the MCP server and, in the inspector, the missing Authorization header.',
    response:
      "Say: a 401 is an invitation, not a failure: WWW-Authenticate names the server's protected resource metadata (RFC 9728) and the scope it needs. Point at: resource_metadata and scope in the www-authenticate header.",
  },
  'prm-discovery': {
    request:
      'Say: the client follows resource_metadata; without it, it would try the well-known URL with the path inserted, then the root one. Point at: /.well-known/oauth-protected-resource/mcp.',
    response:
      'Say: in its resource-server role the MCP server names the authorization servers it trusts; issuing tokens is their job, even when one deployment hosts both. Point at: resource and authorization_servers in the body.',
  },
  'validate-prm':
    'Say: "resource" must be identical to the resource the client asked about, here the MCP server URL its request went to, or a malicious server could steer it into fetching a token for someone else. Point at: the check on the Client lane.',
  'as-metadata': {
    request:
      'Say: from the issuer the client builds the RFC 8414 well-known URL first, then tries OpenID Connect discovery. Point at: /.well-known/oauth-authorization-server.',
    response:
      'Say: this is the map of the authorization server: its endpoints, PKCE methods, Client ID Metadata Document support and whether it sends iss. Point at: code_challenge_methods_supported.',
  },
  'validate-as-metadata':
    'Say: the client refuses to go on if the issuer does not match exactly, or if the metadata has no code_challenge_methods_supported; it also refuses a server without S256, because it must use S256 when it can. Point at: the checks in the inspector.',
  'choose-registration':
    "Say: the spec's order: pre-registered credentials, then a Client ID Metadata Document, then Dynamic Client Registration, then asking the user. Point at: which one this run chose.",
  dcr: {
    request:
      'Say: the client registers itself (RFC 7591) with its loopback redirect URI and application_type native; DCR is deprecated in this revision but still allowed. Point at: redirect_uris.',
    response:
      'Say: a client_id and no secret: an app on a laptop cannot keep one, which is exactly why PKCE matters. Point at: client_id in the 201 body.',
  },
  'cimd-fetch': {
    request:
      "Say: here the client_id is an HTTPS URL, so the authorization server fetches it to learn who the client is. Point at: the arrow going from the Authorization Server to the client's host.",
    response:
      'Say: the client_id inside must equal the URL it came from, and redirect_uris is the allow-list the server will enforce. Point at: client_id and redirect_uris.',
  },
  'prepare-authorization':
    'Say: fresh secrets for every flow: a random code_verifier, its S256 code_challenge, a random state, and resource set to the MCP server. Point at: the values; the verifier stays here, only the challenge travels.',
  'open-browser':
    'Say: the client never sees the password; it hands the browser the authorization URL with every parameter in the query. Point at: the dotted handoff arrow to the browser.',
  authorize: {
    request:
      'Say: read the query out loud: response_type=code, client_id, redirect_uri, state, code_challenge with S256, scope and resource. Point at: the query parameters in the inspector.',
    response:
      'Say: before showing this page the server resolved the client, matched the redirect URI exactly and required a PKCE challenge. Point at: the redirect host on the consent page.',
  },
  'user-consent':
    'Say: the one human decision in the flow: who is asking, for which scopes, and where the answer will be sent. Point at: the client name, the scopes and the redirect host.',
  'consent-decision': {
    request:
      "Say: the form POST carries a one-time CSRF token, so another site cannot approve on the user's behalf. Point at: the csrf field in the form body.",
    response:
      "Say: back to the registered redirect URI with a short-lived, single-use code, the client's state, and iss naming the issuer (RFC 9207). Point at: code, state and iss in the Location header.",
  },
  callback: {
    request:
      "Say: the browser delivers the authorization response to the client's loopback listener. Point at: the arrow from the browser to the client, and the callback query.",
    response:
      'Say: the listener only tells the user to go back to the app; the important checks happen next, inside the client. Point at: the small HTML page.',
  },
  'validate-callback':
    'Say: two string comparisons that stop two attacks: state against CSRF, iss against mix-up. On a mismatch the code goes nowhere. Point at: the checks on the Client lane.',
  token: {
    request:
      'Say: the code is redeemed on the back channel; code_verifier proves this is the client that started the flow, and resource binds the token to this server. Point at: code_verifier and resource.',
    response:
      'Say: a short-lived JWT whose aud is the MCP server, sent with Cache-Control: no-store; the code is now spent. Point at: the JWT tab, aud and exp.',
  },
  'verify-pkce':
    'Say: the server hashes the verifier it just received and compares it with the challenge stored with the code; a thief holding only the code cannot pass. Point at: the PKCE tab, computed against stored.',
  'mcp-request': {
    request:
      'Say: from now on every MCP request carries Authorization: Bearer, and the token never goes in the URL. Point at: the Authorization header.',
    response:
      'Say: the answer follows the token check: the tool result, or 401 or 403 with a WWW-Authenticate challenge. Point at: the status line.',
  },
  'introspect-token': {
    request:
      'Say: a signature proves who issued the token and until when, not that nobody revoked it since; so this server asks. Point at: the Basic credentials: the MCP server is a client of the authorization server too.',
    response:
      'Say: active true, or just active false: a revoked token stops working from the next request. Point at: the active field.',
  },
  'jwks-fetch': {
    request:
      "Say: to check signatures the MCP server fetches the authorization server's public keys, once, and caches them. Point at: the arrow from the MCP server to the authorization server.",
    response: 'Say: a public key can verify the ES256 signature but never create one. Point at: kid and alg.',
  },
  'validate-token':
    'Say: five checks before any tool runs: signature, issuer, expiry, this server in aud, and enough scope. One failure and the tool never runs. Point at: the token checklist.',
  'step-up':
    'Say: the 403 insufficient_scope names what this operation needs; the client asks again for the union of old and new scopes, and counts its attempts. Point at: the new scope.',
  'time-passes':
    'Say: we jump an hour ahead and the access token has expired; short lifetimes limit what a stolen token is worth. Point at: exp against the simulated clock.',
  refresh: {
    request:
      'Say: the refresh token buys a new access token without bothering the user, and resource is named again. Point at: grant_type=refresh_token.',
    response:
      'Say: for a public client the refresh token rotates: the old one is now dead, and replaying it revokes the grant. Point at: the new refresh_token.',
  },
  'client-credentials': {
    request:
      'Say: no user, no browser, no PKCE: the client authenticates as the metadata allows and asks for a token for the resource. Point at: grant_type, and a Basic header, client_secret in the body, or a client_assertion.',
    response:
      'Say: the subject of this token is the client itself, and there is no refresh token. Point at: sub and client_id in the JWT tab.',
  },
  'attacker-action':
    'Say: the attacker works on her own side: what did she get hold of, and how? Point at: the Attacker lane and the values she holds.',
  'attacker-request': {
    request:
      'Say: she uses what she obtained over the same network as everyone else; the server can only judge what the request carries. Point at: what differs from the honest request.',
    response:
      'Say: this answer shows whether the rule held: an error here is the defence working. Point at: the status and the error code.',
  },
  'visit-attacker-page': {
    request:
      "Say: a link in an email or an ad: the victim's browser opens a page the attacker controls. Point at: the arrow from the browser to the Attacker lane.",
    response:
      'Say: the page sends the browser on, somewhere the attacker chose. Point at: the Location header.',
  },
  'downstream-call': {
    request:
      "Say: to run the tool the MCP server calls an API behind it, and must use a token issued to itself, never pass the client's through (S-09). Point at: the Authorization header going downstream.",
    response:
      'Say: the downstream API checks the audience of the token it received. Point at: the status; a refusal here is the audience check working.',
  },
  'attack-verdict':
    'Say: the verdict is read from real responses: did she end up with a token or data, and if not, which rule stopped her? Point at: the verdict and its rule chip.',
  'flow-ended':
    'Say: sum up the outcome, then ask the room which rule made it safe (or would have). Point at: the end marker on the diagram.',
  ...EXTENSION_SPEAKER_NOTES,
};

/** The note for one message: an exchange's request or response, or a lane step's single note. */
export function speakerNote(stepId: StepId, kind: 'request' | 'response' | 'internal' | 'handoff'): string {
  const note: string | { request: string; response: string } = SPEAKER_NOTES[stepId];
  if (typeof note === 'string') return note;
  return kind === 'response' ? note.response : note.request;
}

/** Every step has its notes (checked by the test; the type already asks for them). */
export function stepsWithoutNotes(): StepId[] {
  return (Object.keys(STEPS) as StepId[]).filter((id) => {
    const note: string | { request: string; response: string } | undefined = SPEAKER_NOTES[id];
    return !note || (typeof note !== 'string' && (!note.request || !note.response));
  });
}

const CORE_OPENING =
  'Say: we will watch an MCP client earn an access token, one real HTTP message at a time. Point at: the four lanes: client, browser, MCP server, authorization server.';

/** What to say before the first message: each scenario has its own parties and its own point. */
export const OPENING_NOTES: Record<ScenarioId, string> = {
  'first-connection': CORE_OPENING,
  'step-up': CORE_OPENING,
  refresh: CORE_OPENING,
  deny: CORE_OPENING,
  'long-session': CORE_OPENING,
  'client-credentials':
    'Say: a backend job with no user gets a token for itself with its own secret. Point at: the lanes: no browser, because there is nobody to ask.',
  'client-credentials-post':
    'Say: the same backend job at a server that lists only client_secret_post, the one secret method OAuth 2.1 makes every server accept; the client reads that list and puts its secret in the form body. Point at: the metadata list, then the token request: no Authorization header.',
  'client-credentials-jwt':
    'Say: a backend job with no user and no shared secret signs a one-minute assertion with its private key. Point at: the lanes: no browser, and no secret in any message.',
  enterprise:
    "Say: the user signs in once with her company's identity provider, and the company's policy, not a consent page, decides which MCP servers her client may reach. Point at: the Enterprise IdP lane.",
  dpop: 'Say: DPoP is on the MCP roadmap and in no published revision; it binds the token to a key the client never shares. Point at: the DPoP header each request will carry.',
};

/** The opening note of a run; an attack run says where to watch for the theft. */
export function openingNote(scenario: ScenarioId, attack: boolean): string {
  if (!attack) return OPENING_NOTES[scenario];
  return 'Say: this run has an attacker; the moment she gets hold of a secret, the "Who holds what" panel says so, with the message that gave it to her. Point at: the Attacker lane and that panel.';
}
