/**
 * Calling the MCP server over Streamable HTTP (2026-07-28): one POST per request, the request
 * metadata mirrored into headers, and the access token in the Authorization header of every
 * request, never in the URL (C-24).
 */
import { isRecord } from './json';
import type { ClientContext } from './session';
import type { CallResult } from './types';
import { parseBearerChallenge } from './wwwAuthenticate';

/** Reads a JSON-RPC response whether it came as JSON or as an SSE stream (the client MUST support both). */
async function readRpc(response: Response): Promise<unknown> {
  const text = await response.text();
  if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    const data = text
      .split('\n')
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).trim());
    return JSON.parse(data[data.length - 1] ?? 'null');
  }
  return JSON.parse(text);
}

export async function callMcp(
  ctx: ClientContext,
  method: string,
  params: Record<string, unknown> = {},
): Promise<CallResult> {
  const { config, session } = ctx;
  const token = session.tokens?.access_token;
  const id = session.nextRpcId++;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
    'MCP-Protocol-Version': config.protocolVersion,
    'Mcp-Method': method,
  };
  if (method === 'tools/call' && typeof params.name === 'string') headers['Mcp-Name'] = params.name;
  const url = new URL(config.serverUrl);
  if (token && config.checks.tokenInHeader) headers.Authorization = `Bearer ${token}`;
  else if (token) url.searchParams.set('access_token', token); // the vulnerable client (token-in-query attack)
  const body = {
    jsonrpc: '2.0',
    id,
    method,
    params: {
      ...params,
      _meta: {
        'io.modelcontextprotocol/protocolVersion': config.protocolVersion,
        'io.modelcontextprotocol/clientInfo': { name: config.clientName, version: '1.0.0' },
        'io.modelcontextprotocol/clientCapabilities': {},
      },
    },
  };
  const response = await ctx.deps.fetch(url.href, {
    method: 'POST',
    step: token ? 'mcp-request' : 'mcp-unauthenticated',
    headers,
    body: JSON.stringify(body),
  });
  const challenge = parseBearerChallenge(response.headers.get('www-authenticate'));
  if (response.status === 401) return { kind: 'unauthorized', challenge };
  if (response.status === 403 && challenge?.error === 'insufficient_scope')
    return { kind: 'insufficient-scope', challenge };
  let rpc: unknown;
  try {
    rpc = await readRpc(response);
  } catch {
    return { kind: 'error', status: response.status, message: 'The server did not return JSON' };
  }
  if (response.status === 200 && isRecord(rpc) && 'result' in rpc) return { kind: 'ok', result: rpc.result };
  const error =
    isRecord(rpc) && isRecord(rpc.error)
      ? String(rpc.error.message)
      : (challenge?.errorDescription ?? `HTTP ${response.status}`);
  return { kind: 'error', status: response.status, message: error };
}
