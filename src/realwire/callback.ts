/**
 * The client's loopback redirect listener (RFC 8252 §7.3): a real HTTP server on 127.0.0.1 that
 * receives the authorization response from the user's browser. It answers only GET on its path,
 * and hands each response it receives to whoever is waiting for one.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HeaderList } from '../sim/trace/types';
import type { Exchange } from './exchange';

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

export interface CallbackOptions {
  /** Each request the listener answered, as an exchange (for a trace of the flow, `--trace`). */
  onExchange?: (exchange: Exchange) => void;
}

export async function startCallbackListener(
  port = 0,
  path = '/callback',
  options: CallbackOptions = {},
): Promise<CallbackListener> {
  const received: URL[] = [];
  let waiting: ((url: URL) => void) | null = null;
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 10_000 }, (req, res) => {
    const started = new Date();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    req.resume();
    const answer = (status: number, statusText: string, headers: HeaderList, body: string) => {
      res.writeHead(status, statusText, Object.fromEntries(headers)).end(body);
      const requestHeaders: HeaderList = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        requestHeaders.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '']);
      options.onExchange?.({
        started,
        ms: Date.now() - started.getTime(),
        method: req.method ?? 'GET',
        url: `${redirectUri.slice(0, -path.length)}${url.pathname}${url.search}`,
        requestHeaders,
        requestBody: null,
        status,
        statusText,
        responseHeaders: headers,
        responseBody: body,
        notes: ["answered by the client's loopback listener"],
      });
    };
    if (req.method !== 'GET' || url.pathname !== path) {
      answer(404, 'Not Found', [['Content-Type', 'text/plain']], 'Not found');
      return;
    }
    const full = new URL(`${redirectUri}${url.search}`);
    answer(
      200,
      'OK',
      [
        ['Content-Type', 'text/html; charset=utf-8'],
        ['Cache-Control', 'no-store'],
      ],
      PAGE,
    );
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
