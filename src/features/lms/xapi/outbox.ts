/**
 * Statements (and state documents) on their way to the learning record store, in order: one at a
 * time, the next only once the one before was stored, so the LRS receives them as they happened
 * (cmi5 §9.3 orders a session by them: initialized first, terminated last). Nothing waits for it:
 * `push` returns at once. A job the LRS could not be reached for (offline, a server error) stays at
 * the head and is tried again after a growing pause (1 s, 2 s, 4 s … at most a minute), and at once
 * when the browser says it is online again; one the LRS refused (a 4xx) is dropped with a warning,
 * since sending it again cannot change the answer. The queue lives as long as the page: a cmi5 session
 * (its token) ends with the page too.
 */
import { isRetryable } from './lrs';

export interface OutboxOptions {
  /** The first pause before trying again, in ms (tests shorten it). */
  retryMs?: number;
  maxRetryMs?: number;
  /** Where the browser says it is back online (window); absent in Node. */
  onlineTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  warn?: (message: string) => void;
}

export class Outbox<Job> {
  private readonly jobs: Job[] = [];
  private sending = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly idle = new Set<() => void>();
  private readonly retryMs: number;
  private readonly maxRetryMs: number;
  private readonly warn: (message: string) => void;

  constructor(
    private readonly send: (job: Job, options: { keepalive: boolean }) => Promise<void>,
    private readonly options: OutboxOptions = {},
  ) {
    this.retryMs = options.retryMs ?? 1000;
    this.maxRetryMs = options.maxRetryMs ?? 60000;
    this.warn = options.warn ?? ((message) => console.warn(message));
    options.onlineTarget?.addEventListener('online', this.onOnline);
  }

  get pending(): number {
    return this.jobs.length;
  }

  push(job: Job): void {
    this.jobs.push(job);
    this.pump(false);
  }

  /** Tries now whatever waits (with keepalive when the page is going away); resolves once the queue is empty or stuck. */
  flush(keepalive = false): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.pump(keepalive);
    return this.jobs.length === 0 && !this.sending
      ? Promise.resolve()
      : new Promise((done) => this.idle.add(done));
  }

  close(): void {
    this.options.onlineTarget?.removeEventListener('online', this.onOnline);
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private readonly onOnline = (): void => {
    void this.flush();
  };

  private settle(): void {
    for (const done of [...this.idle]) done();
    this.idle.clear();
  }

  private pump(keepalive: boolean): void {
    if (this.sending || this.timer !== null) return;
    const job = this.jobs[0];
    if (job === undefined) {
      this.settle();
      return;
    }
    this.sending = true;
    this.send(job, { keepalive }).then(
      () => {
        this.sending = false;
        this.failures = 0;
        this.jobs.shift();
        this.pump(keepalive);
      },
      (error: unknown) => {
        this.sending = false;
        if (!isRetryable(error)) {
          this.warn(`xAPI: a statement was refused and is dropped: ${String(error)}`);
          this.jobs.shift();
          this.pump(keepalive);
          return;
        }
        const pause = Math.min(this.maxRetryMs, this.retryMs * 2 ** this.failures);
        this.failures += 1;
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump(false);
        }, pause);
        // Whoever waits for a flush learns that the rest is still queued (the page may be closing).
        this.settle();
      },
    );
  }
}
