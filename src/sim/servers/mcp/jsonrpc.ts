/**
 * The JSON-RPC 2.0 envelope the MCP server answers with, in both eras (one module, so the modern
 * handler and the legacy one cannot drift apart). A refused request names the rule of the check
 * that refused it.
 */
import type { RuleId } from '../../rules';
import type { World } from '../../world/world';
import { refuse } from '../http';

export type RpcId = string | number | null;

export function rpcResult(id: RpcId, result: unknown, headers: Record<string, string> = {}): Response {
  return Response.json({ jsonrpc: '2.0', id, result }, { headers });
}

/** A JSON-RPC error that is not a refusal (an unknown tool, say): the request was fine, the call failed. */
export function rpcFailure(status: number, id: RpcId, code: number, message: string): Response {
  return Response.json({ jsonrpc: '2.0', id, error: { code, message } }, { status });
}

/** A JSON-RPC error for a request the server refused, with the rule whose check failed. */
export function rpcRefusal(
  world: World,
  rule: RuleId,
  status: number,
  id: RpcId,
  code: number,
  message: string,
  data?: unknown,
): Response {
  return refuse(
    world,
    { rule, error: String(code), description: message },
    Response.json(
      { jsonrpc: '2.0', id, error: { code, message, ...(data !== undefined ? { data } : {}) } },
      { status },
    ),
  );
}
