/** Everything the authorization server remembers. Plain data, so a world can be inspected and reset. */
import type { Jwks, SigningKey } from '../../crypto/jwt';
import type { RuleId } from '../../rules';

export type ClientSource = 'preregistered' | 'dcr' | 'cimd';

export interface RegisteredClient {
  client_id: string;
  client_secret?: string;
  client_name: string;
  redirect_uris: string[];
  grant_types: string[];
  token_endpoint_auth_method: 'none' | 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  /**
   * For `private_key_jwt`: where the client publishes its public keys. EXT-CC and SEP-1046 leave key
   * discovery open (SEP-1046 points to Client ID Metadata Documents' `jwks_uri`); here the
   * administrator registered it with the client.
   */
  jwks_uri?: string;
  application_type: 'native' | 'web';
  /** Scopes this client may ever be granted (for client_credentials). */
  scope?: string;
  /** Resources this client may get tokens for with client_credentials. */
  resources?: string[];
  /** Skip the consent page once the user approved this client (a "consent cookie"). */
  rememberConsent?: boolean;
  source: ClientSource;
  /** For a metadata document: until when the fetched copy may be reused (its Cache-Control). */
  cachedUntil?: number;
}

export interface AuthorizationRequest {
  client: RegisteredClient;
  redirect_uri: string;
  state: string | undefined;
  scope: string;
  resource: string | undefined;
  code_challenge: string | undefined;
  code_challenge_method: string | undefined;
}

export interface AuthCode {
  code: string;
  request: AuthorizationRequest;
  sub: string;
  expiresAt: number;
  /** Taken by a token request (set before that request awaits anything, so it is single-use under races). */
  redeemed: boolean;
  /** A valid replay was seen: every token from this code is revoked, now and when issued. */
  revoked: boolean;
  /** Tokens issued from this code, revoked if the code is replayed (OAuth 2.1 §4.1.3). */
  issued: { jti: string; family: string | undefined }[];
}

export interface RefreshToken {
  token: string;
  family: string;
  client_id: string;
  sub: string;
  scope: string;
  resource: string | undefined;
  /** False once rotated or revoked; presenting it again is reuse. */
  active: boolean;
  /** The DPoP key a public client's refresh token is bound to (RFC 9449 §5). */
  jkt?: string;
}

export interface ConsentTransaction {
  id: string;
  csrf: string;
  sub: string;
  request: AuthorizationRequest;
}

export interface AuthServerState {
  key: SigningKey;
  users: Map<string, { sub: string; name: string }>;
  /** Browser session cookie value -> user. The demo user is already signed in. */
  sessions: Map<string, string>;
  clients: Map<string, RegisteredClient>;
  transactions: Map<string, ConsentTransaction>;
  codes: Map<string, AuthCode>;
  refreshTokens: Map<string, RefreshToken>;
  /** Refresh token families revoked, with the rule under which (A-15 reuse, A-17 code replay). */
  revokedFamilies: Map<string, RuleId>;
  /** Access tokens revoked (by jti), with the rule; the introspection endpoint reports them inactive. */
  revokedJtis: Map<string, RuleId>;
  /** `<sub> <client_id>` pairs the user approved, for clients that remember consent. */
  rememberedConsents: Set<string>;
  /** A JWKS cache would be the MCP server's; this counts tokens issued, for tests and exports. */
  issued: number;
  /**
   * The `jti` of every client assertion and ID-JAG accepted, until its `exp` (A-52, RFC 7523 §3: a
   * MAY this server does). Bounded: a stranger can send many.
   */
  usedJtis: Map<string, number>;
  /** Client public keys fetched from their `jwks_uri`, by URI. */
  clientJwks: Map<string, Jwks>;
}

export const DEMO_USER = { sub: 'user-7f3a', name: 'Alex Rivera' };
export const DEMO_SESSION_COOKIE = 'as_session';
/** The attacker has an ordinary account at the same authorization server, like anyone could. */
export const ATTACKER_USER = { sub: 'user-mallory', name: 'Mallory' };

export const PREREGISTERED_CLIENT_ID = 'mcp-sim-desktop';
export const CONFIDENTIAL_CLIENT_ID = 'mcp-sim-reporting-bot';
/** A machine client that authenticates with a signed assertion instead of a secret (EXT-CC, RFC 7523 §2.2). */
export const MACHINE_JWT_CLIENT_ID = 'mcp-sim-nightly-signer';
/** The MCP server's own client at the authorization server, for calling the downstream API. */
export const MCP_BACKEND_CLIENT_ID = 'mcp-files-server';
