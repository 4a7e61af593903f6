/**
 * The authorization extensions and DPoP over the real wire: the world's servers on 127.0.0.1 and
 * the simulator's own client, each flow end to end, with what crossed the wire checked.
 */
import { describe, expect, it } from 'vitest';
import { parseClientArgs } from '../../src/realwire/args';
import { runRealClient } from '../../src/realwire/realClient';
import type { RealClientOptions } from '../../src/realwire/realClient';
import { peekJwt, signingKeyToPkcs8 } from '../../src/sim/crypto/jwt';
import { MACHINE_JWT_CLIENT_ID } from '../../src/sim/servers/auth/state';
import { IDP_CLIENT_ID } from '../../src/sim/servers/idp/state';
import { ID_JAG_TOKEN_TYPE } from '../../src/sim/oauth/urns';
import { headerValue } from '../../src/sim/trace/types';
import { stopServersAfterEach, world } from './helpers';

stopServersAfterEach();

function run(options: RealClientOptions) {
  return runRealClient({
    follow: true,
    callbackTimeoutMs: 5_000,
    operations: [{ kind: 'call', method: 'tools/list' }],
    ...options,
  });
}

describe('client credentials with private_key_jwt over the wire', () => {
  it("signs an assertion with the world's machine key; the AS fetches the public key in-world", async () => {
    const server = await world({ autoApprove: true });
    const pem = await signingKeyToPkcs8(server.world.clientHost.signingKey);
    const result = await run({
      serverUrl: server.mcpUrl,
      grant: 'client_credentials',
      clientId: MACHINE_JWT_CLIENT_ID,
      privateKeyPem: pem,
      browser: () => Promise.reject(new Error('a machine client opens no browser')),
    });
    expect(result.outcome.kind).toBe('success');
    const token = result.exchanges.find((e) => e.url.endsWith('/auth/token'));
    const form = new URLSearchParams(token?.requestBody ?? '');
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(peekJwt(form.get('client_assertion') ?? '')?.payload.aud).toBe(server.issuer);
    expect(headerValue(token?.requestHeaders ?? [], 'authorization')).toBeUndefined();
    expect(server.lines.some((l) => l.includes('Client assertion valid'))).toBe(true);
  });

  it('a key the world does not know is refused with invalid_client', async () => {
    const server = await world({ autoApprove: true });
    const other = await world({ autoApprove: true, seed: 'another world' });
    const result = await run({
      serverUrl: server.mcpUrl,
      grant: 'client_credentials',
      clientId: MACHINE_JWT_CLIENT_ID,
      privateKeyPem: await signingKeyToPkcs8(other.world.clientHost.signingKey),
    });
    expect(result.outcome).toMatchObject({ kind: 'failed' });
    expect(result.outcome.kind === 'failed' && result.outcome.message).toContain('invalid_client');
  });

  it('the CLI takes --private-key with --client-id, and not with --client-secret', () => {
    const base = ['u', '--grant', 'client_credentials', '--client-id', 'bot'];
    expect(parseClientArgs([...base, '--private-key', 'k.pem'])).toMatchObject({
      ok: true,
      value: { privateKey: 'k.pem', grant: 'client_credentials' },
    });
    expect(parseClientArgs([...base, '--private-key', 'k.pem', '--client-secret', 's'])).toMatchObject({
      ok: false,
    });
    expect(parseClientArgs(['u', '--private-key', 'k.pem'])).toMatchObject({ ok: false });
  });
});

describe('enterprise-managed authorization over the wire', () => {
  it('signs in at the IdP (followed with fetch), exchanges for an ID-JAG, redeems it, calls the tools', async () => {
    const server = await world({ autoApprove: true });
    const result = await run({
      serverUrl: server.mcpUrl,
      grant: 'enterprise',
      enterprise: { idpIssuer: server.idp, idpClientId: IDP_CLIENT_ID },
      cimdUrl: server.world.urls.cimd,
      operations: [
        { kind: 'call', method: 'tools/list' },
        {
          kind: 'call',
          method: 'tools/call',
          params: { name: 'read_file', arguments: { path: 'notes/plan.md' } },
        },
      ],
    });
    expect(result.outcome.kind).toBe('success');
    const path = (url: string) => new URL(url).pathname;
    const seen = result.exchanges.map((e) => `${e.method} ${path(e.url)}`);
    expect(seen).toContain('GET /idp/authorize');
    expect(seen.filter((s) => s === 'POST /idp/token')).toHaveLength(2);
    expect(seen).toContain('POST /auth/token');
    expect(seen).not.toContain('GET /auth/authorize');
    const exchange = result.exchanges.filter((e) => path(e.url) === '/idp/token')[1];
    expect(exchange?.responseBody).toContain(ID_JAG_TOKEN_TYPE);
    expect(server.lines.some((l) => l.includes('ID-JAG valid'))).toBe(true);
  });

  it('the CLI needs --idp and --idp-client-id for --grant enterprise', () => {
    expect(parseClientArgs(['u', '--grant', 'enterprise'])).toMatchObject({ ok: false });
    expect(
      parseClientArgs(['u', '--grant', 'enterprise', '--idp', 'https://idp.example', '--idp-client-id', 'c']),
    ).toMatchObject({
      ok: true,
      value: { grant: 'enterprise', idp: 'https://idp.example', idpClientId: 'c' },
    });
  });
});

describe('DPoP over the wire', () => {
  it('binds the token to a fresh key, answers the nonce challenge, and proves possession on every call', async () => {
    const server = await world({ autoApprove: true });
    const result = await run({
      serverUrl: server.mcpUrl,
      dpop: true,
      operations: [
        { kind: 'call', method: 'tools/list' },
        {
          kind: 'call',
          method: 'tools/call',
          params: { name: 'read_file', arguments: { path: 'notes/plan.md' } },
        },
      ],
    });
    expect(result.outcome.kind).toBe('success');
    const token = result.exchanges.find((e) => e.url.endsWith('/auth/token'));
    expect(JSON.parse(token?.responseBody ?? '{}')).toMatchObject({ token_type: 'DPoP' });
    const calls = result.exchanges.filter(
      (e) => e.url === server.mcpUrl && headerValue(e.requestHeaders, 'authorization'),
    );
    expect(calls.map((c) => c.status)).toEqual([401, 200, 200]);
    for (const c of calls) {
      expect(headerValue(c.requestHeaders, 'authorization')).toMatch(/^DPoP /);
      expect(peekJwt(headerValue(c.requestHeaders, 'dpop') ?? '')?.payload.htu).toBe(server.mcpUrl);
    }
  });

  it('the CLI takes --dpop', () => {
    expect(parseClientArgs(['u', '--dpop'])).toMatchObject({ ok: true, value: { dpop: true } });
  });
});
