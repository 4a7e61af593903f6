/**
 * The MCP server: an OAuth resource server (it validates tokens; the authorization server that
 * issues them is a separate role, here on its own host) speaking Streamable HTTP as revision
 * 2026-07-28 defines it: one POST per JSON-RPC request, request
 * metadata mirrored into headers, no sessions. Its protected resource metadata (RFC 9728) is at
 * the path-inserted well-known URL.
 */
import { http } from 'msw';
import { readHeader } from '../../network/wire';
import type { World } from '../../world/world';
import { isRecord, readJson } from '../http';
import { authorizeBearer } from './bearer';
import { metadataLocation } from './challenge';
import { rpcFailure, rpcRefusal, rpcResult } from './jsonrpc';
import { isLegacyRequest, LEGACY_VERSIONS, legacyMcpResponse } from './legacy';
import { TOOLS } from './tools';
import { transportOf } from '../../revisions/profile';

import { PROTOCOL_VERSION } from '../../mcp/request';
import { EXTENSION_CLIENT_CREDENTIALS, EXTENSION_ENTERPRISE } from '../../oauth/urns';

export { PROTOCOL_VERSION };
const SUPPORTED_VERSIONS = [PROTOCOL_VERSION];

export function protectedResourceMetadata(world: World): Record<string, unknown> {
  const broad = world.isVulnerable('mcp-broad-scopes');
  return {
    resource: world.urls.mcp,
    authorization_servers: [world.urls.issuer],
    // S-22: offline_access never appears here; S-04: a small, consistent set.
    scopes_supported: broad
      ? ['files:read', 'files:write', 'files', 'admin:*']
      : ['files:read', 'files:write'],
    bearer_methods_supported: ['header'],
    // RFC 9728 §2 and RFC 9449: DPoP-bound tokens are accepted (with their proof), not required.
    dpop_signing_alg_values_supported: ['ES256'],
    dpop_bound_access_tokens_required: false,
    resource_name: 'Example Files MCP Server',
  };
}

interface RpcRequest {
  id: string | number;
  method: string;
  params: Record<string, unknown>;
}

/**
 * The method and params, read leniently, only so that a challenge can name the scope the operation
 * needs: authentication comes before the body is judged (S-25), so a malformed body still gets 401.
 */
async function peekRpc(request: Request): Promise<{ method: string; params: unknown }> {
  try {
    const body: unknown = JSON.parse(await request.clone().text());
    if (isRecord(body) && typeof body.method === 'string')
      return { method: body.method, params: body.params };
  } catch {
    // Judged properly after authentication.
  }
  return { method: request.headers.get('mcp-method') ?? '', params: {} };
}

/** Parses and checks the JSON-RPC body and the mirrored headers (S-26; transport §Server Validation). */
async function readRpc(
  world: World,
  request: Request,
): Promise<{ ok: true; rpc: RpcRequest } | { ok: false; response: Response }> {
  const refusal = (
    status: number,
    id: string | number | null,
    code: number,
    message: string,
    data?: unknown,
  ) => ({
    ok: false as const,
    response: rpcRefusal(world, 'S-26', status, id, code, message, data),
  });
  const body = await readJson(request);
  if (!body.ok)
    return refusal(body.status ?? 400, null, body.status === 415 ? -32600 : -32700, body.description);
  const msg = body.value;
  if (
    !isRecord(msg) ||
    msg.jsonrpc !== '2.0' ||
    typeof msg.method !== 'string' ||
    !(typeof msg.id === 'string' || typeof msg.id === 'number')
  ) {
    return refusal(400, null, -32600, 'Invalid Request: expected one JSON-RPC request');
  }
  const { id, method } = msg;
  const params = msg.params === undefined ? {} : msg.params;
  if (!isRecord(params)) return refusal(400, id, -32602, 'params must be an object');
  const mismatch = (message: string) => refusal(400, id, -32020, `Header mismatch: ${message}`);
  const version = request.headers.get('mcp-protocol-version');
  if (!version) return mismatch('MCP-Protocol-Version header is missing');
  const meta = isRecord(params._meta) ? params._meta : {};
  if (meta['io.modelcontextprotocol/protocolVersion'] !== version) {
    return mismatch('MCP-Protocol-Version does not match _meta io.modelcontextprotocol/protocolVersion');
  }
  // versioning.mdx §Protocol Version Negotiation: UnsupportedProtocolVersionError, -32022, with the list.
  if (!SUPPORTED_VERSIONS.includes(version)) {
    return refusal(400, id, -32022, 'Unsupported protocol version', {
      supported: SUPPORTED_VERSIONS,
      requested: version,
    });
  }
  if (request.headers.get('mcp-method') !== method)
    return mismatch('Mcp-Method does not match the body method');
  const named =
    method === 'tools/call' || method === 'prompts/get'
      ? params.name
      : method === 'resources/read'
        ? params.uri
        : undefined;
  if (named !== undefined && request.headers.get('mcp-name') !== named)
    return mismatch('Mcp-Name does not match the body');
  return { ok: true, rpc: { id, method, params } };
}

/**
 * server/discover (server/discover.mdx): every 2026-07-28 server MUST implement it. Every result of
 * this revision carries `resultType` (schema.ts `Result`: "Servers implementing this protocol
 * version MUST include this field"); its absence tells a dual-era client it met an older server.
 */
function discoverResult(): Record<string, unknown> {
  return {
    resultType: 'complete',
    supportedVersions: SUPPORTED_VERSIONS,
    // S-50: the authorization extensions this server accepts tokens from (EXT-CC, EXT-EMA guides).
    capabilities: {
      tools: { listChanged: false },
      extensions: { [EXTENSION_CLIENT_CREDENTIALS]: {}, [EXTENSION_ENTERPRISE]: {} },
    },
    _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'example-files-mcp-server', version: '1.0.0' } },
    instructions: `Files of the signed-in user. Protected by OAuth 2.1 (MCP authorization). Clients of ${LEGACY_VERSIONS.join(', ')} may initialize a session instead.`,
  };
}

export function mcpServerHandlers(world: World) {
  const endpoint = world.urls.mcp;
  const mcpOrigin = new URL(endpoint).origin;
  const prm = metadataLocation(world);
  return [
    // S-01 (from 2025-06-18): protected resource metadata, where metadataLocation says. A server of
    // 2025-03-26 has none: its clients find the authorization server at its origin (A-40, C-60).
    ...(prm.published ? [http.get(prm.url, () => jsonDocument(protectedResourceMetadata(world)))] : []),
    http.all(endpoint, async ({ request }) => {
      // Like any web server, it logs the request line, query string included.
      world.mcp.accessLog.push(`${request.method} ${request.url}`);
      // A server of 2025-03-26 to 2025-11-25 speaks only the initialize and session transport
      // (S-40); a 2026-07-28 server also serves those clients (versioning.mdx §Backward
      // Compatibility): legacy.ts, with the same Bearer check.
      if (transportOf(world.revision) === 'sessions' || (await isLegacyRequest(request, PROTOCOL_VERSION)))
        return legacyMcpResponse(world, request);
      const origin = readHeader(request.headers, 'origin');
      // S-23: an Origin that is present and not our own is refused (DNS rebinding).
      if (origin !== null && origin !== mcpOrigin)
        return rpcRefusal(world, 'S-23', 403, null, -32600, 'Forbidden origin');

      const peek = await peekRpc(request);
      const auth = await authorizeBearer(world, request, peek.method, peek.params);
      if (!auth.ok) return auth.response;
      if (request.method !== 'POST') {
        return rpcRefusal(world, 'S-26', 405, null, -32600, 'Only POST carries requests to this endpoint');
      }
      const parsed = await readRpc(world, request);
      if (!parsed.ok) return parsed.response;
      const { rpc } = parsed;

      if (rpc.method === 'server/discover') return rpcResult(rpc.id, discoverResult());
      if (rpc.method === 'tools/list') {
        return rpcResult(rpc.id, {
          resultType: 'complete',
          tools: TOOLS.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })),
        });
      }
      if (rpc.method === 'tools/call') {
        const tool = TOOLS.find((t) => t.name === rpc.params.name);
        if (!tool) return rpcFailure(200, rpc.id, -32602, `Unknown tool: ${String(rpc.params.name)}`);
        const args = isRecord(rpc.params.arguments) ? rpc.params.arguments : {};
        const out = await tool.run({ world, sub: auth.sub, token: auth.token }, args);
        world.mcp.calls.push({ sub: auth.sub, clientId: auth.clientId, tool: tool.name, viaToken: auth.jti });
        return rpcResult(rpc.id, {
          resultType: 'complete',
          content: [{ type: 'text', text: out.text }],
          isError: out.isError ?? false,
        });
      }
      // Streamable HTTP §Protocol Version Header: an unknown method is 404 with -32601.
      return rpcFailure(404, rpc.id, -32601, `Method not found: ${rpc.method}`);
    }),
  ];
}

function jsonDocument(body: unknown): Response {
  return Response.json(body, { headers: { 'Cache-Control': 'max-age=3600' } });
}
