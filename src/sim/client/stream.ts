/**
 * Reading the answer to one request, whether the server returns one JSON object or an SSE stream
 * (the client MUST support both: Streamable HTTP §Sending Messages, every revision). On a stream
 * the server may first send notifications and, before 2026-07-28, requests of its own (elicitation:
 * answered through `channel.answer`); and before 2026-07-28 a stream that ends before the response
 * is resumed with GET and `Last-Event-ID`, after the `retry` the server set (2025-11-25
 * basic/transports.mdx §Sending Messages 6, §Resumability and Redelivery: the client MUST respect it).
 */
import { parseMessage } from './rpc';
import type { RpcId, RpcMessage } from './rpc';
import type { ClientContext } from './session';
import { SseParser, sseEvents } from './sse';

export type ReplyMessage = Extract<RpcMessage, { kind: 'result' | 'error' }>;
export type ServerRequest = Extract<RpcMessage, { kind: 'request' }>;

export type Reply = { kind: 'message'; message: ReplyMessage } | { kind: 'none'; reason: string };

export interface StreamChannel {
  /** Answers a request the server sent on the stream. Without it (2026-07-28) such requests are ignored. */
  answer?(request: ServerRequest): Promise<void>;
  /** Reopens a stream that ended before its response. Without it (2026-07-28) streams are not resumable. */
  resume?(lastEventId: string): Promise<Response>;
}

/** How often one request's stream is resumed before the client gives up. */
const MAX_RESUMES = 5;
/** WHATWG SSE leaves the initial reconnection time to the client; a second, like browsers use. */
export const DEFAULT_RETRY_MS = 1_000;
/** A server asking the client to wait longer than this is not waited for: the request fails instead. */
export const MAX_RETRY_MS = 60_000;

export function isSse(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').toLowerCase().includes('text/event-stream');
}

export function sleep(ctx: ClientContext, ms: number): Promise<void> {
  if (ctx.deps.sleep) return ctx.deps.sleep(ms);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The answer to `id` on this stream, if it comes before the stream ends. */
async function readStream(
  ctx: ClientContext,
  body: ReadableStream<Uint8Array>,
  id: RpcId,
  parser: SseParser,
  channel: StreamChannel,
): Promise<ReplyMessage | undefined> {
  for await (const event of sseEvents(body, parser)) {
    const message = parseMessage(event.data);
    if (!message) {
      ctx.deps.log?.(`  · ignored an SSE event that is not a JSON-RPC message`);
      continue;
    }
    switch (message.kind) {
      case 'result':
      case 'error':
        // Leaving the loop cancels the body: a stream the server keeps open is closed here.
        if (message.id === id) return message;
        break;
      case 'request':
        if (channel.answer) await channel.answer(message);
        else
          ctx.deps.log?.(
            `  · ignored a ${message.method} request on the stream (not allowed in this revision)`,
          );
        break;
      case 'notification':
        ctx.deps.log?.(`  · ${message.method}`);
        break;
    }
  }
  return undefined;
}

export async function readReply(
  ctx: ClientContext,
  response: Response,
  id: RpcId,
  channel: StreamChannel = {},
): Promise<Reply> {
  if (!isSse(response) || !response.body) {
    const text = await response.text().catch(() => '');
    const message = parseMessage(text);
    // An error about no particular request (a transport refusal) has a null id.
    if (
      (message?.kind === 'result' && message.id === id) ||
      (message?.kind === 'error' && (message.id === id || message.id === null))
    )
      return { kind: 'message', message };
    return { kind: 'none', reason: text === '' ? 'an empty body' : 'a body that is not a JSON-RPC response' };
  }
  let parser = new SseParser();
  let current = response;
  for (let resumes = 0; ; resumes++) {
    const body = current.body;
    const found = body ? await readStream(ctx, body, id, parser, channel) : undefined;
    if (found) return { kind: 'message', message: found };
    const { lastEventId, retryMs } = parser.cursor;
    if (!channel.resume || lastEventId === undefined)
      return { kind: 'none', reason: 'the SSE stream ended without a response' };
    if (resumes >= MAX_RESUMES)
      return {
        kind: 'none',
        reason: `the SSE stream ended without a response after ${MAX_RESUMES} resumptions`,
      };
    const wait = retryMs ?? DEFAULT_RETRY_MS;
    if (wait > MAX_RETRY_MS)
      return { kind: 'none', reason: `the server asked the client to come back in ${wait} ms: too long` };
    ctx.deps.log?.(
      `  · the stream ended before the response: resuming in ${wait} ms (retry) with Last-Event-ID: ${lastEventId}`,
    );
    await sleep(ctx, wait);
    current = await channel.resume(lastEventId);
    if (current.status !== 200 || !isSse(current)) {
      await current.text().catch(() => '');
      return { kind: 'none', reason: `resuming the stream was answered ${current.status}` };
    }
    parser = new SseParser(parser.cursor);
  }
}
