/**
 * The client's side of the initialize-based revisions (2025-03-26 to 2025-11-25), used once the
 * server has shown it is of that era (mcp.ts): the `initialize` handshake that negotiates the
 * revision, `notifications/initialized`, the `Mcp-Session-Id` and `MCP-Protocol-Version` headers on
 * every later request, a new session when the server forgets the old one (404), requests the server
 * sends on a response stream (elicitation.ts), and streams resumed with `Last-Event-ID`.
 * (2025-11-25 basic/lifecycle.mdx §Initialization; basic/transports.mdx §Session Management.)
 */
import { answerServerRequest } from './elicitation';
import { isRecord } from './json';
import type { ClientContext } from './session';
import { readReply } from './stream';
import type { Reply, ServerRequest, StreamChannel } from './stream';
import { startListening } from './listen';
import { authFailure, requestTarget } from './target';
import type { CallResult } from './types';

/** 2025-11-25 §Session Management: a session ID is visible ASCII (0x21 to 0x7E) only. */
const SESSION_ID = /^[\x21-\x7E]+$/;

function headersFor(ctx: ClientContext, accept: string): Record<string, string> {
  const legacy = ctx.session.legacy;
  return {
    Accept: accept,
    // 2025-06-18 §Protocol Version Header: every request after initialize names the negotiated
    // revision; 2025-03-26 had no such header.
    ...(legacy && legacy.version !== '2025-03-26' ? { 'MCP-Protocol-Version': legacy.version } : {}),
    ...(legacy?.sessionId !== undefined ? { 'Mcp-Session-Id': legacy.sessionId } : {}),
  };
}

function post(ctx: ClientContext, message: Record<string, unknown>): Promise<Response> {
  const headers = {
    'Content-Type': 'application/json',
    ...headersFor(ctx, 'application/json, text/event-stream'),
  };
  const { url, step } = requestTarget(ctx, headers);
  return ctx.deps.fetch(url, {
    method: 'POST',
    step,
    headers,
    body: JSON.stringify({ jsonrpc: '2.0', ...message }),
  });
}

/** Answers a request the server sent, with a POST of the JSON-RPC response (202 expected). */
async function answer(ctx: ClientContext, request: ServerRequest): Promise<void> {
  const reply = await answerServerRequest(ctx, request);
  const response = await post(ctx, { id: request.id, ...reply });
  await response.text().catch(() => '');
  if (response.status >= 300)
    ctx.deps.log?.(`  · the server refused the answer to ${request.method}: ${response.status}`);
}

/** A GET for a server stream: a new one, or one resumed after `lastEventId` (§Resumability). */
function openStream(ctx: ClientContext, lastEventId: string | undefined): Promise<Response> {
  const headers: Record<string, string> = headersFor(ctx, 'text/event-stream');
  if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
  const { url, step } = requestTarget(ctx, headers, 'GET');
  return ctx.deps.fetch(url, { method: 'GET', step, headers });
}

function channel(ctx: ClientContext): StreamChannel {
  return { answer: (request) => answer(ctx, request), resume: (id) => openStream(ctx, id) };
}

/**
 * Ends the legacy session, if any: stops listening and, with a session id, sends DELETE (2025-11-25
 * §Session Management 5: a client that no longer needs a session SHOULD end it).
 */
export async function closeLegacy(ctx: ClientContext): Promise<void> {
  const { session } = ctx;
  session.listening?.stop();
  session.listening = undefined;
  if (session.legacy?.sessionId === undefined) return;
  const headers = headersFor(ctx, 'application/json, text/event-stream');
  const { url, step } = requestTarget(ctx, headers, 'DELETE');
  session.legacy = undefined;
  try {
    const response = await ctx.deps.fetch(url, { method: 'DELETE', step, headers });
    await response.text().catch(() => '');
  } catch {
    // The session ends with the run either way.
  }
}

function outcome(status: number, reply: Reply): CallResult {
  if (reply.kind === 'none') return { kind: 'error', status, message: `HTTP ${status}: ${reply.reason}` };
  const { message } = reply;
  if (message.kind === 'result' && status >= 200 && status < 300)
    return { kind: 'ok', result: message.result };
  if (message.kind === 'error')
    return { kind: 'error', status, message: `${message.error.message || 'error'} (${message.error.code})` };
  return { kind: 'error', status, message: `HTTP ${status} with a result` };
}

/** The handshake; undefined when a session is open, else what stopped it. */
async function initialize(ctx: ClientContext): Promise<CallResult | undefined> {
  const { session, config, deps } = ctx;
  const offered = session.legacyOffer[0];
  if (offered === undefined) return { kind: 'error', status: 0, message: 'No earlier revision to offer' };
  const id = session.nextRpcId++;
  const response = await post(ctx, {
    id,
    method: 'initialize',
    params: {
      protocolVersion: offered,
      // Only what the client can do: a form for the user when it can show one (elicitation.ts).
      capabilities: deps.elicit ? { elicitation: {} } : {},
      clientInfo: { name: config.clientName, version: '1.0.0' },
    },
  });
  const denied = authFailure(response);
  if (denied) return denied;
  const reply = await readReply(ctx, response, id);
  const result = outcome(response.status, reply);
  if (result.kind === 'error') return { ...result, message: `initialize failed: ${result.message}` };
  if (result.kind !== 'ok') return result;
  const version = isRecord(result.result) ? result.result.protocolVersion : undefined;
  // lifecycle §Version Negotiation: a revision the client does not speak means it should disconnect.
  if (typeof version !== 'string' || !(config.legacyVersions ?? []).includes(version)) {
    return {
      kind: 'error',
      status: response.status,
      message: `initialize: the server chose revision ${String(version)}, which this client does not speak`,
    };
  }
  const sessionId = response.headers.get('mcp-session-id') ?? undefined;
  if (sessionId !== undefined && !SESSION_ID.test(sessionId))
    return {
      kind: 'error',
      status: response.status,
      message: 'initialize: the session id is not visible ASCII',
    };
  session.legacy = { version, sessionId };
  deps.log?.(
    `  · initialize: revision ${version}${sessionId === undefined ? ', no session id' : ', in a session'}`,
  );
  const initialized = await post(ctx, { method: 'notifications/initialized' });
  await initialized.text().catch(() => '');
  // Not initialized: the next call starts over with a new initialize.
  if (initialized.status >= 300) session.legacy = undefined;
  const refused = authFailure(initialized);
  if (refused) return refused;
  if (initialized.status >= 300)
    return {
      kind: 'error',
      status: initialized.status,
      message: `notifications/initialized was answered ${initialized.status}`,
    };
  if (config.listen !== false)
    session.listening = await startListening(
      ctx,
      (lastEventId) => openStream(ctx, lastEventId),
      (request) => answer(ctx, request),
    );
  return undefined;
}

export async function callLegacy(
  ctx: ClientContext,
  method: string,
  params: Record<string, unknown>,
): Promise<CallResult> {
  // One new session if the server forgot ours (404): more would be a loop.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!ctx.session.legacy) {
      const failed = await initialize(ctx);
      if (failed) return failed;
    }
    const hadSession = ctx.session.legacy?.sessionId !== undefined;
    const id = ctx.session.nextRpcId++;
    const response = await post(ctx, { id, method, params });
    const denied = authFailure(response);
    if (denied) return denied;
    if (response.status === 404 && hadSession) {
      // 2025-11-25 §Session Management 4: the client MUST start a new session with a new initialize.
      await response.text().catch(() => '');
      ctx.session.listening?.stop();
      ctx.session.listening = undefined;
      ctx.session.legacy = undefined;
      ctx.deps.log?.('  · the server no longer knows the session (404): initializing a new one');
      continue;
    }
    return outcome(response.status, await readReply(ctx, response, id, channel(ctx)));
  }
  return { kind: 'error', status: 404, message: 'The server forgot the new session at once' };
}
