/**
 * What the client remembers between phases of one run: the metadata it trusted, the registration
 * it holds for each issuer (C-07, C-14), the pending authorization request, and its tokens.
 */
import type { ClientConfig, ClientCredentials, ClientDeps } from './types';
import type { BearerChallenge } from './wwwAuthenticate';

export interface ProtectedResource {
  resource: string;
  authorization_servers: string[];
  scopes_supported?: string[];
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
}

export interface ClientContext {
  deps: ClientDeps;
  config: ClientConfig;
  session: Session;
}

export function createSession(): Session {
  return { challenge: null, registrations: new Map(), requestedScopes: [], authorizations: 0, nextRpcId: 1 };
}
