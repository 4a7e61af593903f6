/**
 * The real-wire world under load ("Nothing forged, nothing lost", item 5; "Real clients, real
 * servers, real flows"): whole OAuth flows over loopback sockets (DCR, authorize, token, a tool
 * call), their rate and latency, and the process's memory after 100 flows, after N, and after a
 * hostile soak (idle sockets past the cap, registrations never used, codes never redeemed, large
 * bodies). Heap figures are after a full GC (`--expose-gc`, as `npm run bench` runs); RSS is what the
 * OS sees. REALWIRE_FLOWS sets N (default 2,000, about a minute; 10,000 for the issue's figure; 0 skips
 * the section); `npm run bench real-wire` runs this section alone.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { challengeS256, createVerifier } from '../src/sim/crypto/pkce';
import { cryptoRng } from '../src/sim/world/random';
import { mcpRequest } from '../src/sim/mcp/request';
import { startWorldServer } from '../src/realwire/worldServer';
import type { WorldServer } from '../src/realwire/worldServer';

const MB = 1024 * 1024;
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

async function register(server: WorldServer): Promise<string> {
  const res = await fetch(`${server.issuer}/register`, {
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
  const body = (await res.json()) as { client_id?: string };
  if (res.status !== 201 || !body.client_id) throw new Error(`registration: ${res.status}`);
  return body.client_id;
}

/** The code an auto-approving world redirects with (a code never redeemed, if the caller stops here). */
async function authorize(server: WorldServer, clientId: string, verifier: string): Promise<string> {
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
  const res = await fetch(url, { redirect: 'manual' });
  await res.arrayBuffer();
  return new URL(res.headers.get('location') ?? 'http://x.invalid').searchParams.get('code') ?? '';
}

/** One whole flow: DCR, authorize (auto-approved), token, tools/call. */
async function flow(server: WorldServer): Promise<void> {
  const clientId = await register(server);
  const verifier = createVerifier(cryptoRng());
  const code = await authorize(server, clientId, verifier);
  const token = await fetch(`${server.issuer}/token`, {
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
  const { access_token: accessToken } = (await token.json()) as { access_token?: string };
  if (!accessToken) throw new Error(`token: ${token.status}`);
  const call = await fetch(server.mcpUrl, {
    method: 'POST',
    ...mcpRequest({
      method: 'tools/call',
      params: { name: 'list_files', arguments: {} },
      token: accessToken,
    }),
  });
  await call.arrayBuffer();
  if (call.status !== 200) throw new Error(`tools/call: ${call.status}`);
}

/** Runs `count` flows, `concurrency` at a time; returns each flow's duration in ms. */
async function flows(server: WorldServer, count: number, concurrency: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const start = performance.now();
      await flow(server);
      times.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return times;
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
  const idle = await idleSockets(server, 300);
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
  for (let i = 0; i < rounds; i++) {
    const clientId = await register(server); // never used again
    await authorize(server, clientId, createVerifier(cryptoRng())); // a code never redeemed
    const big = await fetch(server.mcpUrl, { method: 'POST', body: 'x'.repeat(60_000) });
    await big.arrayBuffer();
  }
  return { 'a new client while 300 idle sockets are open (cap 256)': answered };
}

export async function benchRealwire(): Promise<Record<string, string>> {
  const total = Number(process.env.REALWIRE_FLOWS ?? 2_000);
  if (!(total >= 200)) return { skipped: 'REALWIRE_FLOWS is below 200' };
  const results: Record<string, string> = {};
  const server = await startWorldServer({ port: 0, autoApprove: true });
  try {
    await flows(server, 20, 1); // warm-up: JIT, module init, keys
    const start = memory();
    await flows(server, 100, 4);
    const after100 = memory();
    const began = performance.now();
    const times = (await flows(server, total - 100, 4)).sort((a, b) => a - b);
    const seconds = (performance.now() - began) / 1000;
    const afterN = memory();
    results['flows per second (DCR, authorize, token, tools/call; 4 at a time)'] =
      `${((total - 100) / seconds).toFixed(0)}`;
    results['flow latency p50 / p95'] =
      `${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)} ms`;
    results['memory at start (after warm-up)'] = show(start);
    results['memory after 100 flows'] = show(after100);
    results[`memory after ${total.toLocaleString('en')} flows`] =
      `${show(afterN)} (heap ${(afterN.heap - after100.heap).toFixed(1)} MB above 100 flows)`;
    Object.assign(results, await hostile(server, Math.min(total, 5_000)));
    const afterHostile = memory();
    results[
      'memory after a hostile soak (300 idle sockets; 5,000 unused clients, unredeemed codes, 60 KB bodies)'
    ] = `${show(afterHostile)} (heap ${(afterHostile.heap - start.heap).toFixed(1)} MB above the start)`;
    const { as } = server.world;
    results['stores after all of it'] =
      `${as.clients.size} clients, ${as.codes.size} codes, ${as.refreshTokens.size} refresh tokens, ${as.transactions.size} consent pages, ${server.exchanges.length} exchanges`;
  } finally {
    await server.close();
  }
  return results;
}
