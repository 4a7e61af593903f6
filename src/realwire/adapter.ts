/**
 * The Node adapter: node:http on one side, the Fetch API's `Request`/`Response` (what MSW handlers
 * take and give) on the other. It is the only code that meets real, untrusted bytes, so it bounds
 * everything: header and body size, time to send headers and the whole request, idle keep-alive
 * sockets, the number of connections. Malformed HTTP is answered 400 (431 for huge headers, 408 for
 * a too-slow client) and never reaches a handler; a handler that throws becomes a 500, never a crash.
 */
import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readSetCookies, STATUS_TEXT } from '../sim/network/wire';
import type { HeaderList } from '../sim/trace/types';
import type { Exchange } from './exchange';

export interface Limits {
  /** Request bodies above this are refused with 413 (the handlers' own cap is 16 KiB). */
  maxBodyBytes: number;
  /** A client must finish sending its headers within this time (slowloris), else 408. */
  headersTimeoutMs: number;
  /** ...and its whole request within this time. */
  requestTimeoutMs: number;
  /** An idle keep-alive socket is closed after this time. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are dropped at accept time. */
  maxConnections: number;
  /** On close, connections still busy after this time are cut. */
  shutdownGraceMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBodyBytes: 64 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
  shutdownGraceMs: 2_000,
};

/** Hop-by-hop headers (RFC 9110 §7.6.1) and framing the Request rebuilds itself. */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
  'host',
]);

/** Answers one request; `notes` collects what the real-wire layer did, for the exchange's log line. */
export type Handle = (request: Request, notes: string[]) => Promise<Response>;

export interface AdapterOptions {
  handle: Handle;
  limits?: Partial<Limits>;
  /** Every answered exchange, after the response was written. */
  onExchange?: (exchange: Exchange) => void;
  /** Anything the adapter refused before a handler saw it (malformed HTTP, timeouts...). */
  onRefused?: (line: string) => void;
}

export interface AdapterServer {
  server: Server;
  /** Listens on 127.0.0.1 only; port 0 picks a free port. Resolves with the origin. */
  listen(port: number): Promise<string>;
  origin(): string;
  /** Stops accepting, lets busy connections finish for the grace period, then cuts them. */
  close(): Promise<void>;
}

type Body = { ok: true; bytes: Buffer } | { ok: false; status: 400 | 413; reason: string };

function readBody(req: IncomingMessage, max: number): Promise<Body> {
  return new Promise((resolve) => {
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > max) {
      resolve({ ok: false, status: 413, reason: `Content-Length ${declared} exceeds ${max} bytes` });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (body: Body) => {
      if (done) return;
      done = true;
      resolve(body);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) finish({ ok: false, status: 413, reason: `body exceeds ${max} bytes` });
      else chunks.push(chunk);
    });
    req.on('end', () => finish({ ok: true, bytes: Buffer.concat(chunks) }));
    req.on('error', () => finish({ ok: false, status: 400, reason: 'the request body was cut off' }));
    req.on('aborted', () => finish({ ok: false, status: 400, reason: 'the request was aborted' }));
  });
}

function plainError(status: number, error: string, description: string): Response {
  return Response.json(
    { error, error_description: description },
    { status, headers: { 'Cache-Control': 'no-store' } },
  );
}

function headerList(raw: string[]): HeaderList {
  const list: HeaderList = [];
  for (let i = 0; i + 1 < raw.length; i += 2) list.push([raw[i] ?? '', raw[i + 1] ?? '']);
  return list;
}

function responseHeaderList(response: Response): HeaderList {
  const list: HeaderList = [];
  response.headers.forEach((value, name) => {
    // Set-Cookie lines are written one by one below; x-sim- aliases are the in-page wire's only.
    if (name === 'set-cookie' || name.startsWith('x-sim-')) return;
    list.push([name, value]);
  });
  for (const cookie of readSetCookies(response.headers)) list.push(['set-cookie', cookie]);
  return list;
}

export function createAdapter(options: AdapterOptions): AdapterServer {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often Node looks for requests past their timeouts (default 30 s, too coarse for slowloris).
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  });
  server.maxConnections = limits.maxConnections;
  server.maxHeadersCount = 100;
  let origin = '';

  const write = (res: ServerResponse, status: number, headers: HeaderList, body: Buffer, head: boolean) => {
    const grouped = new Map<string, string[]>();
    for (const [name, value] of headers) grouped.set(name, [...(grouped.get(name) ?? []), value]);
    for (const [name, values] of grouped)
      res.setHeader(name, name === 'set-cookie' ? values : values.join(', '));
    // RFC 9110 §8.6: no Content-Length on 1xx and 204 (nor a body on 304).
    const bodiless = status < 200 || status === 204 || status === 304;
    if (!bodiless) res.setHeader('Content-Length', body.length);
    res.writeHead(status, STATUS_TEXT[status] ?? STATUS_CODES[status] ?? '');
    res.end(head || bodiless ? undefined : body);
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = new Date();
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const requestHeaders = headerList(req.rawHeaders);
    let requestBody: string | null = null;
    let response: Response | undefined;
    const notes: string[] = [];
    // Only origin-form targets ("/path?query"): an absolute URL must never reach a simulated host.
    let url: URL | null = null;
    try {
      url = target.startsWith('/') ? new URL(`${origin}${target}`) : null;
    } catch {
      url = null;
    }
    if (url === null || url.origin !== origin) {
      response = plainError(400, 'invalid_request', 'the request target must be a path on this server');
      req.resume();
    } else {
      const body = await readBody(req, limits.maxBodyBytes);
      if (!body.ok) {
        response = plainError(body.status, 'invalid_request', body.reason);
        res.setHeader('Connection', 'close');
        // Drain a little, so the client reads the 413 instead of a reset; then cut the socket.
        let drained = 0;
        req.on('data', (chunk: Buffer) => {
          drained += chunk.length;
          if (drained > 1024 * 1024) req.socket.destroy();
        });
      } else {
        const hasBody = method !== 'GET' && method !== 'HEAD' && body.bytes.length > 0;
        requestBody = body.bytes.length > 0 ? body.bytes.toString('utf8') : null;
        const headers = new Headers();
        for (const [name, value] of requestHeaders) {
          if (NOT_FORWARDED.has(name.toLowerCase())) continue;
          try {
            headers.append(name, value);
          } catch {
            // A header value the Fetch API rejects: left out, like any proxy would.
          }
        }
        let request: Request | null = null;
        try {
          request = new Request(url, { method, headers, body: hasBody ? new Uint8Array(body.bytes) : null });
        } catch {
          response = plainError(405, 'invalid_request', `method ${method} is not allowed`);
        }
        if (request) {
          try {
            response = await options.handle(request, notes);
          } catch (error) {
            // A server bug is visible as a 500 and logged, never a crash of the process.
            response = plainError(
              500,
              'server_error',
              error instanceof Error ? error.message : String(error),
            );
          }
        }
      }
    }
    response ??= plainError(500, 'server_error', 'no response');
    let bytes: Buffer;
    try {
      bytes = Buffer.from(await response.arrayBuffer());
    } catch {
      bytes = Buffer.alloc(0);
    }
    const responseHeaders = responseHeaderList(response);
    if (res.destroyed) return;
    write(res, response.status, responseHeaders, bytes, method === 'HEAD');
    options.onExchange?.({
      started,
      ms: Date.now() - started.getTime(),
      method,
      url: url?.href ?? `${origin}${target.slice(0, 200)}`,
      requestHeaders,
      requestBody,
      status: response.status,
      statusText: STATUS_TEXT[response.status] ?? STATUS_CODES[response.status] ?? response.statusText,
      responseHeaders,
      responseBody: bytes.length > 0 ? bytes.toString('utf8') : null,
      notes,
    });
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    serve(req, res).catch((error: unknown) => {
      options.onRefused?.(`adapter error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json', Connection: 'close' });
        res.end('{"error":"server_error"}');
      } else res.destroy();
    });
  });

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy(); // the client is gone already: nothing to answer
      return;
    }
    const code = error.code ?? 'parse error';
    const [status, text, description] =
      code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'the request headers are too large']
        : code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'the request was not received in time']
          : [400, 'Bad Request', `malformed HTTP request (${code})`];
    options.onRefused?.(`refused malformed or slow HTTP (${code}) → ${status}`);
    const body = JSON.stringify({ error: 'invalid_request', error_description: description });
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
  server.on('error', (error) => options.onRefused?.(`server error: ${error.message}`));

  return {
    server,
    origin: () => origin,
    listen: (port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        // 127.0.0.1 only: the world is a local teaching server, never reachable from the network.
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
          resolve(origin);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) {
          resolve();
          return;
        }
        const cut = setTimeout(() => server.closeAllConnections(), limits.shutdownGraceMs);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/** Adds a Set-Cookie line to a handler's response (Response headers are immutable once returned). */
export function withHeaders(response: Response, extra: HeaderList): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of extra) headers.append(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
