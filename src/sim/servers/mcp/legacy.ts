/**
 * Back-compat for MCP clients of revisions 2025-03-26, 2025-06-18 and 2025-11-25 (the official
 * TypeScript SDK 1.x among them): an `initialize` handshake that negotiates the version, an
 * `Mcp-Session-Id` session, no `Mcp-Method` headers. The 2026-07-28 transport lets a server keep
 * supporting older revisions; this file does that, and only that.
 *
 * Authorization is never weaker here: every request, `initialize` and notifications included,
 * goes through the same Bearer check as a 2026-07-28 request (`authorizeBearer`), with the same
 * named vulnerabilities. Sessions are bound to the token's user (S-20): a session id is a routing
 * hint, never proof of identity, so a stolen or guessed id with another user's token is answered
 * 404 (2025-11-25 transports.mdx §Session Management; docs/reference §5.14).
 */
import { readHeader } from '../../network/wire';
import type { World } from '../../world/world';
import { isRecord, readJson } from '../http';
import { authorizeBearer } from './bearer';
import { rpcFailure, rpcRefusal, rpcResult } from './jsonrpc';
import type { RpcId } from './jsonrpc';
import { TOOLS } from './tools';
import { isAtLeast, LATEST_REVISION } from '../../revisions/ids';
import { legacyVersionsOf } from '../../revisions/profile';

/**
 * Newest first: what `initialize` may settle on with a 2026-07-28 (dual-era) server. 2024-11-05 had
 * no authorization at all. A server of an earlier revision knows only its own and those before it.
 */
export const LEGACY_VERSIONS: readonly string[] = legacyVersionsOf(LATEST_REVISION);
/** The `_meta` key that carries a 2026-07-28 request's version (basic/index.mdx §_meta). */
const META_VERSION = 'io.modelcontextprotocol/protocolVersion';
/**
 * Is this a request of an older revision? Decided as the 2026-07-28 versioning page says a dual-era
 * server selects its behaviour (§Backward Compatibility with Initialization-Based Versions), from
 * the body and the version header, never from `Mcp-Method` alone (a dual-era client such as
 * mcp-remote mirrors `Mcp-Method: initialize` on its legacy handshake too):
 * - a body carrying the modern per-request `_meta` version is served by the 2026-07-28 handler, which
 *   then checks it against the headers (-32020 on a mismatch);
 * - an `initialize` request selects legacy semantics;
 * - so does an older revision in `MCP-Protocol-Version`, or an `Mcp-Session-Id` (2026-07-28 has none).
 * Everything else stays with the 2026-07-28 handler, whose behaviour is unchanged.
 */
export async function isLegacyRequest(request: Request, modernVersion: string): Promise<boolean> {
  let body: unknown = null;
  if (request.method === 'POST') {
    try {
      body = JSON.parse(await request.clone().text());
    } catch {
      body = null; // judged by the handler that takes it
    }
  }
  if (isRecord(body)) {
    const meta = isRecord(body.params) && isRecord(body.params._meta) ? body.params._meta : {};
    if (meta[META_VERSION] !== undefined) return false;
    if (body.method === 'initialize') return true;
  }
  const version = request.headers.get('mcp-protocol-version');
  if (version !== null && version !== modernVersion && LEGACY_VERSIONS.includes(version)) return true;
  return request.headers.has('mcp-session-id') && version !== modernVersion;
}

interface Message {
  id: RpcId;
  /** False for notifications and for responses to server requests: they get 202 and no body. */
  isRequest: boolean;
  method: string;
  params: Record<string, unknown>;
}

async function readMessage(
  world: World,
  request: Request,
): Promise<{ ok: true; message: Message } | { ok: false; response: Response }> {
  const rpcError = (status: number, id: RpcId, code: number, message: string) =>
    rpcRefusal(world, 'S-40', status, id, code, message);
  const body = await readJson(request);
  if (!body.ok) {
    const code = body.status === 415 ? -32600 : -32700;
    return { ok: false, response: rpcError(body.status ?? 400, null, code, body.description) };
  }
  const msg = body.value;
  if (Array.isArray(msg)) {
    // JSON-RPC batches existed only in 2025-03-26 and were removed in 2025-06-18.
    return { ok: false, response: rpcError(400, null, -32600, 'Invalid Request: batches are not supported') };
  }
  if (!isRecord(msg) || msg.jsonrpc !== '2.0') {
    return {
      ok: false,
      response: rpcError(400, null, -32600, 'Invalid Request: expected one JSON-RPC message'),
    };
  }
  const hasId = typeof msg.id === 'string' || typeof msg.id === 'number';
  const id: RpcId = hasId ? (msg.id as string | number) : null;
  if (typeof msg.method !== 'string') {
    // A response to a request of ours (we send none), still authorized below like any message.
    if (hasId && ('result' in msg || 'error' in msg))
      return { ok: true, message: { id, isRequest: false, method: '', params: {} } };
    return { ok: false, response: rpcError(400, id, -32600, 'Invalid Request: method is missing') };
  }
  if (msg.id !== undefined && !hasId)
    return { ok: false, response: rpcError(400, null, -32600, 'Invalid Request: bad id') };
  const params = msg.params === undefined ? {} : msg.params;
  if (!isRecord(params))
    return { ok: false, response: rpcError(400, id, -32602, 'params must be an object') };
  return { ok: true, message: { id, isRequest: hasId, method: msg.method, params } };
}

function negotiate(versions: readonly string[], requested: unknown): string {
  // Version negotiation (lifecycle §Initialization): echo a version we support, else offer our latest.
  return typeof requested === 'string' && versions.includes(requested) ? requested : (versions[0] ?? '');
}

export async function legacyMcpResponse(world: World, request: Request): Promise<Response> {
  const versions: readonly string[] = legacyVersionsOf(world.revision);
  const mcpOrigin = new URL(world.urls.mcp).origin;
  const origin = readHeader(request.headers, 'origin');
  // S-23: an Origin that is present and not our own is refused (DNS rebinding), as in index.ts.
  if (origin !== null && origin !== mcpOrigin)
    return rpcRefusal(world, 'S-23', 403, null, -32600, 'Forbidden origin');
  const sessionId = request.headers.get('mcp-session-id');

  // Authorization first, for every message (S-25): nothing below runs for an unauthenticated
  // caller, and a malformed body still gets the challenge. The method is read leniently only to
  // name the scope it needs.
  let peeked: unknown = null;
  try {
    peeked = JSON.parse(await request.clone().text());
  } catch {
    // Judged after authentication.
  }
  const method = isRecord(peeked) && typeof peeked.method === 'string' ? peeked.method : 'session';
  const auth = await authorizeBearer(world, request, method, isRecord(peeked) ? peeked.params : {});
  if (!auth.ok) return auth.response;

  if (request.method === 'GET') {
    // No server-initiated SSE stream: the transport allows 405 here.
    return new Response(null, { status: 405, headers: { Allow: 'POST, DELETE' } });
  }
  if (request.method === 'DELETE') {
    if (sessionId === null)
      return rpcRefusal(world, 'S-40', 400, null, -32600, 'Mcp-Session-Id is required to end a session');
    const session = world.mcp.sessions.get(sessionId);
    if (!session || session.sub !== auth.sub)
      return rpcRefusal(world, 'S-20', 404, null, -32001, 'Session not found');
    world.mcp.sessions.delete(sessionId);
    return new Response(null, { status: 204 });
  }
  if (request.method !== 'POST')
    return new Response(null, { status: 405, headers: { Allow: 'GET, POST, DELETE' } });

  const parsed = await readMessage(world, request);
  if (!parsed.ok) return parsed.response;
  const { message } = parsed;
  const headerVersion = request.headers.get('mcp-protocol-version');
  // 2025-06-18 transport §Protocol Version Header: an invalid or unsupported version is 400. Any
  // supported one is served, even if it is not the one negotiated (the client SHOULD send that one,
  // but a server rejects only what it cannot serve); a request without the header is taken to be at
  // the negotiated version. A server of 2025-03-26 knows no such header.
  if (
    headerVersion !== null &&
    isAtLeast(world.revision, '2025-06-18') &&
    !versions.includes(headerVersion)
  ) {
    return rpcRefusal(world, 'S-40', 400, message.id, -32602, 'Unsupported protocol version', {
      supported: versions,
      requested: headerVersion,
    });
  }

  if (message.method === 'initialize') {
    if (!message.isRequest)
      return rpcRefusal(world, 'S-40', 400, null, -32600, 'initialize must be a request');
    const version = negotiate(versions, message.params.protocolVersion);
    const sessions = world.mcp.sessions;
    const id = `sess_${world.rng('mcp-sessions').token(16)}`;
    // S-20: the session belongs to the user the token names; it is looked up as that user only.
    sessions.set(id, { sub: auth.sub, version });
    return rpcResult(
      message.id,
      {
        protocolVersion: version,
        capabilities: { tools: { listChanged: false } },
        serverInfo: { name: 'example-files-mcp-server', title: 'Example Files MCP Server', version: '1.0.0' },
        instructions: 'Files of the signed-in user. Protected by OAuth 2.1 (MCP authorization).',
      },
      { 'Mcp-Session-Id': id },
    );
  }

  // Every other message belongs to a session this user opened.
  if (sessionId === null)
    return rpcRefusal(world, 'S-40', 400, message.id, -32600, 'Mcp-Session-Id is required after initialize');
  const session = world.mcp.sessions.get(sessionId);
  if (!session || session.sub !== auth.sub) {
    // Unknown, ended, or another user's session: 404, and the client starts a new one (2025-11-25
    // transports.mdx §Session Management).
    return rpcRefusal(world, 'S-20', 404, message.id, -32001, 'Session not found');
  }
  if (!message.isRequest) return new Response(null, { status: 202 });

  switch (message.method) {
    case 'ping':
      return rpcResult(message.id, {});
    case 'tools/list':
      return rpcResult(message.id, {
        tools: TOOLS.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })),
      });
    case 'tools/call': {
      const tool = TOOLS.find((t) => t.name === message.params.name);
      if (!tool) return rpcFailure(200, message.id, -32602, `Unknown tool: ${String(message.params.name)}`);
      const args = isRecord(message.params.arguments) ? message.params.arguments : {};
      const out = await tool.run({ world, sub: auth.sub, token: auth.token }, args);
      world.mcp.calls.push({ sub: auth.sub, clientId: auth.clientId, tool: tool.name, viaToken: auth.jti });
      return rpcResult(message.id, {
        content: [{ type: 'text', text: out.text }],
        isError: out.isError ?? false,
      });
    }
    default:
      return rpcFailure(200, message.id, -32601, `Method not found: ${message.method}`);
  }
}
