/**
 * Finds the JWTs a message carries (access and ID tokens in a token response, an ID-JAG, a client
 * assertion or an ID token in a form, a DPoP proof, a Bearer or DPoP header, a token misplaced in a
 * URL) and says what each claim means for that kind of JWT. Decoding itself is the core's peekJwt.
 */
import { headerValue } from '../../sim/trace/types';
import type { HeaderList, TraceEvent } from '../../sim/trace/types';
import { splitUrl } from '../../run/trace/format';

const JWT = /^[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$/;

/** What a JWT is, from where it travels: each kind has its own claims, signer and verifier. */
export type TokenKind = 'access-token' | 'id-token' | 'id-jag' | 'client-assertion' | 'dpop-proof' | 'jwt';

export interface FoundToken {
  where: string;
  token: string;
  kind: TokenKind;
}

/** RFC 8693 §3: the token type of an ID-JAG (EXT-EMA §4.2 returns it in access_token). */
const ID_JAG_TYPE = 'urn:ietf:params:oauth:token-type:id-jag';

function fromJsonBody(body: string | null, where: string): FoundToken[] {
  if (!body) return [];
  try {
    const json: unknown = JSON.parse(body);
    if (!json || typeof json !== 'object' || Array.isArray(json)) return [];
    const idJag = 'issued_token_type' in json && json.issued_token_type === ID_JAG_TYPE;
    return Object.entries(json)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && JWT.test(entry[1]))
      .map(([field, token]) => ({
        where: `${field} in the ${where} body`,
        token,
        kind:
          field === 'id_token'
            ? 'id-token'
            : field !== 'access_token'
              ? 'jwt'
              : idJag
                ? 'id-jag'
                : 'access-token',
      }));
  } catch {
    return [];
  }
}

/** Form parameters that carry a JWT, and what it is. */
const FORM_FIELDS: Record<string, TokenKind> = {
  client_assertion: 'client-assertion', // RFC 7523 §2.2 (private_key_jwt)
  assertion: 'id-jag', // RFC 7523 §2.1, the ID-JAG in enterprise-managed authorization (EXT-EMA §5)
  subject_token: 'id-token', // RFC 8693 §2.1, the ID token traded for an ID-JAG (EXT-EMA §4)
};

function fromForm(body: string | null, headers: HeaderList): FoundToken[] {
  if (!body || !(headerValue(headers, 'content-type') ?? '').includes('x-www-form-urlencoded')) return [];
  return [...new URLSearchParams(body)].flatMap(([name, value]) => {
    const kind = FORM_FIELDS[name];
    return kind && JWT.test(value) ? [{ where: `${name} in the request body`, token: value, kind }] : [];
  });
}

export function findTokens(event: TraceEvent): FoundToken[] {
  if (event.kind === 'response') return event.response ? fromJsonBody(event.response.body, 'response') : [];
  if (event.kind !== 'request') return [];
  const found: FoundToken[] = [];
  const auth = headerValue(event.request.headers, 'authorization');
  const [, scheme = '', token = ''] = (auth && /^(Bearer|DPoP)\s+(.+)$/i.exec(auth)) || [];
  if (JWT.test(token)) found.push({ where: `Authorization: ${scheme} header`, token, kind: 'access-token' });
  // RFC 9449 §4.1: the proof travels in the DPoP header, one per request.
  const proof = headerValue(event.request.headers, 'dpop');
  if (proof && JWT.test(proof))
    found.push({ where: 'DPoP header (a proof)', token: proof, kind: 'dpop-proof' });
  found.push(...fromForm(event.request.body, event.request.headers));
  for (const [name, value] of splitUrl(event.request.url).params) {
    if (JWT.test(value))
      found.push({
        where: `${name} in the URL query (tokens never belong in a URL)`,
        token: value,
        kind: name === 'id_token' ? 'id-token' : 'access-token',
      });
  }
  return found;
}

export const TOKEN_TITLE: Record<TokenKind, string> = {
  'access-token': 'Access token',
  'id-token': 'ID token (OpenID Connect)',
  'id-jag': 'ID-JAG (Identity Assertion JWT Authorization Grant)',
  'client-assertion': 'Client assertion (private_key_jwt)',
  'dpop-proof': 'DPoP proof',
  jwt: 'JWT',
};

/** Who signed it and who checks the signature, per kind. */
export const SIGNATURE_TEXT: Record<TokenKind, string> = {
  'access-token':
    "Signed by the authorization server. The MCP server verifies it with the authorization server's published key (see the step \u201cValidate the access token\u201d).",
  'id-token':
    'Signed by the identity provider. The client that received it straight from the IdP may rely on TLS instead (OpenID Connect Core \u00a73.1.3.7); the IdP verifies it again when it is traded in a token exchange.',
  'id-jag':
    "Signed by the company's identity provider. The MCP authorization server verifies it with the keys of an IdP it trusts (A-53).",
  'client-assertion':
    'Signed by the client with its private key. The authorization server verifies it with the public key registered for the client (A-51); the private key never travels.',
  'dpop-proof':
    'Signed by the client with the private half of the key in the jwk header, a fresh proof per request. The server verifies it with that jwk and checks that it is the key the token is bound to (S-51, S-52). DPoP (RFC 9449) is on the MCP roadmap and in no published revision of the specification.',
  jwt: 'The inspector only decodes it; whoever receives it verifies the signature.',
};

export const HEADER_TEXT: Record<string, string> = {
  alg: 'Signature algorithm. ES256 = ECDSA with P-256 and SHA-256.',
  typ: 'Token type. at+jwt marks an OAuth access token (RFC 9068), so it cannot be confused with an ID token.',
  kid: "Key ID: which of the signer's published keys (JWKS) signed it.",
};

const HEADER_BY_KIND: Partial<Record<TokenKind, Record<string, string>>> = {
  'dpop-proof': {
    typ: 'dpop+jwt: this JWT is a DPoP proof, and may be taken for nothing else (RFC 9449 \u00a74.2).',
    alg: 'An asymmetric algorithm, never none or a MAC: the proof shows possession of a private key (S-51).',
    jwk: 'The public key that verifies this proof. It must not contain the private key (S-51); its thumbprint is what the token is bound to (cnf.jkt).',
  },
  'id-jag': {
    typ: 'oauth-id-jag+jwt: the header MUST say so (EXT-EMA \u00a74.3), and the authorization server checks it, so no other JWT from the IdP passes for a grant (A-53).',
  },
  'id-token': { typ: 'The ID token of OpenID Connect; it says who signed in, and is not an access token.' },
};

export const CLAIM_TEXT: Record<string, string> = {
  iss: 'Issuer: the authorization server that minted the token. The MCP server accepts only the issuer it trusts.',
  sub: 'Subject: who the token acts for (the user; for client credentials, the client itself).',
  aud: 'Audience: the resource this token is for. The MCP server rejects any token whose aud is not its own canonical URI (RFC 8707).',
  client_id: 'The client the token was issued to.',
  scope: 'What the token allows, space-separated. The server checks it per operation.',
  iat: 'Issued at, in the simulated clock.',
  exp: 'Expires at. After this moment the MCP server must refuse the token.',
  nbf: 'Not valid before this moment.',
  jti: 'JWT ID: unique per token, so one token can be revoked or a replay noticed.',
  cnf: 'Confirmation: jkt is the SHA-256 thumbprint of the DPoP key this token is bound to (RFC 9449 \u00a76.1). The MCP server accepts it only with a proof signed by that key (S-52).',
};

const CLAIMS_BY_KIND: Partial<Record<TokenKind, Record<string, string>>> = {
  'dpop-proof': {
    jti: 'A unique id for this proof. A server can remember it for the window in which it accepts proofs, and refuse a repeat (S-54).',
    htm: 'The HTTP method of the request this proof is for; the server checks it matches (S-51).',
    htu: 'The URL of the request this proof is for, without query or fragment; a proof made for another URL is refused (S-51).',
    iat: 'When the proof was made. The server accepts it only for a short time after this (S-53).',
    ath: 'The base64url SHA-256 hash of the access token sent with it: the proof is for this token and no other (S-52).',
    nonce:
      'The value the server gave in its DPoP-Nonce header: it shows the proof was made after the server asked (S-55).',
  },
  'id-jag': {
    iss: "The company's identity provider that issued the grant.",
    sub: 'The user, as the MCP server knows her.',
    aud: 'The issuer of the one authorization server this grant is for; any other refuses it (A-54).',
    resource:
      'The MCP server the grant is for (RFC 9728 resource identifier); the token issued for it is for this resource only (A-56).',
    client_id:
      'The client this grant was issued to, by its client_id at the MCP authorization server; it must be the client that authenticates when presenting it (A-55).',
    scope: "The scopes the administrator's policy allowed; the token holds no more (A-56).",
    jti: 'Unique id of this grant. A server that remembers used ones (a MAY, A-52) accepts it once.',
    exp: 'The grant lives for minutes: it is traded for an access token at once.',
    email:
      "The user's email, which EXT-EMA suggests adding so a client can link an existing account to the enterprise sub (§4.3, implementation notes).",
  },
  'client-assertion': {
    iss: 'The client itself: iss and sub are its client_id (C-71).',
    sub: 'The client_id; the authorization server identifies the client by it, so no client_id parameter is sent.',
    aud: 'The authorization server this assertion is for (its issuer); another server must refuse it (A-51).',
    exp: 'A lifetime of a minute: a copy found later is refused (A-51).',
    jti: 'A unique id. Remembering used ones is a MAY (A-52); the short exp is what stops a copy where they are not.',
  },
  'id-token': {
    iss: 'The identity provider that signed the user in.',
    sub: 'The user, as the IdP knows her.',
    aud: 'The client the user signed in to: the IdP trades this ID token only with that client (I-02).',
    nonce:
      'The value the client sent with the sign-in request; the client checks it came back, so an ID token from another sign-in cannot be slipped in (C-73).',
    auth_time: 'When the user authenticated at the IdP.',
    email: "The user's email address, as the IdP has it.",
    name: "The user's display name, as the IdP has it.",
  },
};

/** What a claim (or a header field) means in a JWT of this kind. */
export function claimTexts(kind: TokenKind, part: 'header' | 'payload'): Record<string, string> {
  return part === 'header'
    ? { ...HEADER_TEXT, ...HEADER_BY_KIND[kind] }
    : { ...CLAIM_TEXT, ...CLAIMS_BY_KIND[kind] };
}

export const TIME_CLAIMS = new Set(['iat', 'exp', 'nbf', 'auth_time']);
