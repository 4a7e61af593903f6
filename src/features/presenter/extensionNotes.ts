/**
 * Speaker notes for the steps of the authorization extensions and DPoP (src/sim/extensionSteps.ts),
 * spread into SPEAKER_NOTES: the compiler asks for each of them like for every other step.
 */
import type { EXTENSION_STEPS } from '../../sim/extensionSteps';

type NoteFor<S> = S extends { kind: 'exchange' } ? { request: string; response: string } : string;

export const EXTENSION_SPEAKER_NOTES: {
  [K in keyof typeof EXTENSION_STEPS]: NoteFor<(typeof EXTENSION_STEPS)[K]>;
} = {
  'sign-client-assertion':
    'Say: no secret travels: the client signs a JWT that says "I am this client, talking to this server, for the next minute". Point at: iss, sub, aud and exp in the values.',
  'client-jwks-fetch': {
    request:
      "Say: the server needs the client's public key; the administrator registered where it lives. Point at: the jwks_uri on the client's host.",
    response:
      'Say: a public key can check signatures but never make one, so publishing it is safe. Point at: the key in the body (no private part).',
  },
  'verify-client-assertion':
    'Say: signature, who it claims to be, for which server, until when, and whether this exact assertion was seen before. Point at: the audience and expiry checks.',
  'idp-metadata': {
    request:
      "Say: the company's administrator told the client which identity provider to use; the client reads its OpenID configuration. Point at: the IdP lane appearing.",
    response:
      "Say: the IdP's endpoints, and that its token endpoint does token exchange. Point at: grant_types_supported.",
  },
  'sso-prepare':
    'Say: single sign-on is ordinary OpenID Connect: PKCE, state and a nonce. Point at: the nonce, which the ID token must echo.',
  'sso-authorize': {
    request:
      "Say: the browser goes to the company IdP, not to the MCP server's authorization server. Point at: scope=openid.",
    response:
      'Say: no password, no consent page: she is already signed in at work and the admin assigned her this app. Point at: the 302 straight back with a code.',
  },
  'sso-token': {
    request: 'Say: the client redeems the IdP code with its verifier. Point at: code_verifier.',
    response:
      'Say: the ID token proves who signed in; the client keeps it to get MCP access later, without asking again. Point at: id_token, and its claims in the JWT tab.',
  },
  'validate-id-token':
    'Say: right issuer, issued to this client, not expired, our nonce. Point at: the aud check.',
  'token-exchange': {
    request:
      "Say: the client trades the ID token for a grant for one MCP server: audience is that server's authorization server, resource is the MCP server. Point at: requested_token_type and audience.",
    response:
      'Say: the ID-JAG: signed by the IdP, for one user, one client, one authorization server, one MCP server, for five minutes. Point at: aud, resource and client_id in the JWT tab.',
  },
  'idp-policy':
    'Say: this is where the company decides, once, for everyone: which group may use which app with which server. Point at: the policy check and the scopes it allows.',
  'jwt-bearer': {
    request:
      'Say: RFC 7523: the ID-JAG goes to the MCP authorization server as an authorization grant; the browser is not involved. Point at: grant_type and assertion.',
    response:
      "Say: an ordinary access token, with no consent page: the consent was the administrator's. Point at: aud in the JWT tab.",
  },
  'idp-jwks-fetch': {
    request:
      "Say: the authorization server trusts this IdP and fetches its keys. Point at: the IdP's jwks_uri.",
    response: "Say: the key that verifies the IdP's signature on the ID-JAG. Point at: kid.",
  },
  'validate-id-jag':
    'Say: typed as an ID-JAG, signed by a trusted IdP, for this server (aud), for the client that authenticated (client_id), not used before. Point at: the aud and client_id checks.',
  'generate-dpop-key':
    'Say: DPoP is on the MCP roadmap, not in a published revision yet. The client makes a key pair that never leaves it. Point at: the thumbprint, which the token will carry as cnf.jkt.',
  'validate-dpop-proof':
    'Say: the proof names this request (htm, htu), is fresh (iat, jti), hashes this token (ath) and is signed by the key the token is bound to (cnf.jkt). Point at: the first failed check, if any.',
};
