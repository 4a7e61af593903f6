/** What the MCP server remembers: the cached JWKS and each user's files. */
import type { Jwks } from '../../crypto/jwt';

export interface McpServerState {
  jwks: Jwks | null;
  /** Files per user (token `sub`). Tools read and write here; the attack lab checks whose data leaked. */
  files: Map<string, Map<string, string>>;
  /** Every tool call that ran, with the identity it ran as: the outcome of attacks is read from here. */
  calls: { sub: string; clientId: string; tool: string; viaToken: string }[];
}

export function createMcpState(): McpServerState {
  return {
    jwks: null,
    files: new Map([
      ['user-7f3a', new Map([['notes/plan.md', '# Q3 plan\n- ship the MCP integration\n- rotate the signing key']])],
      ['mcp-sim-reporting-bot', new Map([['reports/latest.csv', 'day,errors\nmon,0\ntue,2']])],
    ]),
    calls: [],
  };
}
