/**
 * The MCP server: an OAuth resource server (it validates tokens, never issues them) speaking
 * Streamable HTTP as revision 2026-07-28 defines it: one POST per JSON-RPC request, request
 * metadata mirrored into headers, no sessions. Its protected resource metadata (RFC 9728) is at
 * the path-inserted well-known URL.
 */
import { http } from 'msw';
import { readHeader } from '../../network/wire';
import type { World } from '../../world/world';
import { prmUrlFor } from '../../world/urls';
import { isRecord, readJson } from '../http';
import { challengeResponse } from './challenge';
import { isLegacyRequest, legacyMcpResponse } from './legacy';
import { requiredScopes, TOOLS } from './tools';
import { validateAccessToken } from './validateToken';

export const PROTOCOL_VERSION = '2026-07-28';
const SUPPORTED_VERSIONS = [PROTOCOL_VERSION];

type Id = string | number | null;

function rpcError(status: number, id: Id, code: number, message: string, data?: unknown): Response {
  return Response.json(
    { jsonrpc: '2.0', id, error: { code, message, ...(data !== undefined ? { data } : {}) } },
    { status },
  );
}

function rpcResult(id: Id, result: unknown): Response {
  return Response.json({ jsonrpc: '2.0', id, result });
}

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
    resource_name: 'Example Files MCP Server',
  };
}

interface RpcRequest {
  id: string | number;
  method: string;
  params: Record<string, unknown>;
}

/** Parses and checks the JSON-RPC body and the mirrored headers (transport §Server Validation). */
async function readRpc(
  request: Request,
): Promise<{ ok: true; rpc: RpcRequest } | { ok: false; response: Response }> {
  const body = await readJson(request);
  if (!body.ok) {
    const code = body.status === 415 ? -32600 : -32700;
    return { ok: false, response: rpcError(body.status ?? 400, null, code, body.description) };
  }
  const msg = body.value;
  if (
    !isRecord(msg) ||
    msg.jsonrpc !== '2.0' ||
    typeof msg.method !== 'string' ||
    !(typeof msg.id === 'string' || typeof msg.id === 'number')
  ) {
    return {
      ok: false,
      response: rpcError(400, null, -32600, 'Invalid Request: expected one JSON-RPC request'),
    };
  }
  const params = msg.params === undefined ? {} : msg.params;
  if (!isRecord(params))
    return { ok: false, response: rpcError(400, msg.id, -32602, 'params must be an object') };
  const mismatch = (message: string) => ({
    ok: false as const,
    response: rpcError(400, msg.id as Id, -32020, `Header mismatch: ${message}`),
  });
  const version = request.headers.get('mcp-protocol-version');
  if (!version) return mismatch('MCP-Protocol-Version header is missing');
  const meta = isRecord(params._meta) ? params._meta : {};
  if (meta['io.modelcontextprotocol/protocolVersion'] !== version) {
    return mismatch('MCP-Protocol-Version does not match _meta io.modelcontextprotocol/protocolVersion');
  }
  if (!SUPPORTED_VERSIONS.includes(version)) {
    return {
      ok: false,
      response: rpcError(400, msg.id, -32602, 'Unsupported protocol version', {
        supported: SUPPORTED_VERSIONS,
        requested: version,
      }),
    };
  }
  if (request.headers.get('mcp-method') !== msg.method)
    return mismatch('Mcp-Method does not match the body method');
  const named =
    msg.method === 'tools/call' || msg.method === 'prompts/get'
      ? params.name
      : msg.method === 'resources/read'
        ? params.uri
        : undefined;
  if (named !== undefined && request.headers.get('mcp-name') !== named)
    return mismatch('Mcp-Name does not match the body');
  return { ok: true, rpc: { id: msg.id, method: msg.method, params } };
}

export function mcpServerHandlers(world: World) {
  const endpoint = world.urls.mcp;
  const mcpOrigin = new URL(endpoint).origin;
  return [
    http.get(prmUrlFor(endpoint), () => jsonDocument(protectedResourceMetadata(world))),
    http.all(endpoint, async ({ request }) => {
      // Like any web server, it logs the request line, query string included.
      world.mcp.accessLog.push(`${request.method} ${request.url}`);
      // Back-compat (issue 7): a request of revision 2025-03-26 to 2025-11-25 (initialize handshake,
      // Mcp-Session-Id, no Mcp-Method header) is answered by legacy.ts, with the same token checks.
      if (await isLegacyRequest(request, PROTOCOL_VERSION)) return legacyMcpResponse(world, request);
      if (request.method !== 'POST') {
        return new Response(null, { status: 405, headers: { Allow: 'POST' } });
      }
      const origin = readHeader(request.headers, 'origin');
      // S-23: an Origin that is present and not our own is refused (DNS rebinding).
      if (origin !== null && origin !== mcpOrigin) return rpcError(403, null, -32600, 'Forbidden origin');

      const parsed = await readRpc(request);
      if (!parsed.ok) return parsed.response;
      const { rpc } = parsed;
      const needed = requiredScopes(rpc.method, rpc.params);

      const queryToken = new URL(request.url).searchParams.get('access_token');
      const header = request.headers.get('authorization');
      if (queryToken !== null && (header !== null || !world.isVulnerable('mcp-accept-query-token'))) {
        // C-24 / RFC 6750 §2.3: tokens in URLs leak through logs and Referer; MCP forbids them.
        world.network.annotate({ rule: 'C-24', mark: 'blocked' });
        return challengeResponse(endpoint, {
          error: 'invalid_request',
          errorDescription: 'access tokens must be sent in the Authorization header, not the URL',
        });
      }
      let token = queryToken;
      if (header !== null) {
        const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(header);
        if (!/^Bearer\s/i.test(header)) return challengeResponse(endpoint, { scope: needed.join(' ') }); // other scheme
        if (!match?.[1])
          return challengeResponse(endpoint, {
            error: 'invalid_request',
            errorDescription: 'malformed Bearer credentials',
          });
        token = match[1];
      }
      if (token === null) {
        // S-02/S-03: the first 401 says where the metadata is and which scope this needs.
        world.network.annotate({ rule: 'S-02' });
        return challengeResponse(endpoint, { scope: needed.join(' ') });
      }
      const operation = rpc.method === 'tools/call' ? `tools/call ${String(rpc.params.name)}` : rpc.method;
      const validation = await validateAccessToken(world, token, needed, operation);
      if (!validation.ok) {
        world.network.annotate({
          rule: validation.error === 'insufficient_scope' ? 'S-12' : 'S-06',
          mark: 'blocked',
        });
        return challengeResponse(endpoint, {
          error: validation.error,
          errorDescription: validation.description,
          scope: validation.scope,
        });
      }
      const { claims } = validation;

      if (rpc.method === 'tools/list') {
        return rpcResult(rpc.id, {
          tools: TOOLS.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })),
        });
      }
      if (rpc.method === 'tools/call') {
        const tool = TOOLS.find((t) => t.name === rpc.params.name);
        if (!tool) return rpcError(200, rpc.id, -32602, `Unknown tool: ${String(rpc.params.name)}`);
        const args = isRecord(rpc.params.arguments) ? rpc.params.arguments : {};
        const out = await tool.run({ world, sub: claims.sub, token }, args);
        world.mcp.calls.push({
          sub: claims.sub,
          clientId: String(claims.client_id ?? ''),
          tool: tool.name,
          viaToken: String(claims.jti ?? ''),
        });
        return rpcResult(rpc.id, {
          content: [{ type: 'text', text: out.text }],
          isError: out.isError ?? false,
        });
      }
      return rpcError(404, rpc.id, -32601, `Method not found: ${rpc.method}`);
    }),
  ];
}

function jsonDocument(body: unknown): Response {
  return Response.json(body, { headers: { 'Cache-Control': 'max-age=3600' } });
}
