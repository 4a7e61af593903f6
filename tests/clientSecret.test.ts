/**
 * A client secret at the token endpoint, both ways (OAuth 2.1 draft-13 §2.4.1; EXT-CC): HTTP Basic
 * (`client_secret_basic`) or the form body (`client_secret_post`), chosen by the client from the
 * server's `token_endpoint_auth_methods_supported` (C-70; RFC 8414 §2), and a server that refuses a
 * way it does not list with invalid_client and its rule (A-26; OAuth 2.1 §3.2.4).
 */
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { chooseAuthMethod } from '../src/sim/client/tokens';
import { runFlow } from '../src/sim/flow/simulation';
import type { RunResult } from '../src/sim/flow/simulation';
import { authServerMetadata, endpoints } from '../src/sim/servers/auth/metadata';
import { checkSecretMethod } from '../src/sim/servers/auth/secretMethods';
import { CONFIDENTIAL_CLIENT_ID } from '../src/sim/servers/auth/state';
import { downstreamToken } from '../src/sim/servers/mcp/downstream';
import { holdingsAt } from '../src/sim/trace/holdings';
import { recapOf } from '../src/sim/trace/recap';
import { toHar, toMermaid } from '../src/sim/trace/export';
import { importHar } from '../src/sim/har';
import { headerValue } from '../src/sim/trace/types';
import type { RequestEvent, ResponseEvent } from '../src/sim/trace/types';
import type { World } from '../src/sim/world/world';
import { send, world } from './helpers';

function tokenExchange(run: RunResult): { request: RequestEvent; response: ResponseEvent } {
  const request = run.trace.find(
    (e): e is RequestEvent => e.kind === 'request' && e.stepId === 'client-credentials',
  );
  const response = run.trace.find(
    (e): e is ResponseEvent => e.kind === 'response' && e.stepId === 'client-credentials',
  );
  if (!request || !response) throw new Error('no client credentials exchange in the trace');
  return { request, response };
}

function listed(run: RunResult): unknown {
  const metadata = run.trace.find((e) => e.kind === 'response' && e.stepId === 'as-metadata');
  const body: unknown = metadata?.kind === 'response' ? JSON.parse(metadata.response?.body ?? '{}') : {};
  return typeof body === 'object' && body !== null && 'token_endpoint_auth_methods_supported' in body
    ? body.token_endpoint_auth_methods_supported
    : undefined;
}

const secretOf = (w: World) => w.as.clients.get(CONFIDENTIAL_CLIENT_ID)?.client_secret ?? '';

const basicHeader = (id: string, secret: string) => `Basic ${btoa(`${id}:${secret}`)}`;

describe('a client secret, both ways: the flow completes and the trace shows which', () => {
  const cases = [
    {
      scenario: 'client-credentials',
      methods: ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'],
      method: 'client_secret_basic',
    },
    {
      scenario: 'client-credentials-post',
      methods: ['none', 'client_secret_post', 'private_key_jwt'],
      method: 'client_secret_post',
    },
  ] as const;

  it.each(cases)('$scenario: the server lists $methods, the client sends $method', async (c) => {
    const run = await runFlow({
      seed: `secret-${c.method}`,
      scenario: c.scenario,
      registration: 'preregistered',
    });
    expect(run.outcome.kind).toBe('success');
    expect(listed(run)).toEqual(c.methods);
    const { request, response } = tokenExchange(run);
    expect(response.response?.status).toBe(200);
    const form = new URLSearchParams(request.request.body ?? '');
    const secret = secretOf(run.world);
    expect(secret.length).toBeGreaterThan(10);
    const authorization = headerValue(request.request.headers, 'authorization');
    if (c.method === 'client_secret_basic') {
      expect(authorization).toBe(basicHeader(CONFIDENTIAL_CLIENT_ID, secret));
      expect(form.has('client_secret')).toBe(false);
      expect(form.has('client_id')).toBe(false);
    } else {
      // OAuth 2.1 §2.4.1: both parameters in the body, none in the URI, and one method only.
      expect(authorization).toBeUndefined();
      expect(form.get('client_id')).toBe(CONFIDENTIAL_CLIENT_ID);
      expect(form.get('client_secret')).toBe(secret);
      expect(new URL(request.request.url).search).toBe('');
    }
    expect(form.get('grant_type')).toBe('client_credentials');
    // The client says on its own lane which way it will send the secret, and why.
    const plan = run.trace.find((e) => e.kind === 'internal' && e.stepId === 'choose-registration');
    expect(plan?.kind === 'internal' ? plan.detail.summary : '').toContain(`(${c.method})`);
    // Who holds the secret: the client and the authorization server, from the token request on.
    const holding = holdingsAt(run.trace).find((h) => h.kind === 'client-secret');
    expect(holding?.value).toBe(secret);
    // ...and where it travelled: the Authorization header, or the body.
    const via = c.method === 'client_secret_basic' ? 'header' : 'body';
    expect(holding?.holders).toEqual([
      { lane: 'client', since: request.seq, via },
      { lane: 'as', since: request.seq, via },
    ]);
  });
});

describe('the authorization server refuses a way it does not list (A-26)', () => {
  async function token(w: World, params: Record<string, string>, headers: Record<string, string> = {}) {
    const res = await send(w, endpoints(w.urls.issuer).token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        resource: w.urls.mcp,
        ...params,
      }).toString(),
    });
    const last = w.recorder.events.findLast((e) => e.kind === 'response');
    return {
      status: res.status,
      challenge: res.headers.get('www-authenticate'),
      body: (await res.json()) as Record<string, unknown>,
      rule: last?.kind === 'response' ? last.refusal?.rule : undefined,
    };
  }

  it('Basic with the right secret at a body-only server: 401 invalid_client with a Basic challenge', async () => {
    const w = world({ secretMethods: ['client_secret_post'] });
    const refused = await token(w, {}, { Authorization: basicHeader(CONFIDENTIAL_CLIENT_ID, secretOf(w)) });
    expect(refused).toEqual({
      status: 401,
      challenge: 'Basic realm="token"',
      body: {
        error: 'invalid_client',
        error_description:
          'this server does not accept client_secret_basic; token_endpoint_auth_methods_supported lists client_secret_post',
      },
      rule: 'A-26',
    });
    // The same secret in the body is accepted; a wrong one is the ordinary failure (A-20).
    const ok = await token(w, { client_id: CONFIDENTIAL_CLIENT_ID, client_secret: secretOf(w) });
    expect(ok.status).toBe(200);
    const wrong = await token(w, { client_id: CONFIDENTIAL_CLIENT_ID, client_secret: 'guess' });
    expect([wrong.status, wrong.body.error, wrong.rule]).toEqual([400, 'invalid_client', 'A-20']);
  });

  it('the body at a server that took only Basic: 400 invalid_client, no challenge (§3.2.4)', async () => {
    const w = world({ secretMethods: ['client_secret_basic'] });
    const refused = await token(w, { client_id: CONFIDENTIAL_CLIENT_ID, client_secret: secretOf(w) });
    expect([refused.status, refused.challenge, refused.body.error, refused.rule]).toEqual([
      400,
      null,
      'invalid_client',
      'A-26',
    ]);
    expect(checkSecretMethod(['client_secret_basic', 'client_secret_post'], 'client_secret_post')).toEqual({
      ok: true,
      rule: 'A-26',
    });
  });

  it("lists in its metadata exactly what it enforces, and keeps A-50's private_key_jwt", () => {
    expect(
      authServerMetadata('https://as.example', { secretMethods: ['client_secret_post'] })
        .token_endpoint_auth_methods_supported,
    ).toEqual(['none', 'client_secret_post', 'private_key_jwt']);
  });

  it("the MCP server's own client follows the server too: its secret goes in the body there", async () => {
    const w = world({ secretMethods: ['client_secret_post'] });
    expect(await downstreamToken(w)).toMatch(/^eyJ/);
    const request = w.recorder.events.find((e) => e.kind === 'request' && e.stepId === 'client-credentials');
    expect(request?.kind === 'request' && headerValue(request.request.headers, 'authorization')).toBe(
      undefined,
    );
  });
});

describe('the client picks from the metadata (C-70; RFC 8414 §2)', () => {
  const secret = { client_id: 'c', client_secret: 's' };
  it.each([
    { supported: ['client_secret_basic', 'client_secret_post'], method: 'client_secret_basic' },
    { supported: ['client_secret_post', 'client_secret_basic'], method: 'client_secret_basic' },
    { supported: ['none', 'client_secret_post', 'private_key_jwt'], method: 'client_secret_post' },
    { supported: undefined, method: 'client_secret_basic' },
  ])('lists $supported: $method', ({ supported, method }) => {
    expect(chooseAuthMethod(secret, supported)).toBe(method);
  });

  it('a body-only server that omits the list: the client takes the default (Basic), and is refused', async () => {
    const run = await runFlow({
      seed: 'no-list',
      scenario: 'client-credentials-post',
      registration: 'preregistered',
      extraHandlers: (w) => [
        http.get(`${w.urls.issuer}/.well-known/oauth-authorization-server`, () => {
          const { token_endpoint_auth_methods_supported: _omitted, ...rest } = authServerMetadata(
            w.urls.issuer,
          );
          return Response.json(rest);
        }),
      ],
    });
    const { request, response } = tokenExchange(run);
    expect(headerValue(request.request.headers, 'authorization')).toMatch(/^Basic /);
    expect(response.response?.status).toBe(401);
    expect(response.refusal).toMatchObject({ rule: 'A-26', error: 'invalid_client' });
    expect(run.outcome.kind).not.toBe('success');
  });

  it('a server that lists no way to send a secret: the client stops before sending it (C-70)', async () => {
    const run = await runFlow({
      seed: 'no-secret-method',
      scenario: 'client-credentials-post',
      registration: 'preregistered',
      extraHandlers: (w) => [
        http.get(`${w.urls.issuer}/.well-known/oauth-authorization-server`, () =>
          Response.json({
            ...authServerMetadata(w.urls.issuer),
            token_endpoint_auth_methods_supported: ['private_key_jwt'],
          }),
        ),
      ],
    });
    expect(run.outcome).toMatchObject({ kind: 'refused', rule: 'C-70' });
    expect(run.trace.some((e) => e.stepId === 'client-credentials')).toBe(false);
    const note = run.trace.find((e) => e.kind === 'internal' && e.stepId === 'choose-registration');
    expect(note?.kind === 'internal' && [note.title, note.outcome, note.detail.checks?.[0]?.status]).toEqual([
      'No authentication method in common',
      'refused',
      'fail',
    ]);
  });

  it("the recap names the client's choice as a rule that held", async () => {
    const run = await runFlow({
      seed: 'recap',
      scenario: 'client-credentials-post',
      registration: 'preregistered',
    });
    expect(recapOf(run.trace, run.outcome).decided).toContainEqual(
      expect.objectContaining({ rule: 'C-70', verdict: 'held' }),
    );
  });
});

describe('the exports carry the body method', () => {
  it('HAR: the token request posts client_id and client_secret, with no Authorization header; it imports clean', async () => {
    const run = await runFlow({
      seed: 'har',
      scenario: 'client-credentials-post',
      registration: 'preregistered',
    });
    const har = toHar(run.trace);
    const token = har.log.entries.find((e) => e.request.url.endsWith('/token'));
    const form = new URLSearchParams(token?.request.postData?.text ?? '');
    expect([form.get('client_id'), form.get('client_secret')]).toEqual([
      CONFIDENTIAL_CLIENT_ID,
      secretOf(run.world),
    ]);
    expect(token?.request.headers.some((h) => h.name.toLowerCase() === 'authorization')).toBe(false);
    const imported = await importHar(JSON.stringify(har));
    expect(imported.ok && imported.value.summary.failed).toEqual([]);
    // Mermaid: the same messages, the token request among them.
    expect(toMermaid(run.trace)).toContain('C->>A: POST auth.example.com/token');
  });
});
