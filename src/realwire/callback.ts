/**
 * The client's loopback redirect listener (RFC 8252 §7.3): a real HTTP server on 127.0.0.1 that
 * receives the authorization response from the user's browser. It answers only GET on its path,
 * and hands each response it receives to whoever is waiting for one.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CallbackListener {
  /** `http://127.0.0.1:<port>/callback`: the redirect URI the client registers and sends. */
  redirectUri: string;
  /** Forgets responses that arrived before now (a stale tab reloading the old callback). */
  clear(): void;
  /** The next authorization response, or null after `timeoutMs`. */
  next(timeoutMs: number): Promise<URL | null>;
  close(): Promise<void>;
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorization received</title></head>
<body><h1>Authorization received</h1><p>You can close this window and return to the terminal.</p></body></html>`;

export async function startCallbackListener(port = 0, path = '/callback'): Promise<CallbackListener> {
  const received: URL[] = [];
  let waiting: ((url: URL) => void) | null = null;
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 10_000 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    req.resume();
    if (req.method !== 'GET' || url.pathname !== path) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const full = new URL(`${redirectUri}${url.search}`);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(PAGE);
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve(full);
    } else received.push(full);
  });
  server.maxConnections = 32;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return {
    redirectUri,
    clear: () => {
      received.length = 0;
    },
    next: (timeoutMs) => {
      const queued = received.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting = null;
          resolve(null);
        }, timeoutMs);
        waiting = (url) => {
          clearTimeout(timer);
          resolve(url);
        };
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
