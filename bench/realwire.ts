/**
 * The real-wire world under load ("Nothing forged, nothing lost", item 5; "Real clients, real
 * servers, real flows"): whole OAuth flows over loopback sockets (DCR, authorize, token, a tool
 * call), their rate and latency, and the process's memory after 100 flows, after N/2, after N, and
 * after a hostile soak (idle sockets past the cap, registrations never used, codes never redeemed,
 * large bodies), and 500 clients at once, each holding its connection through a whole flow. Heap
 * figures are after a full GC (`--expose-gc`, as `npm run bench` runs); RSS is what the OS sees, and
 * V8 keeps pages it no longer needs, so RSS is a high-water mark, not what is live. REALWIRE_FLOWS
 * sets N (default 2,000, about a minute; 10,000 for the issue's figure; 0 skips the section);
 * REALWIRE_CONCURRENT the clients at once (default 500); `npm run bench real-wire` runs this
 * section alone.
 */
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { isRecord } from '../src/sim/client/json';
import { challengeS256, createVerifier } from '../src/sim/crypto/pkce';
import { cryptoRng } from '../src/sim/world/random';
import { mcpRequest } from '../src/sim/mcp/request';
import { DEFAULT_LIMITS } from '../src/realwire/adapter';
import { startWorldServer } from '../src/realwire/worldServer';
import type { WorldServer } from '../src/realwire/worldServer';

const MB = 1024 * 1024;
/** Whole flows started at once (the issue's figure: 500 with no failure). */
const CONCURRENT = Number(process.env.REALWIRE_CONCURRENT ?? 500);
/** Idle sockets in the hostile soak: past the connection cap. */
const IDLE_SOCKETS = DEFAULT_LIMITS.maxConnections + 50;
const REDIRECT = 'http://127.0.0.1:9/callback';

function memory(): { heap: number; rss: number } {
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / MB, rss: m.rss / MB };
}

const show = (m: { heap: number; rss: number }) => `heap ${m.heap.toFixed(1)} MB, RSS ${m.rss.toFixed(0)} MB`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** One HTTP exchange on a client's own connection pool (node:http: the agent is the client). */
function send(
  agent: Agent,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; location: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

function field(text: string, name: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    const found = isRecord(value) ? value[name] : undefined;
    return typeof found === 'string' ? found : undefined;
  } catch {
    return undefined;
  }
}

async function register(server: WorldServer, agent: Agent): Promise<string> {
  const res = await send(agent, `${server.issuer}/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      client_name: 'bench',
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      application_type: 'native',
    }),
  });
  const clientId = field(res.text, 'client_id');
  if (res.status !== 201 || !clientId) throw new Error(`registration: ${res.status}`);
  return clientId;
}

/** The code an auto-approving world redirects with (a code never redeemed, if the caller stops here). */
async function authorize(
  server: WorldServer,
  agent: Agent,
  clientId: string,
  verifier: string,
): Promise<string> {
  const url = new URL(`${server.issuer}/authorize`);
  for (const [k, v] of Object.entries({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    state: 'bench',
    code_challenge: await challengeS256(verifier),
    code_challenge_method: 'S256',
    scope: 'files:read',
    resource: server.mcpUrl,
  }))
    url.searchParams.set(k, v);
  const res = await send(agent, url.href);
  if (res.status !== 302) throw new Error(`authorize: ${res.status}`);
  return new URL(res.location ?? 'http://x.invalid').searchParams.get('code') ?? '';
}

/** One whole flow by one client (its own connections): DCR, authorize (auto-approved), token, tools/call. */
async function flow(server: WorldServer, agent: Agent): Promise<void> {
  const clientId = await register(server, agent);
  const verifier = createVerifier(cryptoRng());
  const code = await authorize(server, agent, clientId, verifier);
  const token = await send(agent, `${server.issuer}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: clientId,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      resource: server.mcpUrl,
    }).toString(),
  });
  const accessToken = field(token.text, 'access_token');
  if (!accessToken) throw new Error(`token: ${token.status}`);
  const call = await send(agent, server.mcpUrl, {
    method: 'POST',
    ...mcpRequest({
      method: 'tools/call',
      params: { name: 'list_files', arguments: {} },
      token: accessToken,
    }),
  });
  if (call.status !== 200) throw new Error(`tools/call: ${call.status}`);
}

/** Runs `count` flows, `concurrency` at a time; returns each flow's duration in ms. */
async function flows(server: WorldServer, count: number, concurrency: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  // One client application running `concurrency` flows over its keep-alive pool.
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const worker = async () => {
    while (next < count) {
      next++;
      const start = performance.now();
      await flow(server, agent);
      times.push(performance.now() - start);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return times;
}

/**
 * `count` clients, each with its own keep-alive connection, each running a whole flow, all started
 * at once and all still connected when the last one finishes (as apps that keep using the server
 * stay connected): how many succeed, why the others failed, and how fast they went.
 */
async function burst(
  server: WorldServer,
  count: number,
): Promise<{ times: number[]; failures: Map<string, number>; seconds: number }> {
  const times: number[] = [];
  const failures = new Map<string, number>();
  const agents = Array.from({ length: count }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  const began = performance.now();
  try {
    await Promise.all(
      agents.map(async (agent) => {
        const start = performance.now();
        try {
          await flow(server, agent);
          times.push(performance.now() - start);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          failures.set(reason, (failures.get(reason) ?? 0) + 1);
        }
      }),
    );
  } finally {
    for (const agent of agents) agent.destroy();
  }
  return { times: times.sort((a, b) => a - b), failures, seconds: (performance.now() - began) / 1000 };
}

/** The refusals the adapter's rate-limited overload lines stand for ("(N refusals in the last second)"). */
function refusals(lines: readonly string[]): string {
  const count = lines.reduce((sum, line) => sum + Number(/\((\d+) refusals/.exec(line)?.[1] ?? 1), 0);
  return `${count} (in ${lines.length} logged lines)`;
}

/** Sockets that connect and send nothing: more than the cap. */
async function idleSockets(server: WorldServer, count: number): Promise<Socket[]> {
  const port = Number(new URL(server.origin).port);
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Socket>((resolve) => {
          const socket = connect(port, '127.0.0.1');
          socket.on('error', () => undefined);
          socket.on('connect', () => resolve(socket));
        }),
    ),
  );
}

async function hostile(server: WorldServer, rounds: number): Promise<Record<string, string>> {
  const idle = await idleSockets(server, IDLE_SOCKETS);
  // A new client, on a new connection (fetch would reuse one of its pooled, already-served ones).
  const answered = await new Promise<string>((resolve) => {
    const started = performance.now();
    const req = request(
      `${server.origin}/.well-known/oauth-protected-resource/mcp`,
      { agent: false },
      (res) => {
        res.resume();
        const retry = res.headers['retry-after'];
        const ms = (performance.now() - started).toFixed(0);
        resolve(`${res.statusCode ?? 0}${retry ? ` with Retry-After: ${retry}` : ''} in ${ms} ms`);
      },
    );
    req.on('error', (error) => resolve(`no answer: ${error.message}`));
    req.end();
  });
  for (const socket of idle) socket.destroy();
  // Let the server see them close before the soak's own client connects.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < rounds; i++) {
    const clientId = await register(server, agent); // never used again
    await authorize(server, agent, clientId, createVerifier(cryptoRng())); // a code never redeemed
    await send(agent, server.mcpUrl, { method: 'POST', body: 'x'.repeat(60_000) });
  }
  agent.destroy();
  return {
    [`a new client while ${IDLE_SOCKETS} idle sockets are open (cap ${DEFAULT_LIMITS.maxConnections})`]:
      answered,
  };
}

export async function benchRealwire(): Promise<Record<string, string>> {
  const total = Number(process.env.REALWIRE_FLOWS ?? 2_000);
  if (!(total >= 200)) return { skipped: 'REALWIRE_FLOWS is below 200' };
  const results: Record<string, string> = {};
  const overCapacity: string[] = [];
  const server = await startWorldServer({
    port: 0,
    autoApprove: true,
    // Only the adapter's overload lines: each exchange's line is built either way.
    log: (line) => {
      if (line.includes('over capacity')) overCapacity.push(line);
    },
  });
  try {
    await flows(server, 20, 1); // warm-up: JIT, module init, keys
    const start = memory();
    await flows(server, 100, 4);
    const after100 = memory();
    const half = Math.floor(total / 2);
    const began = performance.now();
    const firstHalf = await flows(server, half - 100, 4);
    const pause = performance.now();
    const afterHalf = memory(); // not timed: a full GC
    const resumed = performance.now();
    const times = [...firstHalf, ...(await flows(server, total - half, 4))].sort((a, b) => a - b);
    const seconds = (performance.now() - resumed + (pause - began)) / 1000;
    const afterN = memory();
    results['flows per second (DCR, authorize, token, tools/call; 4 at a time)'] =
      `${((total - 100) / seconds).toFixed(0)}`;
    results['flow latency p50 / p95'] =
      `${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)} ms`;
    results['memory at start (after warm-up)'] = show(start);
    results['memory after 100 flows'] = show(after100);
    // The stores fill up to their caps and then hold steady: the second half adds (next to) nothing.
    results[`memory after ${half.toLocaleString('en')} flows`] = show(afterHalf);
    results[`memory after ${total.toLocaleString('en')} flows`] =
      `${show(afterN)} (heap ${(afterN.heap - after100.heap).toFixed(1)} MB above 100 flows, ${(afterN.heap - afterHalf.heap).toFixed(1)} MB above ${half.toLocaleString('en')})`;
    const at = await burst(server, CONCURRENT);
    const afterBurst = memory();
    const failed = [...at.failures].map(([why, n]) => `${n}× ${why}`).join('; ');
    results[
      `${CONCURRENT} concurrent full flows (${CONCURRENT} clients started at once, each connected to the end)`
    ] =
      `${at.times.length} succeeded, ${CONCURRENT - at.times.length} failed${failed ? ` (${failed})` : ''}; ${(at.times.length / at.seconds).toFixed(0)} flows/s; p50 / p95 ${percentile(at.times, 50).toFixed(0)} / ${percentile(at.times, 95).toFixed(0)} ms`;
    results['answered 503 over capacity during the burst'] = refusals(overCapacity);
    results[`memory after the ${CONCURRENT}-flow burst`] = show(afterBurst);
    Object.assign(results, await hostile(server, Math.min(total, 5_000)));
    results['answered 503 over capacity by the end of the soak'] = `${refusals(overCapacity)}${
      overCapacity[0] ? `, e.g. "${overCapacity[0].slice(13)}"` : ''
    }`;
    const afterHostile = memory();
    results[
      `memory after a hostile soak (${IDLE_SOCKETS} idle sockets; 5,000 unused clients, unredeemed codes, 60 KB bodies)`
    ] = `${show(afterHostile)} (heap ${(afterHostile.heap - start.heap).toFixed(1)} MB above the start)`;
    const { as } = server.world;
    results['stores after all of it'] =
      `${as.clients.size} clients, ${as.codes.size} codes, ${as.refreshTokens.size} refresh tokens, ${as.transactions.size} consent pages, ${server.exchanges.length} exchanges`;
  } finally {
    await server.close();
  }
  return results;
}
