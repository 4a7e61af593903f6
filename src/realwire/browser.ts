/**
 * The user's side of the authorization request, for `npm run client`: opening the URL in the real
 * browser, or (with --follow) following its redirects with fetch until the loopback callback. Both
 * refuse anything but https and loopback http (C-51), and the browser is started without a shell,
 * with the URL as one argument, so no character in it can run a command (Security Best Practices §OAuth
 * Authorization URL Validation; docs/reference §5.12).
 */
import { spawn } from 'node:child_process';
import { isSafeEndpoint } from '../sim/client/discovery';
import type { HeaderList } from '../sim/trace/types';
import type { Exchange } from './exchange';

export type RealFetch = typeof fetch;

function headerListOf(headers: Headers): HeaderList {
  const list: HeaderList = [];
  headers.forEach((value, name) => {
    if (name !== 'set-cookie') list.push([name, value]);
  });
  for (const cookie of headers.getSetCookie()) list.push(['set-cookie', cookie]);
  return list;
}

/** The most of a stream's text kept for the exchange log (the client reads all of it regardless). */
const MAX_LOGGED_STREAM = 256 * 1024;
/** A request, and any body but a stream's, must be answered within this time. */
const REQUEST_TIMEOUT_MS = 30_000;

function isEventStream(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').toLowerCase().includes('text/event-stream');
}

/**
 * An SSE body handed on as it arrives (a server may keep the stream open, or wait for the client's
 * answer to a request it sent on it), reported once it ends or the client closes it.
 */
function relayStream(
  body: ReadableStream<Uint8Array>,
  finish: (text: string, note: string) => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let reported = false;
  const end = (note: string) => {
    if (reported) return;
    reported = true;
    finish(text, note);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          end('SSE stream ended by the server');
          controller.close();
          return;
        }
        if (text.length < MAX_LOGGED_STREAM) text += decoder.decode(value, { stream: true });
        controller.enqueue(value);
      } catch (error) {
        end(`SSE stream cut: ${error instanceof Error ? error.message : String(error)}`);
        controller.error(error);
      }
    },
    async cancel(reason) {
      end('SSE stream closed by the client');
      await reader.cancel(reason).catch(() => undefined);
    },
  });
}

/**
 * A fetch that never follows redirects (each hop is its own step, as in the simulator) and reports
 * every exchange. Bodies are read once here and handed on in a fresh Response; an SSE body is
 * relayed as it arrives instead, and reported when it ends.
 */
export function exchangeFetch(onExchange: (exchange: Exchange) => void, base: RealFetch = fetch) {
  return async (
    url: string,
    init: { method?: string; headers?: HeadersInit; body?: string | null } = {},
  ): Promise<Response> => {
    const started = new Date();
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    const body = init.body ?? null;
    const report = (
      status: number,
      statusText: string,
      responseHeaders: HeaderList,
      responseBody: string | null,
      notes: string[],
    ) =>
      onExchange({
        started,
        ms: Date.now() - started.getTime(),
        method,
        url,
        requestHeaders: headerListOf(headers),
        requestBody: body,
        status,
        statusText,
        responseHeaders,
        responseBody,
        notes,
      });
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)),
      REQUEST_TIMEOUT_MS,
    );
    let response: Response;
    try {
      response = await base(url, { method, headers, body, redirect: 'manual', signal: controller.signal });
    } catch (error) {
      clearTimeout(timer);
      report(0, '', [], null, [`network error: ${error instanceof Error ? error.message : String(error)}`]);
      throw error;
    }
    const responseHeaders = headerListOf(response.headers);
    if (isEventStream(response) && response.body) {
      // A stream has no overall time limit here: the client bounds what it waits for.
      clearTimeout(timer);
      const relayed = relayStream(response.body, (text, note) =>
        report(response.status, response.statusText, responseHeaders, text === '' ? null : text, [note]),
      );
      return new Response(relayed, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    }
    let text: string;
    try {
      text = await response.text();
    } finally {
      clearTimeout(timer);
    }
    report(response.status, response.statusText, responseHeaders, text === '' ? null : text, []);
    const nullBody = [101, 204, 205, 304].includes(response.status);
    return new Response(nullBody ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

export type FollowResult =
  { kind: 'callback'; url: URL } | { kind: 'stopped'; status: number; reason: string };

/**
 * Follows an authorization URL the way a browser would, one hop at a time, keeping cookies per
 * host, until a redirect points at the client's redirect URI. It does not submit forms: a consent
 * page stops it (use an authorization server that approves by itself, e.g. `world --auto-approve`).
 */
export async function followRedirects(
  start: string,
  redirectUri: string,
  fetchOnce: ReturnType<typeof exchangeFetch>,
  maxHops = 10,
): Promise<FollowResult> {
  const jar = new Map<string, Map<string, string>>();
  const target = new URL(redirectUri);
  let current = start;
  for (let hop = 0; hop < maxHops; hop++) {
    // Not a type guard here: `current` stays a string in the message.
    const safe = isSafeEndpoint(current, true);
    if (!safe) {
      return {
        kind: 'stopped',
        status: 0,
        reason: `refused to follow ${current}: only https or loopback http (C-51)`,
      };
    }
    const url = new URL(current);
    if (url.origin === target.origin && url.pathname === target.pathname) return { kind: 'callback', url };
    const cookies = jar.get(url.host);
    const headers: Record<string, string> = { Accept: 'text/html' };
    if (cookies && cookies.size > 0) headers.Cookie = [...cookies].map(([n, v]) => `${n}=${v}`).join('; ');
    const response = await fetchOnce(current, { headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const hostJar = jar.get(url.host) ?? new Map<string, string>();
      hostJar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      jar.set(url.host, hostJar);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      current = new URL(location, current).href;
      continue;
    }
    const reason =
      response.status === 200
        ? 'the authorization server showed a page (consent or sign-in) instead of redirecting; --follow needs one that approves by itself (npm run world -- --auto-approve), or drop --follow to use your browser'
        : `the authorization server answered ${response.status} without redirecting back`;
    return { kind: 'stopped', status: response.status, reason };
  }
  return { kind: 'stopped', status: 0, reason: `more than ${maxHops} redirects` };
}

/** The platform's "open this URL" program and its arguments; never a shell. */
export function browserCommand(
  url: string,
  platform: NodeJS.Platform = process.platform,
): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  // `start` is a cmd.exe built-in and would need a shell; rundll32 opens the URL without one.
  if (platform === 'win32') return ['rundll32.exe', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

/** Opens the URL in the user's browser; resolves false if no browser could be started. */
export function openInBrowser(url: string): Promise<boolean> {
  // C-51: http or https only, http only for a loopback host; never javascript:, data:, file:...
  if (!isSafeEndpoint(url, true)) return Promise.resolve(false);
  const [command, args] = browserCommand(url);
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { shell: false, stdio: 'ignore', detached: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
