/**
 * The simulated internet's addresses (the spec page's example actors). Real-wire mode replaces
 * them with real localhost URLs; every server builds its documents from these, never from literals.
 */
export interface Urls {
  /** The MCP endpoint, which is also the server's canonical resource identifier (RFC 8707). */
  mcp: string;
  /** The authorization server's issuer identifier (RFC 8414 §2). */
  issuer: string;
  /** The client's loopback redirect URI (RFC 8252 §7.3). */
  callback: string;
  /** The client's Client ID Metadata Document: its URL is its client_id. */
  cimd: string;
  downstream: string;
  attacker: string;
  /** A second, malicious MCP server used by the audience and steering attacks. */
  evilMcp: string;
  /** The attacker's own authorization server (mix-up). */
  attackerIssuer: string;
  /** An MCP proxy server that delegates sign-in to a third-party authorization server (confused deputy). */
  proxy: string;
  /** The company's identity provider, its issuer (enterprise-managed authorization, EXT-EMA). */
  idp: string;
}

export const DEFAULT_URLS: Urls = {
  mcp: 'https://mcp.example.com/mcp',
  issuer: 'https://auth.example.com',
  callback: 'http://127.0.0.1:33418/callback',
  cimd: 'https://app.example.com/oauth/client-metadata.json',
  downstream: 'https://api.example.com',
  attacker: 'https://attacker.example',
  evilMcp: 'https://evil-mcp.example/mcp',
  attackerIssuer: 'https://attacker-as.example',
  proxy: 'https://proxy.example',
  idp: 'https://idp.example.com',
};

/** RFC 9728 §3.1: the well-known path is inserted between the host and the resource's path. */
export function prmUrlFor(resource: string): string {
  const url = new URL(resource);
  const path = url.pathname.replace(/\/$/, '');
  return `${url.origin}/.well-known/oauth-protected-resource${path}`;
}

/**
 * RFC 8414 §3.1 and OIDC Discovery, in the order MCP fixes (C-05; 2026-07-28
 * authorization-server-discovery.mdx; docs/reference §2.1): for an issuer with a path, OAuth
 * path-inserted, OIDC path-inserted, OIDC path-appended; without a path, the first two.
 */
export function asMetadataUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/$/, '');
  const urls = [
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
    `${url.origin}/.well-known/openid-configuration${path}`,
  ];
  if (path) urls.push(`${url.origin}${path}/.well-known/openid-configuration`);
  return urls;
}
