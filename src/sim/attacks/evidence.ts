/** Reading the outcome of an attack from what the servers really did. */
import type { Attacker, ToolCallResult } from './attacker';
import type { AttackFinding } from './types';
import { DEMO_USER, PREREGISTERED_CLIENT_ID } from '../servers/auth/state';
import { issueTokens } from '../servers/auth/tokens';
import type { TraceEvent } from '../trace/types';
import type { World } from '../world/world';

/** True when the last tool call the MCP server ran, ran as the victim and returned data. */
export function ranAsVictim(world: World, result: ToolCallResult): boolean {
  return result.status === 200 && !result.isError && world.mcp.calls.at(-1)?.sub === DEMO_USER.sub;
}

/** The JSON body of the first response of a step in a trace (what a leaked log or a thief would hold). */
export function responseBody(
  trace: readonly TraceEvent[],
  stepId: TraceEvent['stepId'],
): Record<string, unknown> {
  for (const e of trace) {
    if (e.kind === 'response' && e.stepId === stepId && e.response?.status === 200 && e.response.body) {
      try {
        const parsed: unknown = JSON.parse(e.response.body);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { ...parsed };
      } catch {
        return {};
      }
    }
  }
  return {};
}

export function requestForm(trace: readonly TraceEvent[], stepId: TraceEvent['stepId']): URLSearchParams {
  const e = trace.find((t) => t.kind === 'request' && t.stepId === stepId);
  return new URLSearchParams(e?.kind === 'request' ? (e.request.body ?? '') : '');
}

export function short(value: string, keep = 12): string {
  return value.length > keep * 2 ? `${value.slice(0, keep)}…${value.slice(-6)}` : value;
}

/**
 * The attacker's proof: she calls read_file on the honest MCP server with the token she holds. She
 * won only if the server really ran it as the victim; otherwise `lost` says what the server answered.
 */
export async function readVictimFile(
  world: World,
  attacker: Attacker,
  token: string | null,
  evidence: { won: string | ((call: ToolCallResult) => string); lost: (call: ToolCallResult) => string },
): Promise<AttackFinding> {
  const call = await attacker.callTool(token, 'read_file', { path: 'notes/plan.md' });
  return ranAsVictim(world, call)
    ? { attackerWon: true, evidence: typeof evidence.won === 'string' ? evidence.won : evidence.won(call) }
    : { attackerWon: false, evidence: evidence.lost(call) };
}

/**
 * A genuine access token the honest authorization server issued to the victim's own (pre-registered)
 * client for another resource, as it did when she used that resource: what a server that received
 * it holds. Minted by the authorization server's own code, so its claims are exactly what the AS
 * would put there (aud = the resource). Null if the world has no such client.
 */
export function tokenIssuedFor(world: World, resource: string, scope: string): string | null {
  const client = world.as.clients.get(PREREGISTERED_CLIENT_ID);
  if (!client) return null;
  return issueTokens(world, { client, sub: DEMO_USER.sub, scope, resource, withRefresh: false }).accessToken;
}
