/**
 * The HAR import on real recordings: the simulator's own client (runRealClient, what
 * `npm run client -- <url> --trace` runs) against a world on 127.0.0.1 with each named vulnerability
 * switched on. Its recording, imported, must show the rule that vulnerability breaks
 * (VULNERABILITIES[id].breaks, not restated here) broken on the right party's message; the same
 * recording from an honest world and client must not. A vulnerability that no client's recording
 * can show (a server's call to an API behind it, say) must be listed as not checkable.
 *
 * Some rules show only when someone tries: a replayed code, a redirect URI not registered, a token
 * for another server, a forged callback. Those recordings include that attempt, sent through the
 * same recorder (the "probe"); the client's own exchanges are untouched.
 */
import { describe, expect, it } from 'vitest';
import { exchangeFetch, followRedirects } from '../../src/realwire/browser';
import type { RealFetch } from '../../src/realwire/browser';
import type { Exchange } from '../../src/realwire/exchange';
import { inOrder, toHarLog } from '../../src/realwire/har';
import { runRealClient } from '../../src/realwire/realClient';
import type { RealClientOptions, RealClientResult } from '../../src/realwire/realClient';
import type { WorldServer } from '../../src/realwire/worldServer';
import { VULNERABILITIES, VULNERABILITY_IDS } from '../../src/sim/attacks/vulnerabilities';
import type { VulnerabilityId } from '../../src/sim/attacks/vulnerabilities';
import { importHar } from '../../src/sim/har';
import type { HarImport } from '../../src/sim/har';
import type { Lane } from '../../src/sim/lanes';
import { signingKeyToPkcs8 } from '../../src/sim/crypto/jwt';
import { MACHINE_JWT_CLIENT_ID } from '../../src/sim/servers/auth/state';
import { IDP_CLIENT_ID } from '../../src/sim/servers/idp/state';
import { stopServersAfterEach, tokenFor, world } from './helpers';

stopServersAfterEach();

type Send = ReturnType<typeof exchangeFetch>;

type Probe = (context: { server: WorldServer; result: RealClientResult; send: Send }) => Promise<void>;

interface Case {
  /** Who must be seen breaking the rule: the lane of the message that carries it. */
  by?: Lane;
  /** Switched on in the world (besides the vulnerability itself, when it is the world's). */
  world?: VulnerabilityId[];
  /** Switched on in the client (besides the vulnerability itself, when it is the client's). */
  client?: VulnerabilityId[];
  /** What the client is given (its URL, a browser, a fetch); `send` records into the same HAR. */
  options?: (
    server: WorldServer,
    send: Send,
  ) => Partial<RealClientOptions> | Promise<Partial<RealClientOptions>>;
  probe?: Probe;
  /** No recording can show this rule broken: the import must say so instead. */
  notCheckable?: true;
}

function findExchange(result: RealClientResult, test: (e: Exchange) => boolean): Exchange {
  const found = result.exchanges.find(test);
  if (!found) throw new Error('the client did not send the request this probe repeats');
  return found;
}

const path = (e: Exchange) => new URL(e.url).pathname;

/** The client's token request, sent again as it was: a replayed code. */
const replayCode: Probe = async ({ result, send }) => {
  const token = findExchange(result, (e) => path(e).endsWith('/token'));
  await send(token.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: token.requestBody,
  });
};

/** The client's refresh token used twice, as its own client. */
const refreshTwice: Probe = async ({ server, result, send }) => {
  const token = findExchange(result, (e) => path(e).endsWith('/token'));
  const issued: unknown = JSON.parse(token.responseBody ?? '{}');
  const refresh =
    typeof issued === 'object' && issued !== null && 'refresh_token' in issued
      ? String(issued.refresh_token)
      : '';
  const clientId = new URLSearchParams(token.requestBody ?? '').get('client_id') ?? '';
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: refresh,
    client_id: clientId,
    resource: server.mcpUrl,
  }).toString();
  const init = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body };
  await send(`${server.issuer}/token`, init);
  await send(`${server.issuer}/token`, init);
};

/** The client's authorization request again, to a path of the loopback host it never registered. */
const otherRedirect: Probe = async ({ result, send }) => {
  const authorize = findExchange(result, (e) => path(e).endsWith('/authorize'));
  const url = new URL(authorize.url);
  const registered = new URL(url.searchParams.get('redirect_uri') ?? '');
  url.searchParams.set('redirect_uri', `${registered.origin}/elsewhere`);
  await send(url.href);
};

/** A genuine token of the same authorization server, for another MCP server, sent to this one. */
const tokenForAnotherServer: Probe = async ({ server, send }) => {
  const { token } = await tokenFor(server, server.world.urls.evilMcp);
  await send(server.mcpUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'MCP-Protocol-Version': '2026-07-28',
      'Mcp-Method': 'tools/list',
      Authorization: `Bearer ${token ?? ''}`,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 9,
      method: 'tools/list',
      params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } },
    }),
  });
};

/**
 * A browser that brings back a tampered authorization response: the real one, with one parameter
 * changed (a forged state, an iss from another server), delivered to the client's loopback listener.
 */
function tamperedCallback(send: Send, name: 'state' | 'iss', value: string): Partial<RealClientOptions> {
  return {
    follow: false,
    browser: async (url, listener) => {
      // The browser's own requests are in the recording, as a browser's developer tools would have them.
      const followed = await followRedirects(url, listener.redirectUri, send);
      if (followed.kind !== 'callback') return { kind: 'no-callback', reason: followed.reason };
      const forged = new URL(followed.url);
      forged.searchParams.set(name, value);
      await fetch(forged);
      return { kind: 'callback', url: forged };
    },
  };
}

/** Metadata whose issuer is not the one its URL was built from: a spoofed authorization server. */
function spoofedIssuer(server: WorldServer): Partial<RealClientOptions> {
  const spoofing: RealFetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const response = await fetch(input, init);
    if (!url.includes('/.well-known/oauth-authorization-server')) return response;
    const doc: unknown = await response.json();
    return Response.json(
      { ...(typeof doc === 'object' && doc !== null ? doc : {}), issuer: `${server.origin}/other-issuer` },
      { status: response.status },
    );
  };
  return { fetch: spoofing };
}

/** The world's machine client, signing assertions with its key (private_key_jwt). */
async function machineJwt(server: WorldServer): Promise<Partial<RealClientOptions>> {
  return {
    grant: 'client_credentials',
    clientId: MACHINE_JWT_CLIENT_ID,
    privateKeyPem: await signingKeyToPkcs8(server.world.clientHost.signingKey),
  };
}

/** Enterprise-managed authorization through the world's IdP. */
function enterprise(server: WorldServer): Partial<RealClientOptions> {
  return {
    grant: 'enterprise',
    enterprise: { idpIssuer: server.idp, idpClientId: IDP_CLIENT_ID },
    cimdUrl: server.world.urls.cimd,
  };
}

const withDpop = (): Partial<RealClientOptions> => ({ dpop: true });
/** A write after the list: the tool needs files:write, so the server answers 403 insufficient_scope. */
const writeTool = (): Partial<RealClientOptions> => ({
  operations: [
    { kind: 'call', method: 'tools/list' },
    {
      kind: 'call',
      method: 'tools/call',
      params: { name: 'write_file', arguments: { path: 'notes/todo.md', content: 'Ship it' } },
    },
  ],
});

const CASES = {
  'as-pkce-optional': { by: 'as', client: ['client-no-pkce'] },
  'as-no-pkce-support': { by: 'as' },
  'as-pkce-plain-only': { by: 'as' },
  'as-redirect-errors-untrusted': { by: 'as', client: ['client-no-pkce'] },
  'as-redirect-prefix-match': { by: 'as', probe: otherRedirect },
  'as-code-reusable': { by: 'as', probe: replayCode },
  'as-no-refresh-rotation': { by: 'as', probe: refreshTwice },
  'as-long-lived-tokens': { by: 'as' },
  'as-default-audience': { by: 'as', client: ['client-omit-resource'] },
  'as-assertion-any-audience': { notCheckable: true, options: machineJwt },
  'as-assertion-no-expiry': { notCheckable: true, options: machineJwt },
  'as-jwt-replay': { notCheckable: true, options: machineJwt },
  'as-id-jag-any-audience': { notCheckable: true, options: enterprise },
  'as-id-jag-ignores-claims': { notCheckable: true, options: enterprise },
  'mcp-dpop-downgrade': { notCheckable: true, options: withDpop },
  'mcp-dpop-no-htu-check': { notCheckable: true, options: withDpop },
  'mcp-dpop-no-iat-window': { notCheckable: true, options: withDpop },
  'mcp-dpop-jti-reuse': { notCheckable: true, options: withDpop },
  'client-no-dpop': { notCheckable: true, options: withDpop },
  'mcp-no-audience-check': { by: 'mcp', probe: tokenForAnotherServer },
  'mcp-token-passthrough': { notCheckable: true },
  'mcp-accept-query-token': { by: 'mcp', client: ['client-token-in-query'] },
  'mcp-unbound-handles': { notCheckable: true },
  'mcp-broad-scopes': { notCheckable: true },
  'proxy-no-per-client-consent': { notCheckable: true },
  'client-no-pkce': { by: 'browser' },
  'client-no-s256-check': { by: 'client', world: ['as-no-pkce-support'] },
  'client-no-state-check': { by: 'client', options: (_, send) => tamperedCallback(send, 'state', 'forged') },
  'client-no-iss-check': {
    by: 'client',
    options: (server, send) => tamperedCallback(send, 'iss', `${server.origin}/another-issuer`),
  },
  'client-omit-resource': { by: 'browser' },
  'client-token-in-query': { by: 'client' },
  // Connecting by another name than the one the server calls itself: its metadata names 127.0.0.1.
  'client-no-prm-resource-check': {
    by: 'client',
    options: (server) => ({ serverUrl: server.mcpUrl.replace('127.0.0.1', 'localhost') }),
  },
  'client-no-issuer-check': { by: 'client', options: spoofedIssuer },
  'client-all-scopes': { by: 'browser' },
  // The faults of the practice drills (src/sim/practice/faults.ts), as `npm run world -- --fault` serves them.
  'mcp-prm-undiscoverable': { by: 'mcp' },
  'mcp-scope-challenge-bare': { by: 'mcp', options: writeTool },
  'as-metadata-misplaced': { by: 'as' },
  'as-token-no-audience': { by: 'as' },
  'as-iss-missing': { by: 'as' },
  'client-step-up-refresh': { by: 'client', options: writeTool },
} as const satisfies Record<VulnerabilityId, Case>;

/** Records one run (and its probe) as our CLI writes it, and imports that HAR. */
async function recordAndImport(id: VulnerabilityId, vulnerable: boolean): Promise<HarImport> {
  const c: Case = CASES[id];
  const own = VULNERABILITIES[id].party === 'client' ? 'client' : 'world';
  const worldVulns = [...(c.world ?? []), ...(vulnerable && own === 'world' ? [id] : [])];
  const clientVulns = [...(c.client ?? []), ...(vulnerable && own === 'client' ? [id] : [])];
  const server = await world({ autoApprove: true, vulnerabilities: worldVulns });
  const probed: Exchange[] = [];
  const send = exchangeFetch((e) => probed.push(e));
  const result = await runRealClient({
    serverUrl: server.mcpUrl,
    follow: true,
    callbackTimeoutMs: 5_000,
    vulnerabilities: clientVulns,
    ...(await c.options?.(server, send)),
  });
  await c.probe?.({ server, result, send });
  const har = toHarLog(inOrder([...result.exchanges, ...probed]), { name: 'test', version: '1' });
  const imported = await importHar(JSON.stringify(har));
  if (!imported.ok) throw new Error(imported.problem.message);
  return imported.value;
}

function brokenBy(imported: HarImport, rule: string): Lane[] {
  return imported.summary.failed.filter((r) => r.rule === rule).flatMap((r) => r.findings.map((f) => f.from));
}

describe('a recording of each named vulnerability, imported', () => {
  it('covers every vulnerability', () => {
    expect(Object.keys(CASES).sort()).toEqual([...VULNERABILITY_IDS].sort());
  });

  for (const id of VULNERABILITY_IDS) {
    const rule = VULNERABILITIES[id].breaks;
    const c: Case = CASES[id];
    if (c.notCheckable) {
      it(`${id}: ${rule} is listed as not checkable from a HAR`, async () => {
        const imported = await recordAndImport(id, true);
        expect(imported.summary.notCheckable.map((n) => n.rule)).toContain(rule);
        expect(brokenBy(imported, rule)).toEqual([]);
      });
      continue;
    }
    it(`${id}: ${rule} broken by the ${c.by ?? '?'}, and not without the vulnerability`, async () => {
      const vulnerable = await recordAndImport(id, true);
      expect(brokenBy(vulnerable, rule)).toContain(c.by);
      const honest = await recordAndImport(id, false);
      expect(brokenBy(honest, rule)).not.toContain(c.by);
    });
  }
});
