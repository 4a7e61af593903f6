/**
 * What the attacker's side of a world remembers: plain data on the world (world.attacker), like the
 * servers' own state, so a world can be inspected, and reset by making a new one. Each field is
 * what one of her hosts received; the attack that reads it says what it means.
 */
import type { ProxyState } from './proxyServer';

export interface AttackerState {
  /** The last redirect that landed on a host she controls: a code, an error, a state. */
  landed: URL | null;
  /** The last access token her MCP server was sent. */
  token: string | null;
  /** The DPoP proof that came with it, if the token was DPoP-bound. */
  dpopProof: string | null;
  /** The last token request her authorization server received (with the victim's code and verifier). */
  tokenRequest: URLSearchParams | null;
  /** A code of her own, which she plants in the victim's callback. */
  ownCode: string | null;
  /** The MCP proxy's own state (it delegates sign-in upstream; the confused deputy). */
  proxy: ProxyState;
}

export function createAttackerState(): AttackerState {
  return {
    landed: null,
    token: null,
    dpopProof: null,
    tokenRequest: null,
    ownCode: null,
    proxy: { clients: new Map(), pending: new Map(), codes: new Map(), tokens: new Map() },
  };
}
