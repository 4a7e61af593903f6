/**
 * The steps of the authorization extensions (client credentials with a signed assertion, EXT-CC;
 * enterprise-managed authorization, EXT-EMA) and of DPoP (RFC 9449, on the MCP roadmap), kept
 * apart from the core flow's steps so each table stays readable. steps.ts spreads them into STEPS:
 * they are ordinary steps to everything that reads one.
 */
import type { StepDef } from './steps';

export const EXTENSION_STEPS = {
  // ── Client credentials with a signed assertion (EXT-CC, RFC 7523 §2.2) ──────
  'sign-client-assertion': {
    kind: 'internal',
    phase: 'token',
    title: 'Sign a client assertion',
    explain:
      'Instead of sending a secret, the client signs a short-lived JWT with its private key: iss and sub are its client_id, aud is the authorization server, exp ends it within a minute and jti makes it unique. The private key never leaves the client; what travels is a signature anyone with the public key can check and no one can reuse for long.',
    rules: ['C-70', 'C-71'],
  },
  'client-jwks-fetch': {
    kind: 'exchange',
    phase: 'token',
    request: {
      title: "AS fetches the client's public keys",
      explain:
        "To check the assertion's signature, the authorization server fetches the client's JSON Web Key Set from the jwks_uri registered for it. The extension leaves key discovery open; SEP-1046 points to Client ID Metadata Documents, which carry a jwks_uri.",
    },
    response: {
      title: "The client's JWKS",
      explain:
        'The public half of the key pair. Publishing it costs nothing: it can verify signatures, never make them.',
    },
    rules: ['A-51'],
  },
  'verify-client-assertion': {
    kind: 'internal',
    phase: 'token',
    title: 'Verify the client assertion',
    explain:
      'The authorization server checks the signature with the registered key, that iss and sub are the client_id, that aud names this server (an assertion made for another server must not work here), that exp has not passed, and that the jti was not used before. A failure is invalid_client.',
    rules: ['A-51', 'A-52'],
  },
  // ── Enterprise-managed authorization (EXT-EMA, SEP-990) ──────────────────────
  'idp-metadata': {
    kind: 'exchange',
    phase: 'discovery',
    request: {
      title: "GET the enterprise IdP's OpenID configuration",
      explain:
        "The company's administrator configured the client with its identity provider's issuer. The client reads the IdP's OpenID Connect discovery document to find its endpoints.",
    },
    response: {
      title: 'IdP metadata',
      explain:
        "The IdP's authorization and token endpoints, its keys, and that its token endpoint accepts RFC 8693 token exchange.",
    },
    rules: ['C-73'],
  },
  'sso-prepare': {
    kind: 'internal',
    phase: 'authorization',
    title: 'Prepare single sign-on: PKCE, state, nonce',
    explain:
      'The user signs in to the client through the company IdP with OpenID Connect: a code_verifier and its S256 challenge, a state, and a nonce the ID token must carry back, so a token minted for another sign-in cannot be slipped in.',
    rules: ['C-73', 'I-01'],
  },
  'sso-authorize': {
    kind: 'exchange',
    phase: 'authorization',
    request: {
      title: 'GET the IdP authorization endpoint (openid)',
      explain:
        "The browser asks the company IdP to sign the user in to this client: response_type=code, scope=openid, the client's client_id at the IdP, PKCE, state and nonce.",
    },
    response: {
      title: '302 Found → redirect_uri with a code',
      explain:
        'The user already has a session at the IdP (she signed in to her company account this morning), and the administrator assigned this app to her: no password prompt, no consent screen. The IdP redirects back with a single-use code.',
    },
    rules: ['I-01'],
  },
  'sso-token': {
    kind: 'exchange',
    phase: 'authorization',
    request: {
      title: 'POST IdP /token (authorization_code)',
      explain: 'The client redeems the code at the IdP with its code_verifier.',
    },
    response: {
      title: 'ID token (+ IdP access token)',
      explain:
        'The ID token says who signed in: the IdP (iss), the user (sub), this client (aud), when, and the nonce. The client keeps it: it is what the client will trade for access to MCP servers, without asking the user again.',
    },
    rules: ['I-01', 'C-73'],
  },
  'validate-id-token': {
    kind: 'internal',
    phase: 'authorization',
    title: 'Validate the ID token',
    explain:
      'The client checks that the ID token comes from its IdP, was issued to itself, has not expired and carries the nonce it sent (OpenID Connect Core §3.1.3.7). It came straight from the IdP over TLS, which OpenID Connect accepts in place of checking the signature.',
    rules: ['C-73'],
  },
  'token-exchange': {
    kind: 'exchange',
    phase: 'token',
    request: {
      title: 'POST IdP /token (token exchange for an ID-JAG)',
      explain:
        "RFC 8693 token exchange: the ID token as subject_token, requested_token_type the ID-JAG type, audience the MCP authorization server's issuer, resource the MCP server. The client asks the IdP, not the user.",
    },
    response: {
      title: 'ID-JAG (token_type N_A)',
      explain:
        'An Identity Assertion JWT Authorization Grant, signed by the IdP, for one user, one client, one authorization server and one MCP server, valid for minutes. It sits in access_token for historical reasons; token_type N_A says it is not an access token.',
    },
    rules: ['C-74', 'I-02', 'I-05'],
  },
  'idp-policy': {
    kind: 'internal',
    phase: 'token',
    title: "The IdP applies the company's policy",
    explain:
      'The IdP validates the ID token (its own, issued to this client) and looks up what the administrator decided: may this user, in her groups, use this client with this MCP server, and with which scopes? The answer is the ID-JAG, or an error: the client never gets a grant for a server the company did not approve.',
    rules: ['I-02', 'I-03', 'I-04'],
  },
  'jwt-bearer': {
    kind: 'exchange',
    phase: 'token',
    request: {
      title: 'POST /token (JWT bearer grant with the ID-JAG)',
      explain:
        "RFC 7523: grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer with the ID-JAG as assertion, at the MCP authorization server's token endpoint, the client authenticating as it is registered there. The user's browser is not involved.",
    },
    response: {
      title: 'Access token for the MCP server',
      explain:
        "An ordinary access token, audience-restricted to the MCP server the ID-JAG names. No consent page was shown: the consent was the administrator's, expressed in the IdP's policy.",
    },
    rules: ['C-75', 'A-53', 'A-54', 'A-55', 'A-56'],
  },
  'idp-jwks-fetch': {
    kind: 'exchange',
    phase: 'token',
    request: {
      title: "AS fetches the IdP's keys",
      explain:
        'The MCP authorization server trusts this IdP (the company set up single sign-on with it) and fetches its published keys to verify the ID-JAG.',
    },
    response: {
      title: "The IdP's JWKS",
      explain: "The public key that verifies the IdP's signature on the ID-JAG.",
    },
    rules: ['A-53'],
  },
  'validate-id-jag': {
    kind: 'internal',
    phase: 'token',
    title: 'Validate the ID-JAG',
    explain:
      "typ oauth-id-jag+jwt, the signature of a trusted IdP, not expired, aud this authorization server's issuer, client_id the client that authenticated, jti not used before; then the token is issued for the resource and scope it names. There is no consent screen in this grant: the enterprise's administrator decided, and the IdP's signature carries that decision.",
    rules: ['A-53', 'A-54', 'A-55', 'A-56', 'A-52'],
  },
  // ── DPoP (RFC 9449; on the MCP roadmap, in no published revision) ────────────
  'generate-dpop-key': {
    kind: 'internal',
    phase: 'authorization',
    title: 'Generate a DPoP key pair',
    explain:
      'DPoP is on the MCP roadmap, not in a published revision. The client makes a key pair that never leaves it. Every token request and every MCP request will carry a fresh proof signed with it, and the authorization server binds the token to the public key (cnf.jkt): a stolen token is useless without the private key.',
    rules: ['C-76'],
  },
  'validate-dpop-proof': {
    kind: 'internal',
    phase: 'access',
    title: 'Check the DPoP proof',
    explain:
      "RFC 9449 §4.3: one well-formed proof typed dpop+jwt, an asymmetric signature with the key in its jwk, htm and htu naming this very request, iat within minutes, a jti not seen before, the server's nonce if it gave one; with an access token, ath is the token's hash and the key is the one the token is bound to (cnf.jkt).",
    rules: ['S-51', 'S-52', 'S-53', 'S-54', 'S-55', 'S-56', 'A-57'],
  },
} as const satisfies Record<string, StepDef>;
