/**
 * Helpers for the real-wire tests: a world server on an ephemeral 127.0.0.1 port that the test
 * stops afterwards, raw sockets for malformed HTTP, and an OAuth "attacker" that speaks real HTTP.
 * Nothing here ever connects anywhere but 127.0.0.1.
 */
import { connect } from 'node:net';
import { afterEach } from 'vitest';
import { challengeS256, createVerifier } from '../../src/sim/crypto/pkce';
import { cryptoRng } from '../../src/realwire/realClient';
import { startWorldServer } from '../../src/realwire/worldServer';
import type { WorldServer, WorldServerOptions } from '../../src/realwire/worldServer';
import { mcpRequest } from '../../src/sim/mcp/request';

const running: { close(): Promise<void> }[] = [];

/** Stops every server a test started, even when the test failed. */
export function stopServersAfterEach(): void {
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });
}

/** Registers anything with a close() to be stopped after the test. */
export function track<T extends { close(): Promise<void> }>(server: T): T {
  running.push(server);
  return server;
}

export async function world(options: WorldServerOptions = {}): Promise<WorldServer & { lines: string[] }> {
  const lines: string[] = [];
  const server = await startWorldServer({ port: 0, seed: 'realwire', log: (l) => lines.push(l), ...options });
  track(server);
  return Object.assign(server, { lines });
}

/** Sends raw bytes on a fresh socket and resolves with everything the server wrote before closing. */
export function raw(
  origin: string,
  data: string | Buffer,
  options: { timeoutMs?: number; endAfterWrite?: boolean } = {},
): Promise<string> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, options.timeoutMs ?? 5_000);
    socket.on('connect', () => {
      socket.write(data);
      if (options.endAfterWrite) socket.end();
    });
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') resolve(received);
      else reject(error);
    });
  });
}

export function mcpHeaders(method: string, token?: string, name?: string): Record<string, string> {
  return mcpRequest({ method, params: name === undefined ? {} : { name }, token }).headers;
}

/** A 2026-07-28 tools/call over the real wire, as anyone holding a token could send it. */
export async function callTool(
  mcpUrl: string,
  token: string | null,
  name: string,
  args: Record<string, unknown> = {},
): Promise<{ status: number; text: string; challenge: string }> {
  const res = await fetch(mcpUrl, {
    method: 'POST',
    ...mcpRequest({ method: 'tools/call', params: { name, arguments: args }, token }),
  });
  return { status: res.status, text: await res.text(), challenge: res.headers.get('www-authenticate') ?? '' };
}

export async function postForm(url: string, params: Record<string, string | undefined>) {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) form.set(k, v);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: form.toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export interface CodeFlow {
  clientId: string;
  clientSecret: string;
  code: string;
  /** What the token endpoint answered. */
  status: number;
  body: Record<string, unknown>;
}

/**
 * A whole authorization code flow over the real wire, against a world that auto-approves: DCR
 * (public, or confidential with client_secret_post), authorize with PKCE for `resource`, redeem.
 */
export async function codeFlow(
  server: WorldServer,
  options: { resource?: string; scope?: string; confidential?: boolean; refresh?: boolean } = {},
): Promise<CodeFlow> {
  const redirectUri = 'http://127.0.0.1:9/callback';
  const resource = options.resource ?? server.mcpUrl;
  const reg = await fetch(`${server.issuer}/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      client_name: 'Some other app',
      redirect_uris: [redirectUri],
      token_endpoint_auth_method: options.confidential ? 'client_secret_post' : 'none',
      grant_types: options.refresh ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
      application_type: 'native',
    }),
  });
  if (reg.status !== 201) throw new Error(`registration: ${reg.status} ${await reg.text()}`);
  const registered = (await reg.json()) as Record<string, unknown>;
  const clientId = String(registered.client_id);
  const clientSecret = typeof registered.client_secret === 'string' ? registered.client_secret : '';
  const verifier = createVerifier(cryptoRng());
  const url = new URL(`${server.issuer}/authorize`);
  const params = {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    state: 's',
    code_challenge: await challengeS256(verifier),
    code_challenge_method: 'S256',
    scope: options.scope ?? 'files:read',
    resource,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const authz = await fetch(url, { redirect: 'manual' });
  const code = new URL(authz.headers.get('location') ?? 'http://x.invalid').searchParams.get('code') ?? '';
  const res = await postForm(`${server.issuer}/token`, {
    grant_type: 'authorization_code',
    code,
    client_id: clientId,
    client_secret: options.confidential ? clientSecret : undefined,
    redirect_uri: redirectUri,
    code_verifier: verifier,
    resource,
  });
  return { clientId, clientSecret, code, ...res };
}

/** The access token (or null) a flow for `resource` ends with, and what the AS said. */
export async function tokenFor(
  server: WorldServer,
  resource: string,
): Promise<{ token: string | null; body: Record<string, unknown> }> {
  const { body } = await codeFlow(server, { resource });
  return { token: typeof body.access_token === 'string' ? body.access_token : null, body };
}
