/**
 * One HTTP exchange as it crossed a real socket, and its one-line summary: method, URL, status and
 * the one field that matters for the flow (the redirect's Location, the challenge's error, the
 * token's aud, the client_id...). Shared by `npm run world` (server side) and `npm run client`.
 */
import { peekJwt } from '../sim/crypto/jwt';
import type { HeaderList } from '../sim/trace/types';
import { headerValue } from '../sim/trace/types';
import { SseParser } from '../sim/client/sse';
import { parseBearerChallenge } from '../sim/client/wwwAuthenticate';
import { stringField } from '../sim/fields';
import { isRecord } from '../sim/fields';

export interface Exchange {
  started: Date;
  /** Milliseconds from the first byte read to the response written (or received). */
  ms: number;
  method: string;
  url: string;
  requestHeaders: HeaderList;
  requestBody: string | null;
  status: number;
  statusText: string;
  responseHeaders: HeaderList;
  responseBody: string | null;
  /** What the real-wire layer itself did to this exchange (an injected sign-in, an auto-approval...). */
  notes: string[];
}

/** Long values (codes, tokens, state) are shown by their first characters only. */
export function short(value: string, keep = 10): string {
  return value.length > keep + 1 ? `${value.slice(0, keep)}…` : value;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const SECRET_PARAMS = new Set([
  'code',
  'state',
  'code_challenge',
  'access_token',
  'refresh_token',
  'code_verifier',
]);

/** A URL with secret-ish query values shortened, for a log line. */
export function displayUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return short(url, 80);
  }
  const params = [...parsed.searchParams].map(([name, value]) => {
    const shown = SECRET_PARAMS.has(name) ? short(value, 8) : short(value, 60);
    return `${name}=${shown}`;
  });
  return `${parsed.origin}${parsed.pathname}${params.length > 0 ? `?${params.join('&')}` : ''}`;
}

function describeToken(body: Record<string, unknown>): string {
  const token = typeof body.access_token === 'string' ? body.access_token : '';
  const claims = peekJwt(token)?.payload;
  const aud =
    claims?.aud === undefined
      ? '(none)'
      : Array.isArray(claims.aud)
        ? claims.aud.join(' ')
        : String(claims.aud);
  const parts = [`token aud=${aud}`, `scope=${stringField(body, 'scope', stringField(claims, 'scope'))}`];
  if (typeof body.expires_in === 'number') parts.push(`expires_in=${body.expires_in}s`);
  if (typeof body.refresh_token === 'string') parts.push('+refresh_token');
  return parts.join(' ');
}

function describeRpc(request: unknown, body: Record<string, unknown>): string | null {
  const method = isRecord(request) && typeof request.method === 'string' ? request.method : '';
  if (isRecord(body.error)) return `rpc error ${String(body.error.code)} ${String(body.error.message)}`;
  if (!isRecord(body.result)) return null;
  const result = body.result;
  if (Array.isArray(result.tools)) return `${result.tools.length} tools`;
  if (method === 'initialize') return `initialized, protocolVersion=${String(result.protocolVersion)}`;
  if (method === 'tools/call' && Array.isArray(result.content)) {
    const first: unknown = result.content[0];
    const text = isRecord(first) && typeof first.text === 'string' ? first.text : '';
    return `${result.isError === true ? 'tool error' : 'tool ran'}: ${JSON.stringify(short(text.replace(/\s+/g, ' '), 40))}`;
  }
  return `rpc result for ${method || 'request'}`;
}

/** An SSE body: its JSON-RPC messages, the last one described like a JSON answer. */
function describeStream(requestBody: string | null, text: string): string {
  const messages = new SseParser()
    .feed(`${text}\n\n`)
    .map((event) => parseJson(event.data))
    .filter(isRecord);
  const last = messages.at(-1);
  const others = messages.slice(0, -1).map((m) => (typeof m.method === 'string' ? m.method : 'response'));
  const described = last
    ? (describeRpc(parseJson(requestBody), last) ?? (typeof last.method === 'string' ? last.method : 'rpc'))
    : 'no message';
  return `SSE: ${others.length > 0 ? `${others.join(', ')}, then ` : ''}${described}`;
}

/** The one field that matters in this response. */
export function keyField(
  exchange: Pick<Exchange, 'requestBody' | 'responseHeaders' | 'responseBody' | 'status'>,
): string {
  const location = headerValue(exchange.responseHeaders, 'location');
  if (location) return `Location ${displayUrl(location)}`;
  const challenge = parseBearerChallenge(headerValue(exchange.responseHeaders, 'www-authenticate') ?? null);
  if (challenge) {
    return challenge.error
      ? `${challenge.error}: ${challenge.errorDescription ?? ''}${challenge.scope ? ` (scope ${challenge.scope})` : ''}`.trim()
      : `challenge: no token; scope=${challenge.scope ?? '(none)'} resource_metadata=${challenge.resourceMetadata ?? '(none)'}`;
  }
  const contentType = headerValue(exchange.responseHeaders, 'content-type') ?? '';
  if (contentType.includes('text/event-stream') && exchange.responseBody) {
    return describeStream(exchange.requestBody, exchange.responseBody);
  }
  const body = parseJson(exchange.responseBody);
  if (isRecord(body)) {
    if (typeof body.error === 'string') {
      const description = stringField(body, 'error_description');
      return `error=${body.error}${description ? `: ${description}` : ''}`;
    }
    if (body.jsonrpc === '2.0') {
      const session = headerValue(exchange.responseHeaders, 'mcp-session-id');
      const rpc = describeRpc(parseJson(exchange.requestBody), body) ?? 'rpc';
      return session ? `${rpc}, Mcp-Session-Id ${short(session, 12)}` : rpc;
    }
    if (typeof body.access_token === 'string') return describeToken(body);
    if (typeof body.client_id === 'string') return `client_id=${body.client_id}`;
    if (typeof body.issuer === 'string') return `issuer=${body.issuer}`;
    if (typeof body.resource === 'string') {
      const servers = Array.isArray(body.authorization_servers) ? body.authorization_servers.join(' ') : '';
      return `resource=${body.resource} authorization_servers=${servers}`;
    }
    if (Array.isArray(body.keys)) return `${body.keys.length} signing key(s)`;
  }
  if (contentType.includes('text/html') && exchange.responseBody) {
    const title = /<title>([^<]*)<\/title>/.exec(exchange.responseBody)?.[1];
    const error = /<p>([a-z_]+): ([^<]*)<\/p>/.exec(exchange.responseBody);
    if (error) return `page: ${error[1]}: ${error[2]}`;
    return `page: ${title ?? 'HTML'}`;
  }
  return exchange.responseBody ? `${contentType || 'body'} (${exchange.responseBody.length} chars)` : '';
}

/** What the request was, beyond method and URL: the JSON-RPC method, whether it carried a token. */
function requestTag(exchange: Exchange): string {
  const tags: string[] = [];
  const rpc = parseJson(exchange.requestBody);
  if (isRecord(rpc) && typeof rpc.method === 'string') {
    tags.push(
      isRecord(rpc.params) && typeof rpc.params.name === 'string'
        ? `${rpc.method} ${rpc.params.name}`
        : rpc.method,
    );
  }
  const auth = headerValue(exchange.requestHeaders, 'authorization');
  if (auth) tags.push(auth.split(' ')[0] ?? 'auth');
  if (
    exchange.method === 'POST' &&
    exchange.requestBody &&
    /(^|&)grant_type=([^&]+)/.test(exchange.requestBody)
  ) {
    tags.push(/(^|&)grant_type=([^&]+)/.exec(exchange.requestBody)?.[2] ?? '');
  }
  return tags.length > 0 ? ` [${tags.join(', ')}]` : '';
}

function clock(date: Date): string {
  return date.toISOString().slice(11, 23);
}

export function formatExchange(exchange: Exchange): string {
  const status = exchange.status === 0 ? 'no answer' : String(exchange.status);
  const field = keyField(exchange);
  const line = `${clock(exchange.started)} ${exchange.method} ${displayUrl(exchange.url)}${requestTag(exchange)} → ${status}${field ? `  ${field}` : ''} (${exchange.ms} ms)`;
  return [line, ...exchange.notes.map((n) => `    · ${n}`)].join('\n');
}
