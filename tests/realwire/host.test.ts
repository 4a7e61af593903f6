/**
 * Item 6 of "Nothing forged, nothing lost": DNS rebinding. A page whose name the attacker points at
 * 127.0.0.1 sends the world requests with its own name in Host, and a matching Origin (to the
 * browser it is same-origin), then reads the answers. The world answers only for its loopback
 * names with its port, on every path: 421 Misdirected Request for a foreign Host (RFC 9110
 * §15.5.20), 403 for a foreign Origin (streamable-http.mdx §Security & Endpoint, S-23), 400 for a
 * missing or doubled Host (RFC 9112 §3.2). Only 127.0.0.1 is ever contacted.
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loopbackAuthorities } from '../../src/realwire/hostCheck';
import { stopServersAfterEach, raw, world } from './helpers';

stopServersAfterEach();

const REGISTRATION = JSON.stringify({
  client_name: 'Rebound',
  redirect_uris: ['http://127.0.0.1:9/callback'],
  token_endpoint_auth_method: 'none',
  application_type: 'native',
});

/** A request to the world's socket with whatever Host and Origin a browser under rebinding would send. */
function send(
  origin: string,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method, headers, setHost: !('Host' in headers) }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const dcrClients = (server: Awaited<ReturnType<typeof world>>) =>
  [...server.world.as.clients.values()].filter((c) => c.source === 'dcr');

describe('Host', () => {
  it('a rebound registration (foreign Host, matching Origin) is refused 421, and nothing is registered', async () => {
    const server = await world();
    const rebound = `rebind.attacker.example:${new URL(server.origin).port}`;
    const res = await send(
      server.origin,
      '/auth/register',
      { Host: rebound, Origin: `http://${rebound}`, 'Content-Type': 'application/json' },
      'POST',
      REGISTRATION,
    );
    expect(res.status).toBe(421);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'misdirected_request' });
    expect(dcrClients(server)).toHaveLength(0);
    expect(server.lines.join('\n')).toMatch(/→ 421[\s\S]*refused before any server saw it/);
  });

  it.each([
    ['POST', '/mcp'],
    ['GET', '/.well-known/oauth-protected-resource/mcp'],
    ['GET', '/.well-known/oauth-authorization-server/auth'],
    ['GET', '/auth/authorize?client_id=mcp-sim-desktop'],
    ['POST', '/auth/token'],
    ['GET', '/'],
    ['GET', '/nothing-here'],
  ])('%s %s with a foreign Host: 421', async (method, path) => {
    const server = await world();
    const res = await send(server.origin, path, { Host: 'attacker.example' }, method);
    expect(res.status).toBe(421);
  });

  it('the same name on another port, or no port, is not this server either', async () => {
    const server = await world();
    const port = Number(new URL(server.origin).port);
    for (const host of [`127.0.0.1:${port + 1}`, '127.0.0.1', 'localhost', `127.0.0.1.nip.io:${port}`]) {
      expect((await send(server.origin, '/', { Host: host })).status).toBe(421);
    }
  });

  it('every loopback name with the port is served', async () => {
    const server = await world();
    const port = Number(new URL(server.origin).port);
    for (const host of [...loopbackAuthorities(port), `LOCALHOST:${port}`]) {
      expect(
        (await send(server.origin, '/.well-known/oauth-protected-resource/mcp', { Host: host })).status,
      ).toBe(200);
    }
  });

  it('a request without Host, or with two, is answered 400', async () => {
    const server = await world();
    const host = new URL(server.origin).host;
    expect(await raw(server.origin, 'GET / HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect(
      await raw(
        server.origin,
        `GET / HTTP/1.1\r\nHost: ${host}\r\nHost: attacker.example\r\nConnection: close\r\n\r\n`,
      ),
    ).toMatch(/^HTTP\/1\.1 400 /);
  });
});

describe('Origin', () => {
  it('a foreign Origin on the authorization server: 403, nothing registered; our own origin: 201', async () => {
    const server = await world();
    const json = { 'Content-Type': 'application/json' };
    for (const origin of ['http://attacker.example', 'null', `https://${new URL(server.origin).host}`]) {
      const res = await send(
        server.origin,
        '/auth/register',
        { ...json, Origin: origin },
        'POST',
        REGISTRATION,
      );
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'forbidden_origin' });
    }
    expect(dcrClients(server)).toHaveLength(0);
    const ours = await send(
      server.origin,
      '/auth/register',
      { ...json, Origin: server.origin },
      'POST',
      REGISTRATION,
    );
    expect(ours.status).toBe(201);
    expect(dcrClients(server)).toHaveLength(1);
  });

  it('a foreign Origin on the well-known documents and the MCP endpoint: 403', async () => {
    const server = await world();
    for (const [method, path] of [
      ['GET', '/.well-known/oauth-protected-resource/mcp'],
      ['GET', '/.well-known/oauth-authorization-server/auth'],
      ['POST', '/mcp'],
    ] as const) {
      expect((await send(server.origin, path, { Origin: 'http://attacker.example' }, method)).status).toBe(
        403,
      );
    }
  });
});
