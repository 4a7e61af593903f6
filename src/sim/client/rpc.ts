/**
 * JSON-RPC 2.0 messages as the client receives them from servers it does not control: read through
 * type guards, never trusted by shape. A server may answer, fail, ask the client something (a
 * request of its own, in the eras that allow it) or tell it something (a notification).
 */
import { isRecord } from './json';

export type RpcId = string | number;

export interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}

export type RpcMessage =
  | { kind: 'result'; id: RpcId | null; result: Record<string, unknown> }
  | { kind: 'error'; id: RpcId | null; error: RpcError }
  | { kind: 'request'; id: RpcId; method: string; params: Record<string, unknown> }
  | { kind: 'notification'; method: string; params: Record<string, unknown> };

/**
 * The error codes 2026-07-28 defines for its transport (schema.ts): a server that answers with one
 * of them speaks that revision, so a dual-era client corrects its request instead of falling back
 * (basic/transports/streamable-http.mdx §Backward Compatibility).
 */
export const HEADER_MISMATCH = -32020;
export const MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;
export const UNSUPPORTED_PROTOCOL_VERSION = -32022;
export const MODERN_ERRORS: readonly number[] = [
  HEADER_MISMATCH,
  MISSING_REQUIRED_CLIENT_CAPABILITY,
  UNSUPPORTED_PROTOCOL_VERSION,
];
export const METHOD_NOT_FOUND = -32601;

function rpcId(value: unknown): RpcId | null | undefined {
  if (typeof value === 'string' || typeof value === 'number') return value;
  return value === null ? null : undefined;
}

function rpcError(value: unknown): RpcError | undefined {
  if (!isRecord(value) || typeof value.code !== 'number') return undefined;
  return {
    code: value.code,
    message: typeof value.message === 'string' ? value.message : '',
    ...('data' in value ? { data: value.data } : {}),
  };
}

/** One JSON-RPC 2.0 message, or undefined for anything else (a batch, a missing version, junk). */
export function readMessage(value: unknown): RpcMessage | undefined {
  if (!isRecord(value) || value.jsonrpc !== '2.0') return undefined;
  const id = rpcId(value.id);
  const params = isRecord(value.params) ? value.params : {};
  if (typeof value.method === 'string') {
    if (id === undefined) return { kind: 'notification', method: value.method, params };
    return id === null ? undefined : { kind: 'request', id, method: value.method, params };
  }
  if (id === undefined) return undefined;
  if (isRecord(value.result)) return { kind: 'result', id, result: value.result };
  const error = rpcError(value.error);
  return error ? { kind: 'error', id, error } : undefined;
}

export function parseMessage(text: string): RpcMessage | undefined {
  try {
    return readMessage(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** The `supported` list of an UnsupportedProtocolVersionError (versioning.mdx §Protocol Version Negotiation). */
export function supportedVersions(error: RpcError): string[] {
  const data = error.data;
  if (!isRecord(data) || !Array.isArray(data.supported)) return [];
  return data.supported.filter((v): v is string => typeof v === 'string');
}
