/**
 * Server-Sent Events, read as they arrive (WHATWG HTML §9.2.6 "Interpreting an event stream"): the
 * lines of a stream become events of `data` lines joined with "\n"; `id` sets the last event ID a
 * client sends back as `Last-Event-ID` when it resumes; `retry` sets how long to wait before doing
 * so; a line starting with ":" is a comment. An event with no data (an MCP server's priming event:
 * an id and an empty `data:`) is not dispatched, but its id and retry still count.
 */
export interface SseEvent {
  event: string;
  data: string;
  /** The last event ID as of this event. */
  id: string | undefined;
}

/** What a stream said about resuming it, as of the last line read. */
export interface SseCursor {
  lastEventId: string | undefined;
  /** Milliseconds, from the last valid `retry` field. */
  retryMs: number | undefined;
}

export class SseParser {
  readonly cursor: SseCursor;
  private buffer = '';
  private data: string[] = [];
  private event = '';
  /** A "\r" ended the last chunk: a "\n" at the start of the next one belongs to the same line end. */
  private pendingCr = false;

  /** A resumed stream starts from what the last one said (its last event ID and retry). */
  constructor(from: SseCursor = { lastEventId: undefined, retryMs: undefined }) {
    this.cursor = { ...from };
  }

  /** Feeds decoded text; returns the events it completed. */
  feed(text: string): SseEvent[] {
    let chunk = text;
    if (this.pendingCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.pendingCr = chunk.endsWith('\r');
    this.buffer += chunk;
    const events: SseEvent[] = [];
    // Lines end in CRLF, LF or CR; the last piece may be an unfinished line.
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    for (const line of lines) {
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.cursor.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.cursor.retryMs = Number(value);
        break;
      default:
        break; // unknown fields are ignored
    }
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const data = this.data.join('\n');
    const event = this.event || 'message';
    const had = this.data.length > 0;
    this.data = [];
    this.event = '';
    if (!had || data === '') return undefined;
    return { event, data, id: this.cursor.lastEventId };
  }
}

/**
 * Reads a response body as SSE events, one at a time. A caller that stops early (its response has
 * come) cancels the body, which closes the connection of a stream the server keeps open.
 */
export async function* sseEvents(
  body: ReadableStream<Uint8Array>,
  parser: SseParser,
  signal?: AbortSignal,
): AsyncGenerator<SseEvent, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let finished = false;
  // Stopping from outside (the client closing a stream it listens on) cancels the pending read.
  const stop = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const event of parser.feed(decoder.decode(value, { stream: true }))) yield event;
    }
    finished = true;
    // A stream that ends mid-event drops it (the spec dispatches only on a blank line).
    parser.feed(decoder.decode());
  } finally {
    signal?.removeEventListener('abort', stop);
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
