/**
 * The world: one simulated internet with its clock, randomness, servers' memory, network and trace.
 * `createWorld({ seed })` twice gives two identical worlds; nothing in here reads the real clock
 * or the real random source, so a seed replays a run exactly (DESIGN.md principle 5).
 */
import type { RequestHandler } from 'msw';
import type { VulnerabilityId } from '../attacks/vulnerabilities';
import { deriveSigningKey } from '../crypto/jwt';
import type { Lane } from '../lanes';
import { createNetwork } from '../network/network';
import type { Network } from '../network/network';
import { authServerHandlers } from '../servers/auth';
import { DEMO_SESSION_COOKIE, DEMO_USER } from '../servers/auth/state';
import type { AuthServerState } from '../servers/auth/state';
import { clientHostHandlers } from '../servers/clientHost';
import type { ClientHostState } from '../servers/clientHost';
import { mcpServerHandlers } from '../servers/mcp';
import type { McpServerState } from '../servers/mcp/state';
import { createMcpState } from '../servers/mcp/state';
import { freeRunning, Recorder } from '../trace/recorder';
import type { Pacer } from '../trace/recorder';
import { createClock, DEMO_EPOCH } from './clock';
import type { Clock } from './clock';
import { forkRng } from './random';
import type { Rng } from './random';
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
  /** The demo user's browser cookies, by host. */
  browserCookies: Map<string, Map<string, string>>;
  rng(party: string): Rng;
  isVulnerable(id: VulnerabilityId): boolean;
  laneOf(url: URL): Lane | undefined;
}

export const DEFAULT_SEED = 'mcp-demo';

export function createWorld(options: WorldOptions = {}): World {
  const seed = options.seed ?? DEFAULT_SEED;
  const urls = { ...DEFAULT_URLS, ...options.urls };
  const clock = createClock(DEMO_EPOCH);
  const recorder = new Recorder(clock, options.pacer ?? freeRunning);
  const vulnerabilities = new Set(options.vulnerabilities ?? []);
  const rngs = new Map<string, Rng>();
  const rng = (party: string): Rng => {
    let r = rngs.get(party);
    if (!r) rngs.set(party, (r = forkRng(seed, party)));
    return r;
  };

  const sessionId = rng('browser').token(16);
  const hostLanes = new Map<string, Lane>([
    [new URL(urls.mcp).host, 'mcp'],
    [new URL(urls.issuer).host, 'as'],
    [new URL(urls.callback).host, 'client'],
    [new URL(urls.cimd).host, 'client'],
    [new URL(urls.downstream).host, 'downstream'],
    [new URL(urls.attacker).host, 'attacker'],
    [new URL(urls.evilMcp).host, 'attacker'],
    [new URL(urls.attackerIssuer).host, 'attacker'],
  ]);

  const laneOf = (url: URL): Lane | undefined => hostLanes.get(url.host);
  // The network asks for the handlers on every request, so the list can be built after the world.
  let handlers: RequestHandler[] = [];
  const network = createNetwork({ recorder, laneOf, handlers: () => handlers });

  const world: World = {
    seed,
    urls,
    clock,
    lifetimes: { accessToken: 3600, code: 60, ...options.lifetimes },
    recorder,
    network,
    as: {
      key: deriveSigningKey(rng('as-keys'), `${seed.slice(0, 8)}-es256`.replace(/[^A-Za-z0-9-]/g, 'x')),
      users: new Map([[DEMO_USER.sub, DEMO_USER]]),
      sessions: new Map([[sessionId, DEMO_USER.sub]]),
      clients: new Map(),
      transactions: new Map(),
      codes: new Map(),
      refreshTokens: new Map(),
      revokedFamilies: new Set(),
      revokedJtis: new Set(),
      issued: 0,
    },
    mcp: createMcpState(),
    clientHost: { callbacks: [] },
    browserCookies: new Map([[new URL(urls.issuer).host, new Map([[DEMO_SESSION_COOKIE, sessionId]])]]),
    rng,
    isVulnerable: (id) => vulnerabilities.has(id),
    laneOf,
  };
  handlers = [
    ...(options.extraHandlers?.(world) ?? []),
    ...authServerHandlers(world),
    ...mcpServerHandlers(world),
    ...clientHostHandlers(world),
  ];
  return world;
}
