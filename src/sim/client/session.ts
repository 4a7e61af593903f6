/**
 * What the client remembers between phases of one run: the metadata it trusted, the registration
 * it holds for each issuer (C-07, C-14), the pending authorization request, and its tokens.
 */
import type { Rng } from '../world/random';
import type { Revision } from '../revisions/ids';
import type { ClientConfig, ClientCredentials, ClientDeps } from './types';
import type { BearerChallenge } from './wwwAuthenticate';

export interface ProtectedResource {
  resource: string;
  authorization_servers: string[];
  scopes_supported?: string[];
}

/**
 * Which era the MCP server speaks (2026-07-28 basic/versioning.mdx §Terminology): learnt from its
 * answers and kept for the run, as the spec asks a client to cache it per origin.
 */
export type Era = 'unknown' | 'modern' | 'legacy';

/** A legacy (initialize-based) session: the negotiated revision and the server's session id, if any. */
export interface LegacySession {
  version: string;
  sessionId: string | undefined;
}

export interface AsMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  registration_endpoint?: string;
  scopes_supported?: string[];
  code_challenge_methods_supported?: string[];
  client_id_metadata_document_supported?: boolean;
  authorization_response_iss_parameter_supported?: boolean;
  token_endpoint_auth_methods_supported?: string[];
}

/** C-18: the verifier, state and expected issuer live together, for one authorization request. */
export interface PendingAuthorization {
  verifier: string | undefined;
  state: string;
  issuer: string;
  issSupported: boolean;
  scope: string | undefined;
  resource: string | undefined;
  redirectUri: string;
  url: string;
}

export interface Tokens {
  access_token: string;
  /** `Bearer`, or `DPoP` for a token bound to the client's DPoP key (RFC 9449 §5). */
  token_type?: string;
  refresh_token?: string;
  scope: string;
  expires_in?: number;
}

export interface Session {
  challenge: BearerChallenge | null;
  prm?: ProtectedResource;
  issuer?: string;
  metadata?: AsMetadata;
  registrations: Map<string, ClientCredentials>;
  pending?: PendingAuthorization | undefined;
  tokens?: Tokens | undefined;
  /** Scopes requested so far, for the union on step-up (C-16). */
  requestedScopes: string[];
  authorizations: number;
  nextRpcId: number;
  era: Era;
  /** The revisions an older server may be offered, newest first (narrowed by -32022's list). */
  legacyOffer: readonly string[];
  /** Set once `initialize` succeeded; cleared when the server forgets the session (404). */
  legacy?: LegacySession | undefined;
  /** The open GET stream of a legacy session, if the server offers one (listen.ts). */
  listening?: { stop(): void } | undefined;
  /** The enterprise IdP's endpoints, once discovered (EXT-EMA). */
  idp?: { authorization_endpoint: string; token_endpoint: string };
  /** The ID token of the user's single sign-on, kept to ask for ID-JAGs (EXT-EMA §3). */
  idToken?: string;
  /** The DPoP nonce each server supplied, by origin (RFC 9449 §8, §9). */
  dpopNonces: Map<string, string>;
  /** The client has said it made its DPoP key (recorded once). */
  dpopAnnounced: boolean;
  /**
   * The revision the authorization negotiated down to, when it is not the client's own: 2025-03-26
   * for a server with no protected resource metadata (C-60). Its rules apply from then on.
   */
  authRevision?: Revision;
}

export interface ClientContext {
  deps: ClientDeps;
  config: ClientConfig;
  session: Session;
  /** The client's randomness (seeded in the page, a CSPRNG on a real wire). */
  rng: Rng;
}

/**
 * A new session. A client of a revision before 2026-07-28 knows only the initialize transport, so
 * it starts in the legacy era; a modern or dual-era client learns the era from the server.
 */
export function createSession(legacyVersions: readonly string[] = [], era: Era = 'unknown'): Session {
  return {
    challenge: null,
    registrations: new Map(),
    requestedScopes: [],
    authorizations: 0,
    nextRpcId: 1,
    era,
    legacyOffer: legacyVersions,
    dpopNonces: new Map(),
    dpopAnnounced: false,
  };
}
