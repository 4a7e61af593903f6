/**
 * Real-wire mode, server side: the simulator's own MCP server and authorization server (the very
 * same MSW handlers the page runs) served on 127.0.0.1 with real URLs, for real MCP clients.
 *
 * One port, two parties: the MCP server at `<origin>/mcp` and the authorization server with the
 * issuer `<origin>/auth` (an issuer with a path, so discovery uses RFC 8414 path insertion:
 * `/.well-known/oauth-authorization-server/auth`). Only those paths and the well-known documents
 * are reachable; the world's other hosts (the simulated client host, downstream API, attacker)
 * stay inside the process, reachable only by the world's own servers.
 *
 * What real-wire adds around the handlers, each step written on the exchange's log line:
 * - the world's clock follows the real clock, so token lifetimes are real seconds;
 * - a browser without the demo user's session cookie at the authorization endpoint is signed in as
 *   the demo user (the simulated browser has that cookie from the start; a real one cannot);
 * - with `autoApprove`, the consent page is approved on the user's behalf (headless clients);
 * - a registration without `application_type` whose redirect URIs are all loopback (what clients
 *   of revisions before 2026-07-28 send) is registered as "native", unless `strictDcr` is set.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { getResponse } from 'msw';
import { ATTACKS } from '../sim/attacks/registry';
import type { AttackId } from '../sim/attacks/ids';
import { attackVulnerabilities } from '../sim/attacks/run';
import { VULNERABILITIES } from '../sim/attacks/vulnerabilities';
import type { VulnerabilityId } from '../sim/attacks/vulnerabilities';
import { readConsentPrompt } from '../sim/browser/browser';
import { LANES } from '../sim/lanes';
import { sessionUser } from '../sim/servers/auth/authorize';
import { endpoints } from '../sim/servers/auth/metadata';
import { idpSessionUser } from '../sim/servers/idp/authorize';
import { idpEndpoints } from '../sim/servers/idp/metadata';
import { ENTERPRISE_USER, IDP_SESSION_COOKIE } from '../sim/servers/idp/state';
import { DEMO_SESSION_COOKIE, DEMO_USER } from '../sim/servers/auth/state';
import { isLoopbackHttp, isRecord } from '../sim/servers/http';
import { freeRunning } from '../sim/trace/recorder';
import type { TraceEvent } from '../sim/trace/types';
import { asMetadataUrls, prmUrlFor } from '../sim/world/urls';
import { createWorld } from '../sim/world/world';
import { SECRET_METHOD_CHOICES } from '../sim/servers/auth/secretMethods';
import type { SecretMethodChoice } from '../sim/servers/auth/secretMethods';
import { LATEST_REVISION } from '../sim/revisions/ids';
import type { Revision } from '../sim/revisions/ids';
import { ruleIn } from '../sim/revisions/rules';
import type { World } from '../sim/world/world';
import type { StoreBounds } from '../sim/world/store';
import { createAdapter, withHeaders } from './adapter';
import type { Limits } from './adapter';
import { displayUrl, formatExchange } from './exchange';
import { admit } from './hostCheck';
import type { Exchange } from './exchange';
import { DEFAULT_KEEP, exchangeLog, trimWorldLogs } from './memory';
import type { Keep } from './memory';

export const DEFAULT_WORLD_PORT = 8765;

export interface WorldServerOptions {
  /** 0 picks a free port. */
  port?: number;
  /**
   * The world's seed, for a reproducible demo only: everything derives from it, the token signing
   * key, client secrets, codes and refresh tokens included, so anyone who knows it (or has seen a
   * few of its outputs: sfc32 is no CSPRNG) can forge tokens and predict codes. Without one, every
   * secret comes from the platform's CSPRNG instead.
   */
  seed?: string | undefined;
  /** An attack of the lab, applied with its defence off (its preconditions and its vulnerabilities). */
  attack?: AttackId;
  vulnerabilities?: VulnerabilityId[];
  autoApprove?: boolean;
  /** Access token lifetime in seconds. */
  tokenLifetime?: number;
  /** Refuse registrations without application_type, as a 2026-07-28-only server would. */
  strictDcr?: boolean;
  /** The revision the servers follow (default: the latest). */
  revision?: Revision;
  /** How the token endpoint takes a client secret (A-26; default: both ways). */
  clientAuth?: SecretMethodChoice;
  limits?: Partial<Limits>;
  /** Where log lines go (one per exchange); silent by default. */
  log?: (line: string) => void;
  /** How many exchanges to keep for the HAR export, and how much of the servers' logs (memory.ts). */
  keep?: Partial<Keep>;
  /** How much the servers remember at most (clients, codes, consent pages...). */
  bounds?: Partial<StoreBounds>;
}

export interface WorldServer {
  /** The seed given, or in an unseeded world a random name (its key id) from which nothing derives. */
  seed: string;
  /** 'seeded' with a seed (reproducible, demos only); otherwise 'csprng'. */
  randomness: 'seeded' | 'csprng';
  /** The revision its servers follow. */
  revision: Revision;
  origin: string;
  mcpUrl: string;
  issuer: string;
  /** The enterprise identity provider's issuer. */
  idp: string;
  world: World;
  /** The vulnerabilities the world runs with. */
  vulnerabilities: VulnerabilityId[];
  /** The newest exchanges answered (within `keep`), oldest first. */
  exchanges: Exchange[];
  close(): Promise<void>;
}

/** The vulnerabilities an attack id and a list of vulnerability ids switch on, deduplicated. */
export function worldVulnerabilities(
  attack: AttackId | undefined,
  vulnerabilities: readonly VulnerabilityId[] = [],
) {
  const all = [...(attack ? attackVulnerabilities(ATTACKS[attack], 'off') : []), ...vulnerabilities];
  return [...new Set(all)];
}

/** Client-side vulnerabilities change nothing in the world: they belong to `npm run client --vuln`. */
export function clientOnly(vulnerabilities: readonly VulnerabilityId[]): VulnerabilityId[] {
  return vulnerabilities.filter((v) => VULNERABILITIES[v].party === 'client');
}

function notFound(mcpUrl: string, issuer: string): Response {
  return Response.json(
    {
      error: 'not_found',
      error_description: `Nothing is served at this path. MCP server: ${mcpUrl}; authorization server: ${issuer}`,
    },
    { status: 404 },
  );
}

function describeEvent(event: TraceEvent): string | null {
  if (event.kind === 'request') return null;
  if (event.kind === 'response') {
    const status = event.response ? String(event.response.status) : `no answer (${event.error ?? ''})`;
    // A request the world's own servers made inside the process (JWKS, a client metadata document...).
    return `${LANES[event.to].short} → in-world ${event.request.method} ${displayUrl(event.request.url)} → ${status}`;
  }
  const failed =
    event.detail.checks?.filter((c) => c.status === 'fail').map((c) => `${c.label}: ${c.detail}`) ?? [];
  const rule = event.rule ? ` [${event.rule}]` : '';
  return `${LANES[event.from].short}: ${event.title}${rule}${failed.length > 0 ? ` (${failed.join('; ')})` : ''}`;
}

async function rebuild(request: Request, headers: Headers, body?: string): Promise<Request> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const text = body ?? (hasBody ? await request.text() : undefined);
  return new Request(request.url, { method: request.method, headers, body: hasBody ? (text ?? null) : null });
}

export async function startWorldServer(options: WorldServerOptions = {}): Promise<WorldServer> {
  const log = options.log ?? (() => undefined);
  const keep = { ...DEFAULT_KEEP, ...options.keep };
  const context = new AsyncLocalStorage<string[]>();
  const exchanges = exchangeLog(keep);
  let handle: (request: Request, notes: string[]) => Promise<Response> = () =>
    Promise.resolve(new Response(null, { status: 503 }));
  const adapter = createAdapter({
    handle: (request, notes) => context.run(notes, () => handle(request, notes)),
    // DNS rebinding: only the world's own loopback names, on every path (hostCheck.ts).
    admit: ({ url, headers }, notes) => {
      const values = (name: string) => headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
      const verdict = admit(values('host'), values('origin'), Number(url.port || 80));
      if (verdict.ok) return null;
      notes.push(`refused before any server saw it: ${verdict.description}`);
      return Response.json(
        { error: verdict.error, error_description: verdict.description },
        { status: verdict.status, headers: { 'Cache-Control': 'no-store' } },
      );
    },
    ...(options.limits ? { limits: options.limits } : {}),
    onExchange: (exchange) => {
      exchanges.add(exchange);
      log(formatExchange(exchange));
    },
    onRefused: (line) => log(`${new Date().toISOString().slice(11, 23)} ${line}`),
  });
  const origin = await adapter.listen(options.port ?? DEFAULT_WORLD_PORT);
  const mcpUrl = `${origin}/mcp`;
  const revision = options.revision ?? LATEST_REVISION;
  // A-40 (2025-03-26): the authorization server is at the MCP server's origin, the base URL; later,
  // an issuer with a path of its own (RFC 8414 path insertion).
  const issuer = ruleIn(revision, 'A-40') ? origin : `${origin}/auth`;
  // The company's identity provider (enterprise-managed authorization), on the same port.
  const idp = `${origin}/idp`;
  const vulnerabilities = worldVulnerabilities(options.attack, options.vulnerabilities);
  // What a socket serves must not be guessable: without a seed, nothing comes from a seeded stream.
  const randomness = options.seed === undefined ? 'csprng' : 'seeded';
  const seed = options.seed ?? randomBytes(4).toString('hex');
  const world = createWorld({
    seed,
    randomness,
    // Real clients set the pace: no stepping, every event is recorded as it happens.
    pacer: freeRunning,
    urls: { mcp: mcpUrl, issuer, idp },
    revision,
    vulnerabilities,
    ...(options.clientAuth ? { secretMethods: SECRET_METHOD_CHOICES[options.clientAuth] } : {}),
    // A revocation (a replayed code, A-17) takes effect at the next request: the MCP server asks the
    // authorization server about every token (RFC 7662). Its cost is one in-process call, not a message.
    introspection: true,
    ...(options.tokenLifetime ? { lifetimes: { accessToken: options.tokenLifetime } } : {}),
    ...(options.bounds ? { bounds: options.bounds } : {}),
  });

  // The world's clock follows the real one from here on (the demo epoch if the machine is behind it).
  const realNow = () => Math.floor(Date.now() / 1000);
  const realStart = realNow();
  const worldStart = Math.max(world.clock.now(), realStart);
  const syncClock = () => {
    const behind = worldStart + (realNow() - realStart) - world.clock.now();
    if (behind > 0) world.clock.advance(behind);
  };
  syncClock();

  // What the servers did inside (token checks, PKCE, in-world fetches) joins the exchange's log line.
  world.recorder.subscribe((event) => {
    const line = describeEvent(event);
    if (line) context.getStore()?.push(line);
  });

  const { authorization_endpoint, registration_endpoint } = endpoints(issuer);
  const authorizePath = new URL(authorization_endpoint).pathname;
  // '' for an issuer at the origin (2025-03-26), so that every path under it is the AS's.
  const issuerPath = new URL(issuer).pathname.replace(/\/$/, '');
  const mcpPath = new URL(mcpUrl).pathname;
  // The MCP endpoint, the authorization server's paths and the well-known documents; nothing else.
  const idpPath = new URL(idp).pathname;
  const isExposed = (url: URL) =>
    url.pathname === mcpPath ||
    url.pathname.startsWith(`${issuerPath}/`) ||
    url.pathname.startsWith(`${idpPath}/`) ||
    url.pathname.startsWith('/.well-known/');
  const idpAuthorizePath = new URL(idpEndpoints(idp).authorization_endpoint).pathname;
  const idpSession = world.browserCookies.get(new URL(idp).host)?.get(IDP_SESSION_COOKIE) ?? '';
  const demoSession = world.browserCookies.get(new URL(issuer).host)?.get(DEMO_SESSION_COOKIE) ?? '';

  /** A real browser has no session at the AS: sign it in as the demo user (real-wire only). */
  const signIn = async (
    request: Request,
    notes: string[],
  ): Promise<{ request: Request; signedIn: boolean }> => {
    if (sessionUser(world, request) !== undefined) return { request, signedIn: false };
    const others = (request.headers.get('cookie') ?? '')
      .split(';')
      .map((c) => c.trim())
      .filter((c) => c !== '' && !c.startsWith(`${DEMO_SESSION_COOKIE}=`));
    const headers = new Headers(request.headers);
    headers.set('cookie', [...others, `${DEMO_SESSION_COOKIE}=${demoSession}`].join('; '));
    notes.push(`no session cookie: signed in as the demo user ${DEMO_USER.name} (real-wire sign-in)`);
    return { request: await rebuild(request, headers), signedIn: true };
  };

  /** Likewise at the IdP: a real browser has no company session; sign it in as the demo user. */
  const signInAtIdp = async (
    request: Request,
    notes: string[],
  ): Promise<{ request: Request; signedIn: boolean }> => {
    if (idpSessionUser(world, request) !== undefined) return { request, signedIn: false };
    const others = (request.headers.get('cookie') ?? '')
      .split(';')
      .map((c) => c.trim())
      .filter((c) => c !== '' && !c.startsWith(`${IDP_SESSION_COOKIE}=`));
    const headers = new Headers(request.headers);
    headers.set('cookie', [...others, `${IDP_SESSION_COOKIE}=${idpSession}`].join('; '));
    notes.push(
      `no IdP session cookie: signed in to the company IdP as ${ENTERPRISE_USER.email} (real-wire sign-in)`,
    );
    return { request: await rebuild(request, headers), signedIn: true };
  };

  /** Clients of revisions before 2026-07-28 send no application_type (C-13 is new in 2026-07-28). */
  const dcrCompat = async (request: Request, notes: string[]): Promise<Request> => {
    const text = await request.clone().text();
    let meta: unknown;
    try {
      meta = JSON.parse(text);
    } catch {
      return request;
    }
    if (!isRecord(meta) || meta.application_type !== undefined || !Array.isArray(meta.redirect_uris))
      return request;
    const uris: unknown[] = meta.redirect_uris;
    const loopback = (u: unknown) => {
      try {
        return typeof u === 'string' && isLoopbackHttp(new URL(u));
      } catch {
        return false;
      }
    };
    if (uris.length === 0 || !uris.every(loopback)) return request;
    notes.push(
      'compat: no application_type (a client older than 2026-07-28) and only loopback redirect URIs: registered as "native" (C-13; --strict-dcr refuses instead)',
    );
    return rebuild(
      request,
      new Headers(request.headers),
      JSON.stringify({ ...meta, application_type: 'native' }),
    );
  };

  const autoApprove = async (page: Response, cookie: string, notes: string[]): Promise<Response> => {
    const prompt = readConsentPrompt(await page.clone().text());
    if (!prompt) return page;
    const decision = new Request(prompt.action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams({ ...prompt.fields, decision: 'approve' }).toString(),
    });
    notes.push(
      `consent auto-approved (--auto-approve): ${prompt.clientName} gets "${prompt.scopes.join(' ')}" for ${prompt.resource ?? '(no resource)'}`,
    );
    return (await getResponse(world.network.handlers(), decision)) ?? notFound(mcpUrl, issuer);
  };

  const serve = async (incoming: Request, notes: string[]): Promise<Response> => {
    syncClock();
    const url = new URL(incoming.url);
    if (url.pathname === '/' && incoming.method === 'GET') {
      return Response.json({
        mcp_server: mcpUrl,
        authorization_server: issuer,
        identity_provider: idp,
        revision,
        ...(world.inRevision('S-01') ? { protected_resource_metadata: prmUrlFor(mcpUrl) } : {}),
        authorization_server_metadata: asMetadataUrls(issuer)[0],
      });
    }
    if (!isExposed(url)) return notFound(mcpUrl, issuer);
    let request = incoming;
    let signedIn = false;
    let idpSignedIn = false;
    if (url.pathname === authorizePath || url.pathname.startsWith(`${authorizePath}/`)) {
      ({ request, signedIn } = await signIn(request, notes));
    }
    if (url.pathname === idpAuthorizePath)
      ({ request, signedIn: idpSignedIn } = await signInAtIdp(request, notes));
    if (!options.strictDcr && request.method === 'POST' && url.href === registration_endpoint) {
      request = await dcrCompat(request, notes);
    }
    let response = (await getResponse(world.network.handlers(), request)) ?? notFound(mcpUrl, issuer);
    if (
      options.autoApprove &&
      request.method === 'GET' &&
      url.pathname === authorizePath &&
      response.status === 200
    ) {
      response = await autoApprove(response, request.headers.get('cookie') ?? '', notes);
    }
    if (signedIn) {
      const cookie = `${DEMO_SESSION_COOKIE}=${demoSession}; Path=${issuerPath || '/'}; HttpOnly; SameSite=Lax`;
      response = withHeaders(response, [['Set-Cookie', cookie]]);
    }
    if (idpSignedIn) {
      const cookie = `${IDP_SESSION_COOKIE}=${idpSession}; Path=${idpPath}; HttpOnly; SameSite=Lax`;
      response = withHeaders(response, [['Set-Cookie', cookie]]);
    }
    return response;
  };
  handle = (incoming, notes) => serve(incoming, notes).finally(() => trimWorldLogs(world, keep.logLines));

  return {
    seed,
    randomness,
    revision,
    origin,
    mcpUrl,
    issuer,
    idp,
    world,
    vulnerabilities,
    exchanges: exchanges.entries,
    close: () => adapter.close(),
  };
}
