/**
 * The world: one simulated internet with its clock, randomness, servers' memory, network and trace.
 * `createWorld({ seed })` twice gives two identical worlds; nothing in here reads the real clock
 * or the real random source, so a seed replays a run exactly (so a talk or a test sees the same values
 * every run). The one exception is asked for by name: `randomness: 'csprng'`, for a world served on real
 * sockets.
 */
import type { RequestHandler } from 'msw';
import { createAttackerState } from '../attacks/state';
import type { AttackerState } from '../attacks/state';
import type { VulnerabilityId } from '../attacks/vulnerabilities';
import { deriveSigningKey, keyedByThumbprint, keyOnFirstUse } from '../crypto/jwt';
import type { Lane } from '../lanes';
import { createNetwork } from '../network/network';
import type { Network } from '../network/network';
import { authServerHandlers, preregisteredClients } from '../servers/auth';
import { DEFAULT_SECRET_METHODS } from '../servers/auth/secretMethods';
import type { SecretMethod } from '../servers/auth/secretMethods';
import { ATTACKER_USER, DEMO_SESSION_COOKIE, DEMO_USER } from '../servers/auth/state';
import type { AuthServerState } from '../servers/auth/state';
import { clientHostHandlers } from '../servers/clientHost';
import { downstreamHandlers } from '../servers/downstream';
import type { DownstreamState } from '../servers/downstream';
import type { ClientHostState } from '../servers/clientHost';
import { idpHandlers } from '../servers/idp';
import { createIdpState } from '../servers/idp/world';
import { IDP_SESSION_COOKIE } from '../servers/idp/state';
import type { IdpState } from '../servers/idp/state';
import { mcpServerHandlers } from '../servers/mcp';
import type { McpServerState } from '../servers/mcp/state';
import { createMcpState } from '../servers/mcp/state';
import { LATEST_REVISION } from '../revisions/ids';
import type { Revision } from '../revisions/ids';
import { ruleIn } from '../revisions/rules';
import type { RuleId } from '../rules';
import { freeRunning, Recorder } from '../trace/recorder';
import type { Pacer } from '../trace/recorder';
import { createClock, DEMO_EPOCH } from './clock';
import type { Clock } from './clock';
import { cryptoRng, forkRng } from './random';
import type { Rng } from './random';
import { ASSERTION_MAX_LIFETIME, BoundedMap, BoundedSet, DEFAULT_BOUNDS, TRANSACTION_TTL } from './store';
import type { StoreBounds } from './store';
import { DEFAULT_URLS } from './urls';
import type { Urls } from './urls';

export interface Lifetimes {
  /** Access token lifetime in seconds. OAuth 2.1 §7.1 / A-14: short-lived. */
  accessToken: number;
  /** Authorization code lifetime; OAuth 2.1 §4.1.2 recommends at most 10 minutes. */
  code: number;
}

export interface WorldOptions {
  seed?: string;
  urls?: Partial<Urls>;
  vulnerabilities?: Iterable<VulnerabilityId>;
  pacer?: Pacer;
  lifetimes?: Partial<Lifetimes>;
  /** Extra handlers placed in front of the honest ones (an attack's hosts). */
  extraHandlers?: (world: World) => RequestHandler[];
  /** Hosts drawn on another lane than their owner's (a malicious app holding the loopback port). */
  laneOverrides?: Record<string, Lane>;
  /**
   * The MCP server asks the authorization server whether each token is still active (RFC 7662), so a
   * revocation takes effect at once. Off, it validates JWTs on its own and a revoked token stays
   * usable until it expires: both are real designs, and the trace says which one ran.
   */
  introspection?: boolean;
  /**
   * Where every random value comes from. 'seeded' (the default): the seed, so a seed replays a run
   * (the page, the tests, a demo). 'csprng': the platform's CSPRNG, for a world served on real
   * sockets, where sfc32's outputs (client ids, codes, refresh tokens) would give its state away
   * and let anyone predict the next victim's code. The seed then names the world and nothing more.
   */
  randomness?: 'seeded' | 'csprng';
  /** How much the servers remember at most (store.ts); a seeded run in the page never meets these. */
  bounds?: Partial<StoreBounds>;
  /**
   * The revision the servers follow (default: the latest). A server enforces a rule only in the
   * revisions that have it (`world.inRevision`); in 2025-03-26 the authorization server is found at
   * the MCP server's origin, so its issuer is that origin unless `urls.issuer` says otherwise.
   */
  revision?: Revision;
  /**
   * 2025-03-26 only: whether the authorization server publishes RFC 8414 metadata (A-40: SHOULD).
   * Without it, clients use the default endpoints. Default: it does.
   */
  asMetadata?: boolean;
  /**
   * How the token endpoint takes a client secret, as its metadata lists them: the body method
   * OAuth 2.1 §2.4.1 requires, with or without HTTP Basic. Default: both.
   */
  secretMethods?: readonly SecretMethod[];
}

export interface World {
  seed: string;
  urls: Urls;
  clock: Clock;
  lifetimes: Lifetimes;
  recorder: Recorder;
  network: Network;
  as: AuthServerState;
  mcp: McpServerState;
  clientHost: ClientHostState;
  downstream: DownstreamState;
  /** The company's identity provider (enterprise-managed authorization). */
  idp: IdpState;
  /** The demo user's browser cookies, by host. */
  browserCookies: Map<string, Map<string, string>>;
  /** The attacker's own session cookie at the authorization server (she has an account too). */
  attackerSession: string;
  /** What the attacker's hosts received (attacks/state.ts). */
  attacker: AttackerState;
  /** See WorldOptions.introspection. */
  introspection: boolean;
  /** The revision the servers follow (WorldOptions.revision). */
  revision: Revision;
  /** See WorldOptions.asMetadata. */
  asMetadata: boolean;
  /** See WorldOptions.secretMethods. */
  secretMethods: readonly SecretMethod[];
  /** Does the servers' revision have this rule? Asked where the rule is enforced (docs/reference §3.5). */
  inRevision(rule: RuleId): boolean;
  rng(party: string): Rng;
  isVulnerable(id: VulnerabilityId): boolean;
  laneOf(url: URL): Lane | undefined;
}

export const DEFAULT_SEED = 'mcp-demo';

/** The browser's cookies by host; two servers on one host (a real-wire world on 127.0.0.1) share a jar. */
function cookieJars(
  cookies: [host: string, name: string, value: string][],
): Map<string, Map<string, string>> {
  const jars = new Map<string, Map<string, string>>();
  for (const [host, name, value] of cookies)
    jars.set(host, (jars.get(host) ?? new Map<string, string>()).set(name, value));
  return jars;
}

export function createWorld(options: WorldOptions = {}): World {
  const seed = options.seed ?? DEFAULT_SEED;
  const revision = options.revision ?? LATEST_REVISION;
  const urls = { ...DEFAULT_URLS, ...options.urls };
  // A-40 (2025-03-26): the authorization server is at the MCP server's origin, the base URL.
  if (ruleIn(revision, 'A-40') && options.urls?.issuer === undefined) urls.issuer = new URL(urls.mcp).origin;
  const clock = createClock(DEMO_EPOCH);
  const recorder = new Recorder(clock, options.pacer ?? freeRunning);
  const vulnerabilities = new Set(options.vulnerabilities ?? []);
  const rngs = new Map<string, Rng>();
  const csprng = options.randomness === 'csprng' ? cryptoRng() : undefined;
  const rng = (party: string): Rng => {
    if (csprng) return csprng;
    let r = rngs.get(party);
    if (!r) rngs.set(party, (r = forkRng(seed, party)));
    return r;
  };
  const bounds = { ...DEFAULT_BOUNDS, ...options.bounds };
  const lifetimes = { accessToken: 3600, code: 60, ...options.lifetimes };

  const sessionId = rng('browser').token(16);
  const idpSession = rng('idp-browser').token(16);
  const attackerSession = rng('attacker').token(16);
  const hostLanes = new Map<string, Lane>([
    // First, so that on one real-wire host (all on 127.0.0.1) the MCP server and AS lanes win.
    [new URL(urls.idp).host, 'idp'],
    [new URL(urls.mcp).host, 'mcp'],
    [new URL(urls.issuer).host, 'as'],
    [new URL(urls.callback).host, 'client'],
    [new URL(urls.cimd).host, 'client'],
    [new URL(urls.downstream).host, 'downstream'],
    [new URL(urls.attacker).host, 'attacker'],
    [new URL(urls.evilMcp).host, 'attacker'],
    [new URL(urls.attackerIssuer).host, 'attacker'],
    [new URL(urls.proxy).host, 'mcp'],
    ...Object.entries(options.laneOverrides ?? {}),
  ]);
  // Look-alike hosts under the attacker's domain (app.example.com.attacker.example) are hers too.
  const attackerDomain = `.${new URL(urls.attacker).host}`;
  const byHost = (url: URL): Lane | undefined =>
    hostLanes.get(url.host) ?? (url.host.endsWith(attackerDomain) ? 'attacker' : undefined);
  // One host for both roles (2025-03-26, A-40): the MCP endpoint and its own metadata are the MCP
  // server's; every other path there is the authorization server's.
  const mcpUrl = new URL(urls.mcp);
  const sharedHost = new URL(urls.issuer).host === mcpUrl.host ? mcpUrl.host : undefined;
  const mcpPath = (url: URL) =>
    url.pathname === mcpUrl.pathname || url.pathname.startsWith('/.well-known/oauth-protected-resource');
  const laneOf = (url: URL): Lane | undefined =>
    url.host === sharedHost && !options.laneOverrides?.[url.host]
      ? mcpPath(url)
        ? 'mcp'
        : 'as'
      : byHost(url);
  // The network asks for the handlers on every request, so the list can be built after the world.
  let handlers: RequestHandler[] = [];
  const network = createNetwork({ recorder, laneOf, handlers: () => handlers });

  const world: World = {
    seed,
    urls,
    clock,
    lifetimes,
    recorder,
    network,
    as: {
      key: keyOnFirstUse(() =>
        deriveSigningKey(rng('as-keys'), `${seed.slice(0, 8)}-es256`.replace(/[^A-Za-z0-9-]/g, 'x')),
      ),
      users: new Map([
        [DEMO_USER.sub, DEMO_USER],
        [ATTACKER_USER.sub, ATTACKER_USER],
      ]),
      sessions: new Map([
        [sessionId, DEMO_USER.sub],
        [attackerSession, ATTACKER_USER.sub],
      ]),
      // Bounded (store.ts). A code is remembered while tokens issued from it may live, so that its
      // replay can still revoke them (OAuth 2.1 §4.1.3); refresh tokens have no lifetime here.
      clients: new BoundedMap({ cap: bounds.clients, evictable: (c) => c.source !== 'preregistered' }),
      transactions: new BoundedMap({ cap: bounds.transactions, ttl: TRANSACTION_TTL, clock }),
      codes: new BoundedMap({ cap: bounds.codes, ttl: lifetimes.code + lifetimes.accessToken, clock }),
      refreshTokens: new BoundedMap({ cap: bounds.refreshTokens }),
      revokedFamilies: new BoundedMap({ cap: bounds.revocations }),
      revokedJtis: new BoundedMap({ cap: bounds.revocations }),
      rememberedConsents: new BoundedSet({ cap: bounds.consents }),
      issued: 0,
      // A used jti is kept until the JWT's own exp; the store's ttl is only a backstop.
      usedJtis: new BoundedMap({ cap: bounds.revocations, ttl: ASSERTION_MAX_LIFETIME, clock }),
      clientJwks: new BoundedMap({ cap: bounds.clients }),
    },
    mcp: createMcpState(clock, bounds),
    clientHost: {
      callbacks: [],
      // The machine client's key pair (EXT-CC private_key_jwt): the client signs with the private
      // half; its host publishes the public half at the jwks_uri the administrator registered.
      signingKey: keyOnFirstUse(() => keyedByThumbprint(deriveSigningKey(rng('client-keys'), ''))),
    },
    downstream: { log: [] },
    idp: createIdpState(urls, rng('idp-keys'), idpSession, clock, bounds),
    browserCookies: cookieJars([
      [new URL(urls.issuer).host, DEMO_SESSION_COOKIE, sessionId],
      // She signed in to her company account this morning (single sign-on, EXT-EMA §3).
      [new URL(urls.idp).host, IDP_SESSION_COOKIE, idpSession],
    ]),
    attackerSession,
    attacker: createAttackerState(),
    introspection: options.introspection ?? false,
    revision,
    asMetadata: options.asMetadata ?? true,
    secretMethods: options.secretMethods ?? DEFAULT_SECRET_METHODS,
    inRevision: (rule) => ruleIn(revision, rule),
    rng,
    isVulnerable: (id) => vulnerabilities.has(id),
    laneOf,
  };
  for (const client of preregisteredClients(urls, rng('as-admin')))
    world.as.clients.set(client.client_id, client);
  handlers = [
    ...(options.extraHandlers?.(world) ?? []),
    ...authServerHandlers(world),
    ...mcpServerHandlers(world),
    ...clientHostHandlers(world),
    ...downstreamHandlers(world),
    ...idpHandlers(world),
  ];
  return world;
}
