/**
 * The Node adapter meets real, untrusted bytes: malformed HTTP, absolute-form targets, huge
 * headers and bodies, slow and many clients, and shutdown. It answers or drops each one and keeps
 * serving; it never crashes. Only 127.0.0.1 is ever contacted, and every loop is bounded.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mcpHeaders, raw, stopServersAfterEach, world } from './helpers';

stopServersAfterEach();

async function stillServes(origin: string): Promise<void> {
  const res = await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`);
  expect(res.status).toBe(200);
}

describe('malformed HTTP', () => {
  it.each([
    ['garbage bytes', 'this is not http at all\r\n\r\n'],
    ['a bad request line', 'GET\r\n\r\n'],
    ['a header without a colon', 'GET /mcp HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n'],
    ['a bad Content-Length', 'POST /mcp HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
    [
      'both Content-Length and chunked',
      'POST /mcp HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc',
    ],
    ['binary noise', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256))],
  ])('%s: 400, then the server keeps serving', async (_, bytes) => {
    const server = await world();
    const answer = await raw(server.origin, bytes);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('invalid_request');
    expect(server.lines.join('\n')).toContain('refused malformed or slow HTTP');
    await stillServes(server.origin);
  });

  it("an absolute-form target never reaches the world's simulated hosts: 400", async () => {
    const server = await world();
    const answer = await raw(
      server.origin,
      'GET https://api.example.com/reports HTTP/1.1\r\nHost: api.example.com\r\nConnection: close\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(server.world.downstream.log).toHaveLength(0);
  });

  it('paths outside the MCP server and the authorization server: 404 with directions', async () => {
    const server = await world();
    const res = await fetch(`${server.origin}/callback?code=x`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain(server.mcpUrl);
    expect(server.world.clientHost.callbacks).toHaveLength(0);
  });

  it('huge headers: 431', async () => {
    const server = await world();
    const answer = await raw(
      server.origin,
      `GET /mcp HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    await stillServes(server.origin);
  });
});

describe('oversize bodies', () => {
  it('a declared Content-Length over the cap: 413 before the body is read', async () => {
    const server = await world({ limits: { maxBodyBytes: 4096 } });
    const answer = await raw(
      server.origin,
      `POST /auth/register HTTP/1.1\r\nHost: ${new URL(server.origin).host}\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{"redirect_uris":`,
      { timeoutMs: 3_000 },
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    await stillServes(server.origin);
  });

  it('a chunked body that grows past the cap: 413', async () => {
    const server = await world({ limits: { maxBodyBytes: 4096 } });
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.origin}/auth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 8; i++) req.write('a'.repeat(1024));
      req.end();
    });
    expect(status).toBe(413);
    await stillServes(server.origin);
  });

  it("a body under the adapter cap but over the handlers' 16 KiB: the handler's own 413", async () => {
    const server = await world();
    const res = await fetch(`${server.issuer}/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_name: 'x'.repeat(20_000), redirect_uris: ['http://127.0.0.1/cb'] }),
    });
    expect(res.status).toBe(413);
  });
});

describe('slow and many clients', () => {
  it('a client that never finishes its headers is cut off (408), and others are still served', async () => {
    const server = await world({ limits: { headersTimeoutMs: 400, requestTimeoutMs: 800 } });
    const started = Date.now();
    const answer = await raw(server.origin, 'GET /mcp HTTP/1.1\r\nHost: x\r\nX-Slow: ', { timeoutMs: 6_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    // A body that stops short of its Content-Length is cut off the same way.
    const host = new URL(server.origin).host;
    const body = await raw(
      server.origin,
      `POST /mcp HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 100\r\n\r\nabc`,
      {
        timeoutMs: 6_000,
      },
    );
    expect(body).toMatch(/^HTTP\/1\.1 408 /);
    await stillServes(server.origin);
  });

  it('50 concurrent connections are all answered', async () => {
    const server = await world();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(server.mcpUrl, {
          method: 'POST',
          headers: { ...mcpHeaders('tools/list'), Connection: 'close' },
          body: JSON.stringify({
            jsonrpc: '2.0',
            id: i,
            method: 'tools/list',
            params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } },
          }),
        }).then((r) => r.status),
      ),
    );
    expect(results).toEqual(Array.from({ length: 50 }, () => 401));
  });
});

describe('shutdown', () => {
  it('close() ends idle keep-alive and stuck connections and frees the port', async () => {
    const server = await world({ limits: { shutdownGraceMs: 300 } });
    await stillServes(server.origin); // leaves a keep-alive connection in fetch's pool
    const stuck = connect(Number(new URL(server.origin).port), '127.0.0.1');
    stuck.on('error', () => undefined);
    await new Promise((r) => stuck.on('connect', r));
    stuck.write('GET /mcp HTTP/1.1\r\nHost: x\r\n'); // headers never finished
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect(fetch(`${server.origin}/`)).rejects.toThrow();
  });

  it('npm run world: prints the URL, serves, and on SIGINT stops cleanly and writes the HAR file', async () => {
    const har = join(mkdtempSync(join(tmpdir(), 'realwire-')), 'world.har');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/realwire/world.ts', '--port', '0', '--auto-approve', '--har', har],
      {
        cwd: process.cwd(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const mcpUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const match = /Paste this into an MCP client:\s+(\S+)/.exec(out);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      expect(mcpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      // The machine client's secret, so that npm run client -- --grant client_credentials can be tried.
      expect(out).toMatch(/mcp-sim-reporting-bot's secret: [A-Za-z0-9_-]{16,}/);
      const res = await fetch(mcpUrl, { method: 'POST', headers: mcpHeaders('tools/list'), body: '{}' });
      expect(res.status).toBe(401); // no token: the challenge comes first (S-25)
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    expect(out).toContain('Stopped.');
    const log = JSON.parse(readFileSync(har, 'utf8')) as {
      log: { version: string; entries: { request: { url: string }; response: { status: number } }[] };
    };
    expect(log.log.version).toBe('1.2');
    expect(log.log.entries).toEqual([
      expect.objectContaining({
        request: expect.objectContaining({ url: expect.stringContaining('/mcp') as unknown }) as unknown,
      }),
    ]);
    expect(log.log.entries[0]?.response.status).toBe(401);
  }, 30_000);
});
