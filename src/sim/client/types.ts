/**
 * The MCP client's contract with the world around it. It takes a `fetch`, a way to record its own
 * work, and a way to send the user to a URL, so the same code runs in the simulated world, in the
 * browser, and against real servers from the command line (real-wire mode).
 */
import type { SigningKey } from '../crypto/jwt';
import type { SimFetch } from '../network/network';
import type { Lane } from '../lanes';
import type { Revision } from '../revisions/ids';
import type { RuleId } from '../rules';
import type { StepId } from '../steps';
import type { Detail } from '../trace/types';
import type { BearerChallenge } from './wwwAuthenticate';

export interface ClientNote {
  kind: 'internal' | 'handoff';
  stepId: StepId;
  to?: Lane;
  title: string;
  detail: Detail;
  outcome?: 'ok' | 'refused';
  rule?: RuleId;
}

export type BrowserResult = { kind: 'callback'; url: URL } | { kind: 'no-callback'; reason: string };

/** What a server asks the user for (2025-11-25 client/elicitation.mdx, form mode). */
export interface ElicitationRequest {
  message: string;
  /** A flat object schema: each property a primitive, an enum, or an array of enum values. */
  requestedSchema: Record<string, unknown>;
}

/** The user's answer: `content` only with `accept`. */
export type ElicitationAnswer =
  { action: 'accept'; content: Record<string, unknown> } | { action: 'decline' | 'cancel' };

export interface ClientDeps {
  fetch: SimFetch;
  note(note: ClientNote): Promise<void>;
  /** Sends the user's browser to `url` and resolves with what reached the redirect URI, if anything. */
  openBrowser(url: string): Promise<BrowserResult>;
  /** Moves the clock (the simulated one; a no-op against real servers). */
  wait?(seconds: number): Promise<void>;
  /**
   * Shows the user a server's form and returns the answer. Without it the client declares no
   * elicitation capability and answers such requests with "method not found".
   */
  elicit?(request: ElicitationRequest): Promise<ElicitationAnswer>;
  /** Real milliseconds, for an SSE `retry` (default: a timer). Never reached in the page. */
  sleep?(ms: number): Promise<void>;
  /** A line about the transport that is no step of the flow (era fallback, a stream resumed). */
  log?(line: string): void;
  /** Seconds since the epoch, for the iat and exp of what the client signs (the world's clock in the page). */
  now?(): number;
}

/** Which client-side rules are enforced: all of them, unless an attack switches one off. */
export interface ClientChecks {
  pkce: boolean;
  s256Support: boolean;
  state: boolean;
  iss: boolean;
  resource: boolean;
  prmResource: boolean;
  metadataIssuer: boolean;
  tokenInHeader: boolean;
  leastPrivilege: boolean;
  /** Bind tokens to a key with DPoP when configured with one (C-76). */
  dpop: boolean;
  /** C-17: insufficient_scope is answered with a new authorization (a refresh cannot widen scope). */
  stepUp: boolean;
}

export const ALL_CHECKS: ClientChecks = {
  pkce: true,
  s256Support: true,
  state: true,
  iss: true,
  resource: true,
  prmResource: true,
  metadataIssuer: true,
  tokenInHeader: true,
  leastPrivilege: true,
  dpop: true,
  stepUp: true,
};

/**
 * How a client proves who it is at the token endpoint (RFC 7591 §2, OAuth 2.1 §2.4.1), or with a
 * signed assertion (`private_key_jwt`, RFC 7523 §2.2; EXT-CC's RECOMMENDED method).
 */
export type TokenEndpointAuthMethod =
  'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'none';

export interface ClientCredentials {
  client_id: string;
  client_secret?: string;
  /** For `private_key_jwt`: the client's own private key (it never leaves the client, C-71). */
  private_key?: SigningKey;
  /** The method the registration settled on (RFC 7591 §3.2.1), when the client knows it. */
  token_endpoint_auth_method?: string;
}

/** The organisation's configuration of its identity provider (EXT-EMA guide: set by administrators). */
export interface EnterpriseConfig {
  idpIssuer: string;
  /** This client's client_id at the IdP, for single sign-on. */
  idpClientId: string;
  /** An ID token already held (the sign-in happened elsewhere): no browser is opened. */
  idToken?: string;
  /** The IdP's token endpoint, when configured rather than discovered. */
  idpTokenEndpoint?: string;
}

export type Grant = 'authorization_code' | 'client_credentials' | 'enterprise';

export interface ClientConfig {
  serverUrl: string;
  redirectUri: string;
  clientName: string;
  /** Set when the client publishes a Client ID Metadata Document at this HTTPS URL. */
  cimdUrl?: string;
  /** Credentials an administrator registered in advance, keyed by issuer (C-14). */
  preregistered: Record<string, ClientCredentials>;
  grant: Grant;
  /** For the enterprise grant: the IdP the user signs in with. */
  enterprise?: EnterpriseConfig;
  /** DPoP (RFC 9449, on the MCP roadmap): the client's key pair, to bind its tokens to. */
  dpop?: { key: SigningKey };
  checks: ClientChecks;
  /** C-17: how many authorizations one operation may trigger before the client gives up. */
  maxAuthorizations: number;
  protocolVersion: string;
  /**
   * Earlier, initialize-based revisions this client also speaks, newest first (a "dual-era"
   * client, 2026-07-28 basic/versioning.mdx §Backward Compatibility). Empty or absent: modern
   * only, and an older server's answer is an error.
   */
  legacyVersions?: readonly string[];
  /**
   * Authorization extensions this client uses, declared in every request's client capabilities
   * (C-72: `io.modelcontextprotocol/oauth-client-credentials`, `.../enterprise-managed-authorization`).
   */
  extensions?: readonly string[];
  /**
   * The revision whose rules the client follows (default: the latest). With `legacyVersions` that
   * include 2025-03-26, a client that finds no protected resource metadata negotiates down to
   * 2025-03-26 discovery (C-60) and follows that revision's rules from then on.
   */
  revision?: Revision;
  /**
   * Open the GET stream of a legacy session (2025-11-25 transports.mdx §Listening: a MAY). The
   * simulator leaves it closed: its server has none to offer (405) and the page shows no stream.
   */
  listen?: boolean;
  /**
   * Accept http for authorization server endpoints on a loopback host. OAuth 2.1 §1.5 asks for https
   * everywhere but loopback redirect URIs; this is only for a real-wire world on this machine.
   */
  allowLoopbackHttp: boolean;
}

/** A rule the client enforced by stopping. Carries the rule so the UI and CLI can name it. */
export class ClientRefusal extends Error {
  constructor(
    readonly rule: RuleId,
    message: string,
  ) {
    super(message);
    this.name = 'ClientRefusal';
  }
}

export type CallResult =
  | { kind: 'ok'; result: unknown }
  | { kind: 'unauthorized'; challenge: BearerChallenge | null }
  | { kind: 'insufficient-scope'; challenge: BearerChallenge }
  | { kind: 'error'; status: number; message: string };

export type Operation =
  { kind: 'call'; method: string; params?: Record<string, unknown> } | { kind: 'wait'; seconds: number };
