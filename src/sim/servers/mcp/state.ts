/** What the MCP server remembers: the cached JWKS and each user's files. */
import type { Jwks } from '../../crypto/jwt';

export interface McpServerState {
  jwks: Jwks | null;
  /** Files per user (token `sub`). Tools read and write here; the attack lab checks whose data leaked. */
  files: Map<string, Map<string, string>>;
  /** Every tool call that ran, with the identity it ran as: the outcome of attacks is read from here. */
  calls: { sub: string; clientId: string; tool: string; viaToken: string }[];
  /** The server's access log: every request line as received, query string included (RFC 6750 §2.3's worry). */
  accessLog: string[];
  /** Conversation state behind opaque handles (S-19): key is `<sub>:<handle>`, or the bare handle when unbound. */
  carts: Map<string, { owner: string; items: string[] }>;
  /** The server's own token for the downstream API, from its own client credentials grant (S-09). */
  downstreamToken: string | null;
}

export function createMcpState(): McpServerState {
  return {
    jwks: null,
    files: new Map([
      [
        'user-7f3a',
        new Map([['notes/plan.md', '# Q3 plan\n- ship the MCP integration\n- rotate the signing key']]),
      ],
      ['mcp-sim-reporting-bot', new Map([['reports/latest.csv', 'day,errors\nmon,0\ntue,2']])],
    ]),
    calls: [],
    accessLog: [],
    carts: new Map(),
    downstreamToken: null,
  };
}
