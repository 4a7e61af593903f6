/**
 * The whole flow, headless: every scenario with every registration mode ends as the spec says,
 * and the messages match the numbered exchanges of docs/reference §2.3.
 */
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { runFlow } from '../src/sim/flow/simulation';
import { REGISTRATION_MODE_IDS } from '../src/sim/scenarios';
import { headerValue } from '../src/sim/trace/types';
import { responses, stepsOf } from './helpers';
import { at, parseJson, stringAt } from './json';

describe('the whole flow', () => {
  for (const registration of REGISTRATION_MODE_IDS) {
    for (const scenario of ['first-connection', 'step-up', 'refresh'] as const) {
      it(`${scenario} with ${registration} ends authorized with a tool result`, async () => {
        const run = await runFlow({ seed: 's1', scenario, registration });
        expect(run.outcome.kind).toBe('success');
        const last = responses(run.trace).at(-1);
        expect(last?.response?.status).toBe(200);
        expect(at(parseJson(last?.response?.body ?? '{}'), 'result', 'isError')).toBe(false);
        // No exchange anywhere ends in a server error.
        expect(responses(run.trace).every((r) => (r.response?.status ?? 0) < 500)).toBe(true);
      });
    }
    it(`deny with ${registration} ends with access_denied and no token request`, async () => {
      const run = await runFlow({ seed: 's1', scenario: 'deny', registration });
      expect(run.outcome).toMatchObject({ kind: 'denied', error: 'access_denied' });
      expect(run.trace.some((e) => e.stepId === 'token')).toBe(false);
      expect(run.client.session.tokens).toBeUndefined();
    });
  }

  it('client credentials gets a token without any browser step', async () => {
    const run = await runFlow({ seed: 's1', scenario: 'client-credentials', registration: 'preregistered' });
    expect(run.outcome.kind).toBe('success');
    expect(run.trace.some((e) => e.from === 'browser' || e.to === 'browser')).toBe(false);
    const token = run.client.session.tokens?.access_token ?? '';
    expect(decodeJwt(token)).toMatchObject({
      sub: 'mcp-sim-reporting-bot',
      aud: 'https://mcp.example.com/mcp',
    });
  });

  it('follows the numbered exchanges of docs/reference §2.3 (DCR)', async () => {
    const run = await runFlow({ seed: 's1', scenario: 'first-connection', registration: 'dcr' });
    expect(stepsOf(run.trace)).toEqual([
      'mcp-unauthenticated:request', // 1
      'mcp-unauthenticated:response', // 2
      'prm-discovery:request', // 3
      'prm-discovery:response', // 4
      'validate-prm',
      'as-metadata:request', // 5
      'as-metadata:response', // 6
      'validate-as-metadata',
      'choose-registration',
      'dcr:request', // 7c
      'dcr:response',
      'prepare-authorization', // 8
      'open-browser', // 9
      'authorize:request',
      'authorize:response',
      'user-consent',
      'consent-decision:request',
      'consent-decision:response', // 10
      'callback:request', // 11
      'callback:response',
      'validate-callback',
      'token:request', // 12
      'verify-pkce',
      'token:response', // 13
      'mcp-request:request', // 14
      'jwks-fetch:request',
      'jwks-fetch:response',
      'validate-token', // 15
      'mcp-request:response',
      'mcp-request:request',
      'validate-token',
      'mcp-request:response',
      'flow-ended',
    ]);
    const [unauth, prm, asMeta, dcr] = responses(run.trace);
    expect(unauth?.response?.status).toBe(401);
    const challenge = headerValue(unauth?.response?.headers ?? [], 'www-authenticate');
    expect(challenge).toBe(
      'Bearer scope="files:read", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
    );
    expect(challenge).not.toContain('error='); // RFC 6750 §3.1: no error when no credentials were sent
    expect(prm?.request.url).toBe('https://mcp.example.com/.well-known/oauth-protected-resource/mcp');
    expect(JSON.parse(prm?.response?.body ?? '{}')).toMatchObject({
      resource: 'https://mcp.example.com/mcp',
      authorization_servers: ['https://auth.example.com'],
    });
    expect(asMeta?.request.url).toBe('https://auth.example.com/.well-known/oauth-authorization-server');
    expect(JSON.parse(dcr?.request.body ?? '{}')).toMatchObject({
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1:33418/callback'],
    });
    expect(dcr?.response?.status).toBe(201);

    const authorize = run.trace.find((e) => e.kind === 'request' && e.stepId === 'authorize');
    const params = new URL(authorize?.kind === 'request' ? authorize.request.url : 'x:').searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('resource')).toBe('https://mcp.example.com/mcp');
    expect(params.get('state')).toBeTruthy();

    const redirect = responses(run.trace).find((r) => r.stepId === 'consent-decision');
    expect(redirect?.response?.status).toBe(302);
    const location = new URL(headerValue(redirect?.response?.headers ?? [], 'location') ?? '');
    expect(location.origin + location.pathname).toBe('http://127.0.0.1:33418/callback');
    expect(location.searchParams.get('iss')).toBe('https://auth.example.com');
    expect(location.searchParams.get('state')).toBe(params.get('state'));

    const token = responses(run.trace).find((r) => r.stepId === 'token');
    const form = new URLSearchParams(token?.request.body ?? '');
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code_verifier')).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(form.get('resource')).toBe('https://mcp.example.com/mcp');
    expect(headerValue(token?.response?.headers ?? [], 'cache-control')).toBe('no-store');
    const body = parseJson(token?.response?.body ?? '{}');
    expect(at(body, 'token_type')).toBe('Bearer');
    const accessToken = stringAt(body, 'access_token');
    expect(decodeJwt(accessToken)).toMatchObject({
      aud: 'https://mcp.example.com/mcp',
      iss: 'https://auth.example.com',
      scope: 'files:read',
    });

    const call = run.trace.find((e) => e.kind === 'request' && e.stepId === 'mcp-request');
    expect(call?.kind === 'request' && headerValue(call.request.headers, 'authorization')).toBe(
      `Bearer ${accessToken}`,
    );
  });

  it('uses no registration request for CIMD; the AS fetches the document instead', async () => {
    const run = await runFlow({ seed: 's1', scenario: 'first-connection', registration: 'cimd' });
    const steps = stepsOf(run.trace);
    expect(steps).not.toContain('dcr:request');
    expect(steps.indexOf('cimd-fetch:request')).toBeGreaterThan(steps.indexOf('authorize:request'));
    expect(steps.indexOf('cimd-fetch:response')).toBeLessThan(steps.indexOf('authorize:response'));
  });

  it('step-up asks for the union of scopes and stops asking once it has them', async () => {
    const run = await runFlow({ seed: 's1', scenario: 'step-up', registration: 'dcr' });
    const denied = responses(run.trace).find((r) => r.response?.status === 403);
    expect(headerValue(denied?.response?.headers ?? [], 'www-authenticate')).toContain(
      'error="insufficient_scope", error_description="tools/call write_file requires files:write", scope="files:write"',
    );
    const authorizations = run.trace.filter((e) => e.kind === 'request' && e.stepId === 'authorize');
    expect(authorizations).toHaveLength(2);
    const second = authorizations[1];
    expect(second?.kind === 'request' && new URL(second.request.url).searchParams.get('scope')).toBe(
      'files:read files:write',
    );
  });

  it('refresh rotates the refresh token and keeps the resource', async () => {
    const run = await runFlow({ seed: 's1', scenario: 'refresh', registration: 'dcr' });
    const refresh = responses(run.trace).find((r) => r.stepId === 'refresh');
    const form = new URLSearchParams(refresh?.request.body ?? '');
    expect(form.get('grant_type')).toBe('refresh_token');
    expect(form.get('resource')).toBe('https://mcp.example.com/mcp');
    const issued = parseJson(refresh?.response?.body ?? '{}');
    expect(at(issued, 'refresh_token')).toBeTruthy();
    expect(at(issued, 'refresh_token')).not.toBe(form.get('refresh_token'));
    expect(run.world.as.refreshTokens.get(form.get('refresh_token') ?? '')?.active).toBe(false);
  });

  it('is deterministic: one seed, the same bytes; another seed, other values', async () => {
    const a = await runFlow({ seed: 'same', scenario: 'first-connection', registration: 'dcr' });
    const b = await runFlow({ seed: 'same', scenario: 'first-connection', registration: 'dcr' });
    const c = await runFlow({ seed: 'other', scenario: 'first-connection', registration: 'dcr' });
    expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
    expect(a.client.session.tokens?.access_token).toBe(b.client.session.tokens?.access_token);
    expect(c.client.session.tokens?.access_token).not.toBe(a.client.session.tokens?.access_token);
  });
});
