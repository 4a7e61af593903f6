/** What the MCP server remembers: the cached JWKS and each user's files. */
import type { Jwks } from '../../crypto/jwt';
import type { Clock } from '../../world/clock';
import { BoundedMap, CART_TTL, DEFAULT_BOUNDS, keepingInitial } from '../../world/store';
import type { StoreBounds } from '../../world/store';

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
  /**
   * Sessions of clients of revisions 2025-03-26 to 2025-11-25 (legacy.ts), each bound to its user
   * (S-20); the oldest is forgotten first, and its client initializes again after a 404.
   */
  sessions: Map<string, { sub: string; version: string }>;
  /** DPoP proofs seen, by jti, until their window ends (S-54, RFC 9449 §11.1). */
  dpopJtis: Map<string, number>;
  /** The DPoP nonce this server hands out (S-55, RFC 9449 §9), until when it is good. */
  dpopNonce: { value: string; until: number } | null;
}

/** The initial users and their files are kept; what clients add is bounded (world/store.ts). */
function boundFiles(files: Map<string, Map<string, string>>, bounds: StoreBounds) {
  const perUser = (sub: string, own: Map<string, string>) =>
    [sub, new BoundedMap({ cap: bounds.filesPerUser, evictable: keepingInitial(own) }, own)] as const;
  return new BoundedMap(
    { cap: bounds.users, evictable: keepingInitial(files) },
    [...files].map(([sub, own]) => perUser(sub, own)),
  );
}

/** Legacy sessions kept at most. */
const LEGACY_SESSIONS = 1000;

export function createMcpState(clock?: Clock, bounds: StoreBounds = DEFAULT_BOUNDS): McpServerState {
  return {
    jwks: null,
    files: boundFiles(
      new Map([
        [
          'user-7f3a',
          new Map([['notes/plan.md', '# Q3 plan\n- ship the MCP integration\n- rotate the signing key']]),
        ],
        ['mcp-sim-reporting-bot', new Map([['reports/latest.csv', 'day,errors\nmon,0\ntue,2']])],
        ['mcp-sim-nightly-signer', new Map([['reports/latest.csv', 'day,builds\nmon,14\ntue,17']])],
      ]),
      bounds,
    ),
    calls: [],
    accessLog: [],
    carts: new BoundedMap({ cap: bounds.carts, ttl: CART_TTL, ...(clock ? { clock } : {}) }),
    downstreamToken: null,
    sessions: new BoundedMap({ cap: LEGACY_SESSIONS }),
    dpopJtis: new BoundedMap({ cap: bounds.revocations, ttl: 600, ...(clock ? { clock } : {}) }),
    dpopNonce: null,
  };
}
