/**
 * The MCP client's contract with the world around it. It takes a `fetch`, a way to record its own
 * work, and a way to send the user to a URL, so the same code runs in the simulated world, in the
 * browser, and against real servers from the command line (real-wire mode).
 */
import type { SimFetch } from '../network/network';
import type { Lane } from '../lanes';
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

export interface ClientDeps {
  fetch: SimFetch;
  note(note: ClientNote): Promise<void>;
  /** Sends the user's browser to `url` and resolves with what reached the redirect URI, if anything. */
  openBrowser(url: string): Promise<BrowserResult>;
  /** Moves the clock (the simulated one; a no-op against real servers). */
  wait?(seconds: number): Promise<void>;
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
};

export interface ClientCredentials {
  client_id: string;
  client_secret?: string;
}

export interface ClientConfig {
  serverUrl: string;
  redirectUri: string;
  clientName: string;
  /** Set when the client publishes a Client ID Metadata Document at this HTTPS URL. */
  cimdUrl?: string;
  /** Credentials an administrator registered in advance, keyed by issuer (C-14). */
  preregistered: Record<string, ClientCredentials>;
  grant: 'authorization_code' | 'client_credentials';
  checks: ClientChecks;
  /** C-17: how many authorizations one operation may trigger before the client gives up. */
  maxAuthorizations: number;
  protocolVersion: string;
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
