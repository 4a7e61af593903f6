/**
 * The client's rules (docs/reference §3.1), each shown by a server that breaks the assumption the rule
 * protects: the client must stop at the right check and send nothing further.
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { validateCallback } from '../src/sim/client/authorization';
import { sameResource } from '../src/sim/client/discovery';
import { createSession } from '../src/sim/client/session';
import type { ClientContext } from '../src/sim/client/session';
import { ALL_CHECKS, ClientRefusal } from '../src/sim/client/types';
import type { ClientNote } from '../src/sim/client/types';
import { parseBearerChallenge } from '../src/sim/client/wwwAuthenticate';
import { runFlow } from '../src/sim/flow/simulation';
import type { RunConfig } from '../src/sim/flow/simulation';
import { authServerMetadata } from '../src/sim/servers/auth/metadata';
import { createRng } from '../src/sim/world/random';
import type { World } from '../src/sim/world/world';
import { stepsOf } from './helpers';

const base: RunConfig = { seed: 'c', scenario: 'first-connection', registration: 'dcr' };
const AS_META = 'https://auth.example.com/.well-known/oauth-authorization-server';
const PRM_PATH = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
const ROOT_PRM = 'https://mcp.example.com/.well-known/oauth-protected-resource';

function withMetadata(edit: (doc: Record<string, unknown>) => Record<string, unknown>): RunConfig {
  return {
    ...base,
    extraHandlers: (w: World) => [
      http.get(AS_META, () => HttpResponse.json(edit(authServerMetadata(w.urls.issuer)))),
    ],
  };
}

describe('client checks on authorization server metadata', () => {
  it.each([
    [
      'code_challenge_methods_supported absent',
      (d: Record<string, unknown>) => ({ ...d, code_challenge_methods_supported: undefined }),
      'C-28',
    ],
    [
      'only plain PKCE',
      (d: Record<string, unknown>) => ({ ...d, code_challenge_methods_supported: ['plain'] }),
      'C-27',
    ],
    [
      'issuer differs by a trailing slash',
      (d: Record<string, unknown>) => ({ ...d, issuer: 'https://auth.example.com/' }),
      'C-06',
    ],
    [
      'a javascript: authorization endpoint',
      (d: Record<string, unknown>) => ({ ...d, authorization_endpoint: 'javascript:alert(1)' }),
      'C-51',
    ],
    [
      'an http token endpoint (OAuth 2.1 §1.5)',
      (d: Record<string, unknown>) => ({ ...d, token_endpoint: 'http://auth.example.com/token' }),
      'C-32',
    ],
    [
      'a loopback http token endpoint, in the simulated internet (A-10)',
      (d: Record<string, unknown>) => ({ ...d, token_endpoint: 'http://127.0.0.1:9000/token' }),
      'C-32',
    ],
  ])('%s: refused before any registration or authorization request', async (_, edit, rule) => {
    const run = await runFlow(withMetadata(edit));
    expect(run.outcome).toMatchObject({ kind: 'refused', rule });
    const steps = stepsOf(run.trace);
    expect(steps).not.toContain('dcr:request');
    expect(steps).not.toContain('authorize:request');
    expect(steps).not.toContain('token:request');
  });

  it('a client that does not insist on S256 settles for plain: the challenge is the verifier', async () => {
    const run = await runFlow({
      ...base,
      vulnerabilities: ['as-pkce-plain-only', 'client-no-s256-check'],
    });
    expect(run.outcome.kind).toBe('success');
    const authorize = run.trace.find((e) => e.kind === 'request' && e.stepId === 'authorize');
    const params = new URL(authorize?.kind === 'request' ? authorize.request.url : 'x:/').searchParams;
    expect(params.get('code_challenge_method')).toBe('plain');
    const token = run.trace.find((e) => e.kind === 'request' && e.stepId === 'token');
    const form = new URLSearchParams(token?.kind === 'request' ? (token.request.body ?? '') : '');
    expect(form.get('code_verifier')).toBe(params.get('code_challenge'));
  });

  it('falls back to OpenID Connect discovery when RFC 8414 metadata is missing (C-02, C-05)', async () => {
    const run = await runFlow({
      ...base,
      extraHandlers: () => [http.get(AS_META, () => new HttpResponse(null, { status: 404 }))],
    });
    expect(run.outcome.kind).toBe('success');
    const urls = run.trace.flatMap((e) =>
      e.kind === 'request' && e.stepId === 'as-metadata' ? [e.request.url] : [],
    );
    expect(urls).toEqual([AS_META, 'https://auth.example.com/.well-known/openid-configuration']);
  });
});

describe('client checks on protected resource metadata', () => {
  it('a resource other than the server it asked: refused, no authorization server contacted (RFC 9728 §3.3)', async () => {
    const run = await runFlow({
      ...base,
      extraHandlers: (w) => [
        http.get(PRM_PATH, () =>
          HttpResponse.json({ resource: w.urls.evilMcp, authorization_servers: [w.urls.issuer] }),
        ),
      ],
    });
    expect(run.outcome).toMatchObject({ kind: 'refused', rule: 'C-22' });
    expect(stepsOf(run.trace)).not.toContain('as-metadata:request');
  });

  /** A server that sends no resource_metadata and serves its metadata at the root only. */
  const rootOnly = (resource: (w: World) => string): RunConfig => ({
    ...base,
    extraHandlers: (w) => [
      http.post(w.urls.mcp, ({ request }) =>
        request.headers.get('authorization')
          ? undefined
          : HttpResponse.json(
              {},
              { status: 401, headers: { 'WWW-Authenticate': 'Bearer scope="files:read"' } },
            ),
      ),
      http.get(PRM_PATH, () => new HttpResponse(null, { status: 404 })),
      http.get(ROOT_PRM, () =>
        HttpResponse.json({
          resource: resource(w),
          authorization_servers: [w.urls.issuer],
          scopes_supported: ['files:read'],
        }),
      ),
    ],
  });

  it('without resource_metadata in the challenge, tries the path-inserted URL, then the root (C-03)', async () => {
    // RFC 9728 §3.3: found at the root well-known URL, resource names the origin it was built from
    // (as in the official conformance scenario auth/metadata-var2), and the client asks for that.
    const run = await runFlow(rootOnly((w) => new URL(w.urls.mcp).origin));
    const urls = run.trace.flatMap((e) =>
      e.kind === 'request' && e.stepId === 'prm-discovery' ? [e.request.url] : [],
    );
    expect(urls).toEqual([PRM_PATH, ROOT_PRM]);
    const check = run.trace.find((e) => e.kind === 'internal' && e.stepId === 'validate-prm');
    expect(check).toMatchObject({ outcome: 'ok' });
    const authorize = run.trace.find((e) => e.kind === 'request' && e.stepId === 'authorize');
    expect(authorize?.kind === 'request' && new URL(authorize.request.url).searchParams.get('resource')).toBe(
      'https://mcp.example.com',
    );
  });

  it.each([
    ['the MCP URL, at the root well-known URL', (w: World) => w.urls.mcp],
    ['another server', () => 'https://other.example/mcp'],
  ])('metadata at the root that names %s is not used (RFC 9728 §3.3)', async (_, resource) => {
    const run = await runFlow(rootOnly(resource));
    expect(run.outcome).toMatchObject({ kind: 'refused', rule: 'C-22' });
    expect(stepsOf(run.trace)).not.toContain('as-metadata:request');
  });

  it('compares scheme and host without case, the rest exactly', () => {
    expect(sameResource('HTTPS://MCP.example.com/mcp', 'https://mcp.example.com/mcp')).toBe(true);
    expect(sameResource('https://mcp.example.com/', 'https://mcp.example.com')).toBe(true);
    expect(sameResource('https://mcp.example.com/MCP', 'https://mcp.example.com/mcp')).toBe(false);
    expect(sameResource('https://mcp.example.com/mcp/', 'https://mcp.example.com/mcp')).toBe(false);
    expect(sameResource('https://mcp.example.com:443/mcp', 'https://mcp.example.com/mcp')).toBe(false);
  });
});

describe('client checks on the authorization response (state, RFC 9207 iss)', () => {
  function context(issSupported: boolean): { ctx: ClientContext; notes: ClientNote[] } {
    const notes: ClientNote[] = [];
    const session = createSession();
    session.pending = {
      verifier: 'v',
      state: 'S',
      issuer: 'https://auth.example.com',
      issSupported,
      scope: 'files:read',
      resource: 'r',
      redirectUri: 'cb',
      url: 'u',
    };
    const ctx: ClientContext = {
      rng: createRng('client-test'),
      deps: {
        fetch: () => Promise.reject(new Error('no network in this test')),
        note: (n) => {
          notes.push(n);
          return Promise.resolve();
        },
        openBrowser: () => Promise.reject(new Error('no')),
      },
      config: {
        serverUrl: '',
        redirectUri: 'cb',
        clientName: 'c',
        preregistered: {},
        grant: 'authorization_code',
        checks: ALL_CHECKS,
        maxAuthorizations: 3,
        protocolVersion: '2026-07-28',
        allowLoopbackHttp: false,
      },
      session,
    };
    return { ctx, notes };
  }
  const cb = (query: string) => new URL(`http://127.0.0.1:33418/callback?${query}`);

  it('accepts a matching state and iss', async () => {
    const { ctx } = context(true);
    expect(await validateCallback(ctx, cb('code=C&state=S&iss=https%3A%2F%2Fauth.example.com'))).toEqual({
      kind: 'code',
      code: 'C',
    });
  });

  it.each([
    ['wrong state', true, 'code=C&state=X&iss=https%3A%2F%2Fauth.example.com', 'C-30'],
    ['missing state', true, 'code=C&iss=https%3A%2F%2Fauth.example.com', 'C-30'],
    // C-19 decides; C-20 is the rule that refuses when only normalising would have made them equal.
    ['another issuer (mix-up)', true, 'code=C&state=S&iss=https%3A%2F%2Fattacker-as.example', 'C-19'],
    ['iss with a trailing slash', true, 'code=C&state=S&iss=https%3A%2F%2Fauth.example.com%2F', 'C-20'],
    ['iss in upper case', true, 'code=C&state=S&iss=https%3A%2F%2FAUTH.example.com', 'C-20'],
    ['iss advertised but missing', true, 'code=C&state=S', 'C-19'],
    ['iss not advertised but wrong', false, 'code=C&state=S&iss=https%3A%2F%2Fattacker-as.example', 'C-19'],
  ])('%s: discarded, with a refusal naming the rule', async (_, supported, query, rule) => {
    const { ctx, notes } = context(supported);
    const error = await validateCallback(ctx, cb(query)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientRefusal);
    expect(error).toMatchObject({ rule });
    expect(notes.at(-1)?.outcome).toBe('refused');
  });

  it('iss neither advertised nor sent: proceeds', async () => {
    const { ctx } = context(false);
    expect(await validateCallback(ctx, cb('code=C&state=S'))).toEqual({ kind: 'code', code: 'C' });
  });

  it('an error response with a wrong iss is not shown (C-21)', async () => {
    const { ctx } = context(true);
    const error = await validateCallback(
      ctx,
      cb('error=access_denied&error_description=Call+555&state=S&iss=https%3A%2F%2Fevil'),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientRefusal);
    expect(String(error)).not.toContain('555');
  });
});

describe('WWW-Authenticate parsing (C-04)', () => {
  it('reads the Bearer challenge among others, with quoted and token values', () => {
    const c = parseBearerChallenge(
      'Basic realm="x", Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://m.example/.well-known/oauth-protected-resource", error_description="needs \\"write\\""',
    );
    expect(c).toMatchObject({
      error: 'insufficient_scope',
      scope: 'files:read files:write',
      resourceMetadata: 'https://m.example/.well-known/oauth-protected-resource',
      errorDescription: 'needs "write"',
    });
  });
  it('handles token values, case-insensitive scheme and parameter names, and no Bearer at all', () => {
    expect(parseBearerChallenge('bearer Error=invalid_token')).toMatchObject({ error: 'invalid_token' });
    expect(parseBearerChallenge('Basic realm="x"')).toBeNull();
    expect(parseBearerChallenge(null)).toBeNull();
    expect(parseBearerChallenge('Bearer')).toMatchObject({ params: {} });
  });
});
