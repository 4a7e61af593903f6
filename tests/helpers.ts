/** Test helpers: a world to poke at directly, and requests sent as a given party. */
import { signJwt } from '../src/sim/crypto/jwt';
import type { JWTPayload } from 'jose';
import type { Lane } from '../src/sim/lanes';
import { DEMO_SESSION_COOKIE, DEMO_USER } from '../src/sim/servers/auth/state';
import type { ResponseEvent, TraceEvent } from '../src/sim/trace/types';
import { createWorld } from '../src/sim/world/world';
import type { World, WorldOptions } from '../src/sim/world/world';
import { mcpRequest } from '../src/sim/mcp/request';
import type { SimInit } from '../src/sim/network/network';

export function world(options: WorldOptions = {}): World {
  return createWorld({ seed: 'test', ...options });
}

/** A request made directly by a test: drawn as the attacker's own request unless it names its step. */
export type ProbeInit = Omit<SimInit, 'step'> & Partial<Pick<SimInit, 'step'>>;

export function send(w: World, url: string, init: ProbeInit = {}, as: Lane = 'attacker'): Promise<Response> {
  return w.network.fetchAs(as)(url, { step: 'attacker-request', ...init });
}

/** The demo user's session cookie, as the browser would send it to the authorization server. */
export function sessionCookie(w: World): Record<string, string> {
  const jar = w.browserCookies.get(new URL(w.urls.issuer).host);
  return { Cookie: `${DEMO_SESSION_COOKIE}=${jar?.get(DEMO_SESSION_COOKIE) ?? ''}` };
}

/** A token signed by the world's authorization server; a claim given as undefined is left out. */
export function accessToken(
  w: World,
  claims: { [K in keyof JWTPayload]?: JWTPayload[K] | undefined } = {},
): string {
  const now = w.clock.now();
  const payload: JWTPayload = {
    iss: w.urls.issuer,
    sub: DEMO_USER.sub,
    aud: w.urls.mcp,
    client_id: 'c',
    scope: 'files:read files:write',
    iat: now,
    exp: now + 600,
    jti: 'j',
  };
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined) delete payload[name];
    else payload[name] = value;
  }
  return signJwt(payload, w.as.key);
}

/** The JSON-RPC body of an MCP request (the one envelope builder, src/sim/mcp/request.ts). */
export function mcpBody(method: string, params: Record<string, unknown> = {}, id: number | string = 1) {
  return mcpRequest({ method, params, id }).body;
}

/** Its headers; `name` is mirrored into Mcp-Name as the body would have it. */
export function mcpHeaders(
  method: string,
  extra: Record<string, string> = {},
  name?: string,
): Record<string, string> {
  const { headers } = mcpRequest({ method, params: name === undefined ? {} : { name } });
  return { ...headers, ...extra };
}

export function responses(trace: readonly TraceEvent[]): ResponseEvent[] {
  return trace.filter((e): e is ResponseEvent => e.kind === 'response');
}

export function stepsOf(trace: readonly TraceEvent[]): string[] {
  return trace.map((e) =>
    e.kind === 'request' || e.kind === 'response' ? `${e.stepId}:${e.kind}` : e.stepId,
  );
}
