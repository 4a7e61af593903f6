/**
 * The stream a client of the initialize-based revisions keeps open for what the server sends on
 * its own (2025-11-25 basic/transports.mdx §Listening for Messages from the Server): a GET to the
 * MCP endpoint, answered with an SSE stream or 405. A server that needs the user's input while it
 * handles a call (elicitation) may ask here rather than on the call's own stream; the client
 * answers with a POST, as it would on that stream. The stream is reopened, after its `retry` and
 * with `Last-Event-ID`, when the server closes it, and closed when the client is done.
 */
import { parseMessage } from './rpc';
import type { ClientContext } from './session';
import { SseParser, sseEvents } from './sse';
import { DEFAULT_RETRY_MS, isSse, MAX_RETRY_MS, sleep } from './stream';
import type { ServerRequest } from './stream';

export interface Listening {
  stop(): void;
}

/** How often the stream is reopened in one session before the client stops listening. */
const MAX_OPENS = 20;

type Open = (lastEventId: string | undefined) => Promise<Response>;
type Answer = (request: ServerRequest) => Promise<void>;

async function listen(
  ctx: ClientContext,
  first: Response,
  open: Open,
  answer: Answer,
  signal: AbortSignal,
): Promise<void> {
  let response = first;
  let parser = new SseParser();
  for (let opens = 1; ; opens++) {
    const body = response.body;
    if (body) {
      for await (const event of sseEvents(body, parser, signal)) {
        const message = parseMessage(event.data);
        if (message?.kind === 'request') await answer(message);
        else if (message?.kind === 'notification') ctx.deps.log?.(`  · ${message.method} (server stream)`);
      }
    }
    const wait = parser.cursor.retryMs ?? DEFAULT_RETRY_MS;
    if (signal.aborted || opens >= MAX_OPENS || wait > MAX_RETRY_MS) return;
    await sleep(ctx, wait);
    if (signal.aborted) return;
    response = await open(parser.cursor.lastEventId);
    if (response.status !== 200 || !isSse(response)) {
      await response.text().catch(() => '');
      return;
    }
    parser = new SseParser(parser.cursor);
  }
}

/** Opens the stream; resolves once the server has answered the GET (so nothing sent after is missed). */
export async function startListening(
  ctx: ClientContext,
  open: Open,
  answer: Answer,
): Promise<Listening | undefined> {
  const first = await open(undefined);
  if (first.status !== 200 || !isSse(first)) {
    await first.text().catch(() => '');
    ctx.deps.log?.(`  · the server has no stream of its own (GET answered ${first.status})`);
    return undefined;
  }
  ctx.deps.log?.('  · listening on the server’s own stream (GET)');
  const controller = new AbortController();
  listen(ctx, first, open, answer, controller.signal).catch((error: unknown) => {
    ctx.deps.log?.(`  · the server stream failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  return { stop: () => controller.abort() };
}
