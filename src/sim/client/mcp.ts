/**
 * Calling the MCP server over Streamable HTTP. The client speaks 2026-07-28 (one POST per request,
 * the request metadata in `_meta` and mirrored into headers, no session) and, when configured with
 * older revisions, is "dual-era" (2026-07-28 basic/versioning.mdx §Backward Compatibility): the
 * first modern request tells which era the server is, and against an older server the client
 * falls back to the `initialize` handshake (legacy.ts) for the rest of the run. The access token
 * goes in the Authorization header of every request, never in the URL (C-24).
 */
import { mcpRequest } from '../mcp/request';
import { callLegacy } from './legacy';
import { METHOD_NOT_FOUND, MODERN_ERRORS, supportedVersions, UNSUPPORTED_PROTOCOL_VERSION } from './rpc';
import type { ClientContext } from './session';
import { readReply } from './stream';
import type { Reply } from './stream';
import type { CallResult } from './types';
import { takeNonce } from './dpop';
import { authFailure, requestTarget } from './target';

/** What the answer to a modern request says: a result, an error, or that the server is older. */
type ModernOutcome =
  { kind: 'done'; result: CallResult } | { kind: 'legacy'; why: string; offer: readonly string[] };

/**
 * Streamable HTTP §Backward Compatibility: a modern error in the body (-32020 to -32022, or -32601 on
 * a 404) means a modern server; a 400 without one means an older server, and so does a result
 * without `resultType`, which every 2026-07-28 result carries (schema.ts `Result`). Only while the
 * era is unknown, and only for a client that speaks an older revision, is that a fallback.
 */
function judge(ctx: ClientContext, status: number, reply: Reply): ModernOutcome {
  const { session } = ctx;
  const offer = session.era === 'unknown' ? session.legacyOffer : [];
  const done = (result: CallResult): ModernOutcome => ({ kind: 'done', result });
  if (reply.kind === 'message' && reply.message.kind === 'result' && status >= 200 && status < 300) {
    const { result } = reply.message;
    if (typeof result.resultType === 'string') {
      session.era = 'modern';
      if (result.resultType === 'complete') return done({ kind: 'ok', result });
      return done({
        kind: 'error',
        status,
        message: `The server answered resultType "${result.resultType}" (it needs input from the client), which this client does not support`,
      });
    }
    if (offer.length > 0)
      return { kind: 'legacy', why: 'a result without resultType (a server of an earlier revision)', offer };
    return done({ kind: 'ok', result }); // schema.ts: an absent resultType is treated as "complete"
  }
  if (reply.kind === 'message' && reply.message.kind === 'error') {
    const { error } = reply.message;
    const text = `${error.message || 'error'} (${error.code})`;
    if (MODERN_ERRORS.includes(error.code) || (status === 404 && error.code === METHOD_NOT_FOUND)) {
      const supported = error.code === UNSUPPORTED_PROTOCOL_VERSION ? supportedVersions(error) : [];
      // versioning.mdx §Protocol Version Negotiation: retry with a mutually supported version, which
      // for a server that lists only older revisions means their handshake.
      const mutual = session.legacyOffer.filter((v) => supported.includes(v));
      if (mutual.length > 0)
        return { kind: 'legacy', why: `${text}; it supports ${supported.join(', ')}`, offer: mutual };
      session.era = 'modern';
      const listed = supported.length > 0 ? `; the server supports ${supported.join(', ')}` : '';
      return done({ kind: 'error', status, message: `${text}${listed}` });
    }
    if (status === 400 && offer.length > 0)
      return { kind: 'legacy', why: `400 with ${text}, not an error of 2026-07-28`, offer };
    return done({ kind: 'error', status, message: text });
  }
  if (status === 400 && offer.length > 0)
    return { kind: 'legacy', why: `400 with ${reply.kind === 'none' ? reply.reason : 'no error'}`, offer };
  const why = reply.kind === 'none' ? reply.reason : 'a response to another request';
  return done({ kind: 'error', status, message: `HTTP ${status}: ${why}` });
}

async function callModern(
  ctx: ClientContext,
  method: string,
  params: Record<string, unknown>,
): Promise<CallResult> {
  const { config, session } = ctx;
  const id = session.nextRpcId++;
  const { headers, body } = mcpRequest({
    method,
    params,
    id,
    protocolVersion: config.protocolVersion,
    clientInfo: { name: config.clientName, version: '1.0.0' },
    extensions: config.extensions,
  });
  let { url, step } = requestTarget(ctx, headers);
  let response = await ctx.deps.fetch(url, { method: 'POST', step, headers, body });
  // C-78 (RFC 9449 §9): the server asks for its nonce in the proof; once, with a fresh proof.
  if (await takeNonce(ctx, url, response)) {
    ({ url, step } = requestTarget(ctx, headers));
    response = await ctx.deps.fetch(url, { method: 'POST', step, headers, body });
  }
  const denied = authFailure(response);
  if (denied) return denied;
  const reply = await readReply(ctx, response, id);
  const outcome = judge(ctx, response.status, reply);
  if (outcome.kind === 'done') return outcome.result;
  session.era = 'legacy';
  session.legacyOffer = outcome.offer;
  ctx.deps.log?.(
    `  · the server answered ${outcome.why}: falling back to initialize (${outcome.offer.join(', ')}) for the rest of the run`,
  );
  return callLegacy(ctx, method, params);
}

export function callMcp(
  ctx: ClientContext,
  method: string,
  params: Record<string, unknown> = {},
): Promise<CallResult> {
  return ctx.session.era === 'legacy' ? callLegacy(ctx, method, params) : callModern(ctx, method, params);
}
