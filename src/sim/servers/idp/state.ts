/**
 * What the enterprise identity provider remembers (enterprise-managed authorization, EXT-EMA): its
 * signing key, the company's users and their groups, the apps the company registered for single
 * sign-on, the codes it issued, and the administrator's policy: which group may use which app
 * with which MCP server (audience = its authorization server, resource = the server) and scopes.
 */
import type { SigningKey } from '../../crypto/jwt';

export interface IdpUser {
  /** EXT-EMA §4.3: the user's subject identifier at the MCP server (here the same account). */
  sub: string;
  name: string;
  email: string;
  groups: string[];
}

export interface IdpApp {
  client_id: string;
  client_name: string;
  redirect_uris: string[];
  /**
   * EXT-EMA §6.1: the IdP must know the client_id the app uses at each MCP authorization server,
   * a mapping the administrator sets up outside the protocol. Keyed by that server's issuer.
   */
  clientIdAt: Record<string, string>;
}

/** One line of the administrator's policy (EXT-EMA §4.1, §6.2; I-03). */
export interface PolicyRule {
  app: string;
  group: string;
  /** The MCP authorization server (the token exchange's audience). */
  audience: string;
  /** The MCP server (the token exchange's resource). */
  resource: string;
  /** The most this group may get there. */
  scopes: string[];
  /** What the admin console calls it. */
  label: string;
}

export interface IdpCode {
  client_id: string;
  redirect_uri: string;
  sub: string;
  nonce: string | undefined;
  code_challenge: string;
  expiresAt: number;
  used: boolean;
}

export interface IdpState {
  key: SigningKey;
  users: Map<string, IdpUser>;
  /** Browser session cookie value -> user: the demo user signed in to her company account this morning. */
  sessions: Map<string, string>;
  apps: Map<string, IdpApp>;
  policy: PolicyRule[];
  codes: Map<string, IdpCode>;
}

export const IDP_SESSION_COOKIE = 'idp_session';
/** The MCP client as the company registered it at its IdP for single sign-on (a native app: no secret). */
export const IDP_CLIENT_ID = 'acme-mcp-desktop';
export const ENTERPRISE_USER: IdpUser = {
  sub: 'user-7f3a',
  name: 'Alex Rivera',
  email: 'alex.rivera@acme.example',
  groups: ['engineering'],
};
/** ID-JAG lifetime, seconds: EXT-EMA's example says minutes, and the spec's example response 300. */
export const ID_JAG_LIFETIME = 300;
/** ID token lifetime, seconds. */
export const ID_TOKEN_LIFETIME = 3600;
