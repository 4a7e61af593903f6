/**
 * The client's transport, with scripted servers (no sockets): SSE read as the WHATWG parser says,
 * the dual-era fallback of 2026-07-28 (versioning.mdx, streamable-http.mdx §Backward
 * Compatibility), the legacy session (initialize, its headers, a new session after 404), server
 * requests answered on a stream (elicitation with its defaults), a stream resumed after `retry`
 * with `Last-Event-ID`, and the token endpoint's authentication method.
 */
import { describe, expect, it } from 'vitest';
import { defaultsOf } from '../src/sim/client/elicitation';
import { isRecord } from '../src/sim/client/json';
import { callMcp } from '../src/sim/client/mcp';
import { createSession } from '../src/sim/client/session';
import type { ClientContext } from '../src/sim/client/session';
import { SseParser } from '../src/sim/client/sse';
import { chooseAuthMethod } from '../src/sim/client/tokens';
import { ALL_CHECKS } from '../src/sim/client/types';
import type { ClientDeps, ElicitationAnswer } from '../src/sim/client/types';
import type { SimInit } from '../src/sim/network/network';
import { createRng } from '../src/sim/world/random';

const URL_ = 'http://127.0.0.1:9/mcp';
const LEGACY = ['2025-11-25', '2025-06-18', '2025-03-26'];

interface Sent {
  method: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | null;
}

type Handler = (sent: Sent) => Response | Promise<Response>;

function lower(headers: SimInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Array.isArray(headers) ? headers : Object.entries(headers ?? {}))
    out[k.toLowerCase()] = v;
  return out;
}

function parse(body: string | null | undefined): Record<string, unknown> | null {
  if (!body) return null;
  const value: unknown = JSON.parse(body);
  return isRecord(value) ? value : null;
}

function client(
  handler: Handler,
  options: { legacy?: string[]; elicit?: ElicitationAnswer; token?: string } = {},
): { ctx: ClientContext; sent: Sent[]; slept: number[]; lines: string[] } {
  const sent: Sent[] = [];
  const slept: number[] = [];
  const lines: string[] = [];
  const answer = options.elicit;
  const deps: ClientDeps = {
    fetch: async (_url, init) => {
      const entry = { method: init.method ?? 'GET', headers: lower(init.headers), body: parse(init.body) };
      sent.push(entry);
      return handler(entry);
    },
    note: () => Promise.resolve(),
    openBrowser: () => Promise.reject(new Error('no browser here')),
    sleep: (ms) => {
      slept.push(ms);
      return Promise.resolve();
    },
    log: (line) => void lines.push(line),
    ...(answer ? { elicit: () => Promise.resolve(answer) } : {}),
  };
  const legacyVersions = options.legacy ?? LEGACY;
  const session = createSession(legacyVersions);
  if (options.token) session.tokens = { access_token: options.token, scope: '' };
  const ctx: ClientContext = {
    deps,
    session,
    rng: createRng('transport-test'),
    config: {
      serverUrl: URL_,
      redirectUri: 'http://127.0.0.1:1/callback',
      clientName: 'test client',
      preregistered: {},
      grant: 'authorization_code',
      checks: ALL_CHECKS,
      maxAuthorizations: 3,
      protocolVersion: '2026-07-28',
      legacyVersions,
      allowLoopbackHttp: true,
    },
  };
  return { ctx, sent, slept, lines };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers });

function sse(text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { headers: { 'Content-Type': 'text/event-stream', ...headers } });
}

/** A 2025-11-25 server built like the SDK's: sessions, SSE answers, 400 -32000 for anything modern. */
function legacyServer(extra?: (sent: Sent) => Response | undefined): Handler {
  return (sent) => {
    const fromExtra = extra?.(sent);
    if (fromExtra) return fromExtra;
    const body = sent.body ?? {};
    if (sent.method === 'GET') return new Response(null, { status: 405 });
    if (sent.method === 'DELETE') return new Response(null, { status: 204 });
    if (sent.headers['mcp-protocol-version'] === '2026-07-28')
      return json(
        {
          jsonrpc: '2.0',
          id: null,
          error: { code: -32000, message: 'Bad Request: Unsupported protocol version' },
        },
        400,
      );
    if (body.method === 'initialize') {
      const version = isRecord(body.params) ? body.params.protocolVersion : undefined;
      return json(
        {
          jsonrpc: '2.0',
          id: body.id,
          result: { protocolVersion: version, capabilities: {} },
        },
        200,
        { 'Mcp-Session-Id': 'sess-1' },
      );
    }
    if (body.id === undefined) return new Response(null, { status: 202 });
    return sse(
      `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: body.id, result: { tools: [] } })}\n\n`,
    );
  };
}

describe('SSE, as the WHATWG parser reads it', () => {
  it('joins data lines, keeps the last id and retry, skips comments and data-less events', () => {
    const parser = new SseParser();
    const events = [
      ...parser.feed(': keep-alive\r\nid: e1\r\nretry: 500\r\ndata:\r\n\r\n'),
      ...parser.feed('event: message\ndata: {"a":\ndata:  1}\n'),
      ...parser.feed('\nid: e2\rdata: x\r'),
      ...parser.feed('\n\r\n'),
    ];
    expect(events).toEqual([
      { event: 'message', data: '{"a":\n 1}', id: 'e1' },
      { event: 'message', data: 'x', id: 'e2' },
    ]);
    expect(parser.cursor).toEqual({ lastEventId: 'e2', retryMs: 500 });
    expect(new SseParser().feed('retry: soon\ndata: y\n\n')[0]?.data).toBe('y');
  });
});

describe('dual-era: the first answer tells the era (2026-07-28 versioning.mdx)', () => {
  it('a modern result (resultType) keeps the client modern: no initialize, no session', async () => {
    const { ctx, sent } = client((s) =>
      json({ jsonrpc: '2.0', id: s.body?.id, result: { resultType: 'complete', tools: [] } }),
    );
    expect(await callMcp(ctx, 'tools/list')).toMatchObject({ kind: 'ok' });
    expect(await callMcp(ctx, 'tools/list')).toMatchObject({ kind: 'ok' });
    expect(ctx.session.era).toBe('modern');
    expect(sent.map((s) => s.body?.method)).toEqual(['tools/list', 'tools/list']);
    expect(sent[0]?.headers['mcp-method']).toBe('tools/list');
  });

  it('a 400 that is no modern error: initialize, initialized, then the request again in the session', async () => {
    const { ctx, sent, lines } = client(legacyServer(), { token: 'tok' });
    expect(await callMcp(ctx, 'tools/list')).toEqual({ kind: 'ok', result: { tools: [] } });
    expect(sent.map((s) => `${s.method} ${typeof s.body?.method === 'string' ? s.body.method : ''}`)).toEqual(
      ['POST tools/list', 'POST initialize', 'POST notifications/initialized', 'GET ', 'POST tools/list'],
    );
    const [, init, initialized, , again] = sent;
    expect(init?.body?.params).toMatchObject({
      protocolVersion: '2025-11-25',
      clientInfo: { name: 'test client' },
    });
    // No version header and no Mcp-Method on initialize; no _meta in a legacy body.
    expect(init?.headers['mcp-protocol-version']).toBeUndefined();
    expect(init?.headers['mcp-method']).toBeUndefined();
    expect(initialized?.headers).toMatchObject({
      'mcp-session-id': 'sess-1',
      'mcp-protocol-version': '2025-11-25',
    });
    expect(again?.headers).toMatchObject({ 'mcp-session-id': 'sess-1', authorization: 'Bearer tok' });
    expect(JSON.stringify(again?.body)).not.toContain('io.modelcontextprotocol');
    expect(lines.join('\n')).toContain('falling back to initialize');
    // The era is kept for the run: the next call goes straight to the session.
    sent.length = 0;
    await callMcp(ctx, 'tools/list');
    expect(sent.map((s) => s.body?.method)).toEqual(['tools/list']);
  });

  it('a result without resultType (a legacy server that answered anyway) also means legacy', async () => {
    let calls = 0;
    const { ctx, sent } = client((s) =>
      s.body?.method === 'initialize'
        ? json({ jsonrpc: '2.0', id: s.body.id, result: { protocolVersion: '2025-06-18' } })
        : s.body?.id === undefined
          ? new Response(null, { status: s.method === 'GET' ? 405 : 202 })
          : json({ jsonrpc: '2.0', id: s.body.id, result: { tools: [], n: ++calls } }),
    );
    expect(await callMcp(ctx, 'tools/list')).toEqual({ kind: 'ok', result: { tools: [], n: 2 } });
    expect(ctx.session.legacy).toEqual({ version: '2025-06-18', sessionId: undefined });
    expect(sent.at(-1)?.headers['mcp-session-id']).toBeUndefined();
  });

  it('a modern error (-32020) is not a reason to fall back: its message is the call error', async () => {
    const { ctx, sent } = client(() =>
      json({ jsonrpc: '2.0', id: 1, error: { code: -32020, message: 'Header mismatch: Mcp-Name' } }, 400),
    );
    expect(await callMcp(ctx, 'tools/list')).toEqual({
      kind: 'error',
      status: 400,
      message: 'Header mismatch: Mcp-Name (-32020)',
    });
    expect(sent).toHaveLength(1);
    expect(ctx.session.era).toBe('modern');
  });

  it('-32022 listing an older revision the client speaks: initialize offers that one', async () => {
    const server = legacyServer((s) =>
      s.headers['mcp-protocol-version'] === '2026-07-28'
        ? json(
            {
              jsonrpc: '2.0',
              id: 1,
              error: {
                code: -32022,
                message: 'Unsupported protocol version',
                data: { supported: ['2025-06-18'], requested: '2026-07-28' },
              },
            },
            400,
          )
        : undefined,
    );
    const { ctx, sent } = client(server);
    expect(await callMcp(ctx, 'tools/list')).toMatchObject({ kind: 'ok' });
    expect(sent[1]?.body?.params).toMatchObject({ protocolVersion: '2025-06-18' });
  });

  it('a modern-only client (the page) reports an older server instead of falling back', async () => {
    const { ctx, sent } = client(legacyServer(), { legacy: [] });
    expect(await callMcp(ctx, 'tools/list')).toEqual({
      kind: 'error',
      status: 400,
      message: 'Bad Request: Unsupported protocol version (-32000)',
    });
    expect(sent).toHaveLength(1);
  });

  it('a 404 in a session: one new session, then the request again (2025-11-25 §Session Management)', async () => {
    let forgot = false;
    const { ctx, sent } = client(
      legacyServer((s) => {
        if (s.body?.method === 'tools/call' && !forgot) {
          forgot = true;
          return json(
            { jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } },
            404,
          );
        }
        return undefined;
      }),
    );
    await callMcp(ctx, 'tools/list');
    sent.length = 0;
    expect(await callMcp(ctx, 'tools/call', { name: 'x' })).toMatchObject({ kind: 'ok' });
    expect(sent.filter((s) => s.method === 'POST').map((s) => s.body?.method)).toEqual([
      'tools/call',
      'initialize',
      'notifications/initialized',
      'tools/call',
    ]);
  });

  it('401 and 403 insufficient_scope on the legacy path go back to the flow, as on the modern one', async () => {
    const { ctx } = client(
      legacyServer((s) =>
        s.body?.method === 'tools/call'
          ? new Response(null, {
              status: 403,
              headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="a b"' },
            })
          : s.body?.method === 'initialize' && !s.headers.authorization
            ? new Response(null, { status: 401, headers: { 'WWW-Authenticate': 'Bearer scope="a"' } })
            : undefined,
      ),
    );
    ctx.session.era = 'legacy';
    expect(await callMcp(ctx, 'tools/list')).toMatchObject({
      kind: 'unauthorized',
      challenge: { scope: 'a' },
    });
    ctx.session.tokens = { access_token: 't', scope: 'a' };
    expect(await callMcp(ctx, 'tools/call', { name: 'x' })).toMatchObject({
      kind: 'insufficient-scope',
      challenge: { scope: 'a b' },
    });
  });
});

describe('streams of the initialize-based revisions', () => {
  it('a stream closed before its response is resumed after retry ms, with Last-Event-ID (2025-11-25)', async () => {
    let callId: unknown;
    const { ctx, sent, slept } = client(
      legacyServer((s) => {
        if (s.body?.method === 'tools/call') {
          callId = s.body.id;
          return sse('id: ev-1\nretry: 500\ndata:\n\n');
        }
        if (s.method === 'GET' && s.headers['last-event-id'] === 'ev-1')
          return sse(
            `id: ev-2\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: callId, result: { content: [] } })}\n\n`,
          );
        return undefined;
      }),
    );
    await callMcp(ctx, 'tools/list');
    expect(await callMcp(ctx, 'tools/call', { name: 'slow' })).toEqual({
      kind: 'ok',
      result: { content: [] },
    });
    expect(slept).toEqual([500]);
    const resume = sent.at(-1);
    expect(resume?.method).toBe('GET');
    expect(resume?.headers).toMatchObject({
      accept: 'text/event-stream',
      'last-event-id': 'ev-1',
      'mcp-session-id': 'sess-1',
      'mcp-protocol-version': '2025-11-25',
    });
  });

  it('a server request on the stream is answered before the response arrives: the form with its defaults', async () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string', default: 'Ada' },
        age: { type: 'integer', default: 36 },
        color: { type: 'string', enum: ['red', 'blue'], default: 'blue' },
        notes: { type: 'string' },
      },
    };
    const { ctx, sent } = client(
      legacyServer((s) => {
        if (s.body?.method === 'tools/call')
          return sse(
            [
              `data: ${JSON.stringify({ jsonrpc: '2.0', id: 77, method: 'elicitation/create', params: { message: 'Who?', requestedSchema: schema } })}\n\n`,
              `data: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params: {} })}\n\n`,
              `data: ${JSON.stringify({ jsonrpc: '2.0', id: s.body.id, result: { content: [{ type: 'text', text: 'done' }] } })}\n\n`,
            ].join(''),
          );
        return undefined;
      }),
      { elicit: { action: 'accept', content: { notes: 'typed by the user' } } },
    );
    await callMcp(ctx, 'tools/list');
    expect(sent[1]?.body?.params).toMatchObject({ capabilities: { elicitation: {} } });
    expect(await callMcp(ctx, 'tools/call', { name: 'ask' })).toMatchObject({ kind: 'ok' });
    const answer = sent.find((s) => s.body?.id === 77 && 'result' in (s.body ?? {}));
    expect(answer?.body).toEqual({
      jsonrpc: '2.0',
      id: 77,
      result: {
        action: 'accept',
        content: { name: 'Ada', age: 36, color: 'blue', notes: 'typed by the user' },
      },
    });
    expect(answer?.headers['mcp-session-id']).toBe('sess-1');
  });

  it('without a way to ask the user, no elicitation capability, and such a request gets -32601', async () => {
    const { ctx, sent } = client(
      legacyServer((s) =>
        s.body?.method === 'tools/call'
          ? sse(
              `data: ${JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'elicitation/create', params: { message: 'm' } })}\n\n` +
                `data: ${JSON.stringify({ jsonrpc: '2.0', id: s.body.id, result: {} })}\n\n`,
            )
          : undefined,
      ),
    );
    await callMcp(ctx, 'tools/list');
    expect(sent[1]?.body?.params).toMatchObject({ capabilities: {} });
    await callMcp(ctx, 'tools/call', { name: 'ask' });
    expect(sent.find((s) => s.body?.id === 5)?.body).toMatchObject({ error: { code: -32601 } });
  });

  it('defaults: primitives and enum arrays only', () => {
    expect(
      defaultsOf({
        properties: { a: { default: 1 }, b: { default: ['x'] }, c: { default: { no: 1 } }, d: {} },
      }),
    ).toEqual({ a: 1, b: ['x'] });
  });
});

describe('token endpoint authentication (RFC 7591 §3.2.1, RFC 8414 §2, OAuth 2.1 §2.4.1)', () => {
  it.each<
    [string, { client_secret?: string; token_endpoint_auth_method?: string }, string[] | undefined, string]
  >([
    ['a public client names itself', {}, ['client_secret_basic'], 'none'],
    [
      'the registered method wins',
      { client_secret: 's', token_endpoint_auth_method: 'client_secret_post' },
      ['client_secret_basic', 'client_secret_post'],
      'client_secret_post',
    ],
    [
      'else Basic if listed',
      { client_secret: 's' },
      ['none', 'client_secret_post', 'client_secret_basic'],
      'client_secret_basic',
    ],
    ['else the body if listed', { client_secret: 's' }, ['client_secret_post'], 'client_secret_post'],
    ['a secret the server does not want: public', { client_secret: 's' }, ['none'], 'none'],
    ['nothing listed: RFC 8414 default', { client_secret: 's' }, undefined, 'client_secret_basic'],
  ])('%s', (_, credentials, supported, expected) => {
    expect(chooseAuthMethod({ client_id: 'c', ...credentials }, supported)).toBe(expected);
  });
});
