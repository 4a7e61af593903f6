/**
 * What the recording has shown so far, as the walk through it goes: the metadata each party
 * published, what the client registered and asked for, which codes and refresh tokens were
 * redeemed, and which checks failed that the client should have stopped at. Each later check reads
 * its expectations from here, so an expectation always comes from an earlier message.
 */
import type { Check } from '../trace/types';

export interface SeenPrm {
  seq: number;
  resource: string | undefined;
  scopes: string[] | undefined;
  /** Checks of this document that failed: the client must not go on with it. */
  failures: Check[];
}

export interface SeenMetadata {
  seq: number;
  /** The issuer the metadata URL was built from. */
  issuer: string;
  issAdvertised: boolean;
  scopes: string[] | undefined;
  /** Endpoints the document lists (no query), to attribute later requests to this server. */
  endpoints: Set<string>;
  failures: Check[];
}

export interface SeenRegistration {
  seq: number;
  redirectUris: string[];
  /** token_endpoint_auth_method "none": a public client. */
  public: boolean;
}

export interface SeenAuthorization {
  seq: number;
  params: URLSearchParams;
  /** The metadata whose authorization endpoint this was, when seen. */
  metadata: SeenMetadata | undefined;
}

export interface SeenCode {
  authorization: SeenAuthorization | undefined;
  /** The client's checks on the callback that failed: it must not redeem this code. */
  failures: Check[];
  callbackSeq: number;
  redeemed?: { seq: number; ok: boolean };
}

export interface PendingFailure {
  /** What failed, to match the request that uses it: 'prm', or 'metadata <issuer>'. */
  key: string;
  checks: Check[];
  /** The message that failed them. */
  seq: number;
  /** The same, in words: "The protected resource metadata". */
  what: string;
}

export interface FlowState {
  prm: SeenPrm | undefined;
  metadata: Map<string, SeenMetadata>;
  registrations: Map<string, SeenRegistration>;
  authorizations: SeenAuthorization[];
  codes: Map<string, SeenCode>;
  refreshTokens: Map<string, { seq: number; ok: boolean }>;
  /** The scope of the MCP server's latest challenge (401 or 403). */
  challengedScope: string | undefined;
  /** Scopes asked for so far, for the union a step-up may ask for (C-16). */
  requestedScopes: Set<string>;
  /** The MCP server's latest answer was 403 insufficient_scope, and no authorization request followed. */
  scopeRefused: boolean;
  /** The client holds an access token (one was issued in this recording). */
  holdsToken: boolean;
  /** JSON-RPC methods the MCP server refused without credentials (401). */
  protectedMethods: Set<string>;
  /** A failed check the client went on from, until a later request shows whether it stopped. */
  pending: PendingFailure[];
}

export function emptyFlow(): FlowState {
  return {
    prm: undefined,
    metadata: new Map(),
    registrations: new Map(),
    authorizations: [],
    codes: new Map(),
    refreshTokens: new Map(),
    challengedScope: undefined,
    requestedScopes: new Set(),
    scopeRefused: false,
    holdsToken: false,
    protectedMethods: new Set(),
    pending: [],
  };
}
