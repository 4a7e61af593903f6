/**
 * The Node adapter: node:http on one side, the Fetch API's `Request`/`Response` (what MSW handlers
 * take and give) on the other. It is the only code that meets real, untrusted bytes, so it bounds
 * everything: header and body size, time to send headers and the whole request, idle sockets
 * (fresh or kept alive), the number of connections. Malformed HTTP is answered 400 (431 for huge
 * headers, 408 for a too-slow client) and never reaches a handler; a handler that throws becomes a
 * 500, never a crash. A connection past capacity is answered 503 with Retry-After (RFC 9110
 * §15.6.4, §10.2.3) and logged, never reset in silence.
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
  /**
   * A connection that sends nothing for this long, not even its first byte, is closed: otherwise
   * idle sockets would hold the connection slots until the request timeout.
   */
  idleTimeoutMs: number;
  /**
   * Connections served at once. Each one beyond is answered 503 with Retry-After to its request
   * and closed (after a second if it sends nothing), so a client learns why and when to come back.
   * The default holds 500 clients that each keep a connection open through a whole flow (`npm run
   * bench real-wire`), twice over; each costs a file descriptor, which Node raises to the hard limit.
   */
  maxConnections: number;
  /** On close, connections still busy after this time are cut. */
  shutdownGraceMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBodyBytes: 64 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 5_000,
  maxConnections: 1024,
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
  /** Anything the adapter refused before a handler saw it (malformed HTTP, timeouts, overload...). */
  onRefused?: (line: string) => void;
  /**
   * Looks at a request before its body is read; a Response refuses it (a foreign Host or Origin).
   * The refusal is answered and reported like any exchange.
   */
  admit?: (request: { method: string; url: URL; headers: HeaderList }, notes: string[]) => Response | null;
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

const RAW_IDLE_503 = (retryAfter: number) => {
  const body = JSON.stringify({
    error: 'temporarily_unavailable',
    error_description: `the server is at capacity; retry after ${retryAfter} s`,
  });
  return `HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${retryAfter}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

/**
 * Connection slots and idle sockets. Node cuts a socket that sends nothing only at the request
 * timeout (30 s), so 256 idle sockets starved everyone for that long, and connections past
 * `server.maxConnections` were reset without a word.
 * Here every socket has an idle timer, and a connection past capacity is still read: its request
 * gets 503 with Retry-After (RFC 9110 §15.6.4: "temporary overload"; §10.2.3), then the socket closes.
 */
function trackCapacity(server: Server, limits: Limits, log: (line: string) => void) {
  const served = new Set<Socket>();
  const overflow = new WeakSet<Socket>();
  /** Requests being answered on a socket: its idle timer must not cut them (requestTimeout does). */
  const inFlight = new WeakMap<Socket, number>();
  /** socket.bytesRead when its last response was written: more since means a request has begun. */
  const readWhenIdle = new WeakMap<Socket, number>();
  const retryAfter = Math.max(1, Math.ceil(limits.idleTimeoutMs / 1000));

  // Under a flood, one line now and one a second after, each with the count it stands for.
  let unlogged = 0;
  let last = '';
  let quiet: ReturnType<typeof setTimeout> | undefined;
  const emit = () => {
    const count = unlogged > 1 ? ` (${unlogged} refusals in the last second)` : '';
    log(
      `over capacity (${served.size} connections served, limit ${limits.maxConnections}): ${last} → 503 Retry-After: ${retryAfter}${count}`,
    );
    unlogged = 0;
  };
  const logOverload = (what: string) => {
    unlogged++;
    last = what;
    if (quiet) return;
    emit();
    quiet = setTimeout(() => {
      quiet = undefined;
      if (unlogged > 0) emit();
    }, 1_000).unref();
  };

  // Runs before Node's own connection listener: decide the socket's slot and arm its idle timer.
  server.prependListener('connection', (socket: Socket) => {
    if (served.size >= limits.maxConnections) {
      overflow.add(socket);
      socket.setTimeout(Math.min(limits.idleTimeoutMs, 1_000));
    } else {
      served.add(socket);
      socket.once('close', () => served.delete(socket));
      socket.setTimeout(limits.idleTimeoutMs);
    }
  });

  // With a listener here, Node leaves a timed-out socket to us (it would destroy it otherwise).
  // Node re-arms the same timer with keepAliveTimeout (and its own margin) after each response, so
  // this closes idle keep-alive sockets too.
  server.on('timeout', (socket: Socket) => {
    if ((inFlight.get(socket) ?? 0) > 0) return; // being answered: requestTimeout governs it
    // A request that has begun and stalled is Node's: headersTimeout/requestTimeout answer 408.
    if (socket.bytesRead > (readWhenIdle.get(socket) ?? 0)) return;
    if (overflow.has(socket)) {
      logOverload('a connection that sent nothing');
      socket.end(RAW_IDLE_503(retryAfter));
    } else socket.end();
    setTimeout(() => socket.destroy(), 1_000).unref();
  });

  return {
    /** Counts the request; answers it 503 if its connection is past capacity (then true). */
    refuse(req: IncomingMessage, res: ServerResponse): boolean {
      const socket = req.socket;
      inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
      res.once('close', () => {
        inFlight.set(socket, Math.max(0, (inFlight.get(socket) ?? 1) - 1));
        readWhenIdle.set(socket, socket.bytesRead);
      });
      if (!overflow.has(socket)) return false;
      logOverload(`${req.method ?? 'GET'} ${(req.url ?? '/').slice(0, 80)}`);
      const body = JSON.stringify({
        error: 'temporarily_unavailable',
        error_description: `the server is at capacity (${limits.maxConnections} connections); retry after ${retryAfter} s`,
      });
      res.writeHead(503, 'Service Unavailable', {
        'Retry-After': String(retryAfter),
        Connection: 'close',
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
      });
      res.end(body);
      return true;
    },
  };
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
  server.maxHeadersCount = 100;
  let origin = '';
  const capacity = trackCapacity(server, limits, (line) => options.onRefused?.(line));

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

  /** The handler's answer to a request read in full; a throw becomes a logged 500. */
  const answer = async (
    method: string,
    url: URL,
    requestHeaders: HeaderList,
    bytes: Buffer,
    notes: string[],
  ): Promise<Response> => {
    const hasBody = method !== 'GET' && method !== 'HEAD' && bytes.length > 0;
    const headers = new Headers();
    for (const [name, value] of requestHeaders) {
      if (NOT_FORWARDED.has(name.toLowerCase())) continue;
      try {
        headers.append(name, value);
      } catch {
        // A header value the Fetch API rejects: left out, like any proxy would.
      }
    }
    let request: Request;
    try {
      request = new Request(url, { method, headers, body: hasBody ? new Uint8Array(bytes) : null });
    } catch {
      return plainError(405, 'invalid_request', `method ${method} is not allowed`);
    }
    try {
      return await options.handle(request, notes);
    } catch (error) {
      // A server bug is visible as a 500 and logged, never a crash of the process.
      return plainError(500, 'server_error', error instanceof Error ? error.message : String(error));
    }
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
    const refusal =
      url === null ? null : (options.admit?.({ method, url, headers: requestHeaders }, notes) ?? null);
    if (url === null || url.origin !== origin) {
      response = plainError(400, 'invalid_request', 'the request target must be a path on this server');
      req.resume();
    } else if (refusal) {
      response = refusal;
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
        requestBody = body.bytes.length > 0 ? body.bytes.toString('utf8') : null;
        response = await answer(method, url, requestHeaders, body.bytes, notes);
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
    if (capacity.refuse(req, res)) return;
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
