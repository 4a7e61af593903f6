/**
 * Item 5 of "Nothing forged, nothing lost", the sockets' half: idle sockets, a slowloris and more
 * connections than the cap must not starve a legitimate client. Its request is answered (or gets
 * 503 with Retry-After while the slots are taken), never reset, never left hanging; the idle and
 * slow sockets are closed, and service returns. Small caps and short timeouts keep it to seconds;
 * nothing asserts how long anything took.
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { stopServersAfterEach, world } from './helpers';

stopServersAfterEach();

const PRM = '/.well-known/oauth-protected-resource/mcp';

interface Held {
  socket: Socket;
  /** Everything the server wrote to it. */
  received: () => string;
  /** Resolves when the socket is closed, by either side. */
  closed: Promise<void>;
}

function open(origin: string): Promise<Held> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(origin).port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.on('connect', () => resolve({ socket, received: () => received, closed }));
  });
}

/** A legitimate request: it must be answered, with 200 or with 503 and a Retry-After in seconds. */
async function legitimate(origin: string): Promise<{ status: number; retryAfter: string | null }> {
  const res = await fetch(`${origin}${PRM}`, { signal: AbortSignal.timeout(10_000) });
  await res.text();
  if (res.status === 503) expect(res.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  else expect(res.status).toBe(200);
  return { status: res.status, retryAfter: res.headers.get('retry-after') };
}

/** Asks until it is served; every answer on the way must be a proper 503 (never a reset). */
async function servedAgain(origin: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await legitimate(origin)).status === 200) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('never served again');
}

describe('connections past capacity', () => {
  it('get 503 with Retry-After to their request, logged, and service resumes when the slots free up', async () => {
    const server = await world({ limits: { maxConnections: 5, idleTimeoutMs: 60_000 } });
    const held = await Promise.all(Array.from({ length: 5 }, () => open(server.origin)));
    const answer = await legitimate(server.origin);
    expect(answer.status).toBe(503);
    expect(server.lines.join('\n')).toMatch(
      /over capacity \(5 connections served, limit 5\).*503 Retry-After/,
    );
    for (const h of held) h.socket.destroy();
    await servedAgain(server.origin);
  });

  it('a raw client past capacity reads the whole 503 before the socket closes (no reset)', async () => {
    const server = await world({ limits: { maxConnections: 2, idleTimeoutMs: 60_000 } });
    const held = await Promise.all([open(server.origin), open(server.origin)]);
    const extra = await open(server.origin);
    extra.socket.write(`GET ${PRM} HTTP/1.1\r\nHost: ${new URL(server.origin).host}\r\n\r\n`);
    await extra.closed;
    expect(extra.received()).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n[\s\S]*Retry-After: \d+\r\n/);
    expect(extra.received()).toContain('"error":"temporarily_unavailable"');
    for (const h of held) h.socket.destroy();
  });
});

describe('idle and slow sockets', () => {
  it('more idle sockets than the cap: a request is still answered, the idle ones are closed, service returns', async () => {
    const server = await world({ limits: { maxConnections: 5, idleTimeoutMs: 300 } });
    const idle = await Promise.all(Array.from({ length: 8 }, () => open(server.origin)));
    await legitimate(server.origin); // 200 if the idle ones are gone already, else 503 + Retry-After
    // The server closes every one of them, though they never sent a byte...
    await Promise.all(idle.map((h) => h.closed));
    // ...telling the ones past capacity why.
    expect(idle.filter((h) => h.received().startsWith('HTTP/1.1 503 ')).length).toBeGreaterThan(0);
    await servedAgain(server.origin);
  });

  it('a slowloris (headers dripped a byte at a time) is cut off with 408, and others are answered meanwhile', async () => {
    const server = await world({
      limits: { maxConnections: 4, headersTimeoutMs: 600, requestTimeoutMs: 1_200, idleTimeoutMs: 5_000 },
    });
    const slow = await Promise.all(Array.from({ length: 6 }, () => open(server.origin)));
    const drips = slow.map((h) => {
      h.socket.write('GET /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      const timer = setInterval(() => h.socket.write('a'), 100);
      void h.closed.then(() => clearInterval(timer));
      return timer;
    });
    try {
      expect((await legitimate(server.origin)).status).toBe(503);
      await Promise.all(slow.map((h) => h.closed));
      // Inside capacity or past it, a request that never finishes its headers gets 408.
      for (const h of slow) expect(h.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      await servedAgain(server.origin);
    } finally {
      for (const timer of drips) clearInterval(timer);
    }
  });
});
