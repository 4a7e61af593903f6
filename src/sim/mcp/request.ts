/**
 * An MCP request as Streamable HTTP 2026-07-28 carries it: one JSON-RPC request whose `_meta` names
 * the protocol version (and the client's identity and capabilities), with the request metadata
 * mirrored into headers (`MCP-Protocol-Version`, `Mcp-Method`, `Mcp-Name` for the methods that
 * name something). One builder for everyone who sends one: the client, the attacker, the tests, the
 * benchmark (transports/streamable-http.mdx §Request Metadata).
 */
export const PROTOCOL_VERSION = '2026-07-28';

export interface McpRequestInit {
  method: string;
  params?: Record<string, unknown>;
  id?: string | number;
  protocolVersion?: string;
  /** The client's name and version, for `_meta` (servers may show it; they must not trust it). */
  clientInfo?: { name: string; version: string };
  /** An access token for the Authorization header (C-24: never in the URL). */
  token?: string | null | undefined;
  /** Authorization extensions the client declares in its capabilities (C-72). */
  extensions?: readonly string[] | undefined;
}

/** The method's name-bearing parameter, mirrored into `Mcp-Name`. */
function nameOf(method: string, params: Record<string, unknown>): unknown {
  if (method === 'tools/call' || method === 'prompts/get') return params.name;
  if (method === 'resources/read') return params.uri;
  return undefined;
}

export function mcpRequest(init: McpRequestInit): { headers: Record<string, string>; body: string } {
  const version = init.protocolVersion ?? PROTOCOL_VERSION;
  const params = init.params ?? {};
  const name = nameOf(init.method, params);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
    'MCP-Protocol-Version': version,
    'Mcp-Method': init.method,
    ...(typeof name === 'string' ? { 'Mcp-Name': name } : {}),
    ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
  };
  const body = {
    jsonrpc: '2.0',
    id: init.id ?? 1,
    method: init.method,
    params: {
      ...params,
      _meta: {
        'io.modelcontextprotocol/protocolVersion': version,
        ...(init.clientInfo
          ? {
              'io.modelcontextprotocol/clientInfo': init.clientInfo,
              'io.modelcontextprotocol/clientCapabilities':
                init.extensions && init.extensions.length > 0
                  ? { extensions: Object.fromEntries(init.extensions.map((id) => [id, {}])) }
                  : {},
            }
          : {}),
      },
    },
  };
  return { headers, body: JSON.stringify(body) };
}
