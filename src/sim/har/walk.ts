/**
 * The walk through a recording, message by message: what it has learnt so far (flow.ts), what the
 * documents said about the parties (roles.ts), and the helpers each kind of message shares. The
 * handlers live by phase: onDiscovery.ts, onAuthorization.ts, onToken.ts.
 */
import { isRecord } from '../client/json';
import type { Check, RequestEvent, ResponseEvent } from '../trace/types';
import { headerValue } from '../trace/types';
import type { FlowState, SeenAuthorization, SeenMetadata } from './flow';
import type { HarExchange } from './parse';
import { endpointOf } from './roles';
import type { Parties } from './roles';
import { wentOnChecks } from './wentOn';

export interface Walk {
  flow: FlowState;
  parties: Parties;
  /** Authorization headers and cookies were removed by the exporter. */
  sanitized: boolean;
  /** The MCP server is plain http on loopback: so may its authorization server be (C-32, C-51). */
  allowLoopbackHttp: boolean;
  /** Protected resource metadata was found at a well-known URL somewhere in the recording (S-02). */
  metadataAtWellKnown: boolean;
  messages: Message[];
}

export interface Message {
  request: RequestEvent;
  response: ResponseEvent;
  requestChecks: Check[];
  responseChecks: Check[];
}

export function jsonObject(text: string | null): Record<string, unknown> | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function rpcMethod(e: HarExchange): string {
  const body = jsonObject(e.requestBody);
  return typeof body?.method === 'string' ? body.method : (headerValue(e.requestHeaders, 'mcp-method') ?? '');
}

export function locationOf(e: HarExchange): URL | null {
  const location = headerValue(e.responseHeaders, 'location');
  if (!location || e.status < 300 || e.status >= 400) return null;
  try {
    return new URL(location, e.url);
  } catch {
    return null;
  }
}

/** The latest authorization request that named this redirect URI. */
export function authorizationFor(flow: FlowState, redirect: string): SeenAuthorization | undefined {
  return flow.authorizations.findLast((a) => endpointOf(a.params.get('redirect_uri') ?? '') === redirect);
}

export function metadataFor(flow: FlowState, url: string): SeenMetadata | undefined {
  const endpoint = endpointOf(url);
  return [...flow.metadata.values()].find((m) => m.endpoints.has(endpoint));
}

export const PRM_KEY = 'prm';
export const metadataKey = (issuer: string) => `metadata ${issuer}`;

/** Went-on checks for a request that uses what failed (the failures under `key`), taken once. */
export function takePending(flow: FlowState, using: string, key: string): Check[] {
  const matched = flow.pending.filter((p) => p.key === key);
  flow.pending = flow.pending.filter((p) => p.key !== key);
  return matched.flatMap((p) => wentOnChecks(p, using));
}

/** Records what a document failed, replacing what an earlier copy of it failed. */
export function setPending(flow: FlowState, key: string, failures: Check[], seq: number, what: string): void {
  flow.pending = flow.pending.filter((p) => p.key !== key);
  if (failures.length > 0) flow.pending.push({ key, checks: failures, seq, what });
}

/** Went-on checks for a request to an authorization server: its metadata's failures, and the PRM's. */
export function usingMetadata(walk: Walk, url: string, using: string): Check[] {
  const metadata = metadataFor(walk.flow, url);
  const prm = takePending(walk.flow, using, PRM_KEY);
  const own = metadata ? takePending(walk.flow, using, metadataKey(metadata.issuer)) : [];
  return [...prm, ...own];
}
