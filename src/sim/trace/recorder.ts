/**
 * Records trace events, one at a time, each only when the pacer allows it. This is what makes the
 * simulation step: a party that wants to send a message (or finish a piece of work) waits here
 * until the learner presses Next, so every message really is produced when it is shown, by the
 * party that sends it, from the state the world is in at that moment.
 */
import type { Clock } from '../world/clock';
import type { NewTraceEvent, TraceEvent } from './types';

export interface Pacer {
  /**
   * Resolves when event number `seq` may be recorded and its party may go on. A pacer may call
   * `enter` earlier, at the moment it admits the event, to record it while its party stays held.
   */
  admit(seq: number, enter: () => void): Promise<void>;
}

/** Lets every event through at once: headless runs, tests, the benchmark, replay. */
export const freeRunning: Pacer = { admit: () => Promise.resolve() };

interface Waiting {
  seq: number;
  enter: () => void;
  resolve: () => void;
}

/**
 * A pacer the stepper controls: event `seq` passes once the limit is above it. `reveal()` records the
 * next waiting event at once but holds its party until `release()`: the party's work towards the
 * event after it can then wait until the screen has drawn this one.
 */
export class SteppingPacer implements Pacer {
  private limit: number;
  private waiting: Waiting[] = [];
  private held: (() => void)[] = [];

  /** Called whenever a party starts waiting: the run is parked until the limit moves. */
  onBlock: (() => void) | null = null;

  constructor(limit = 0) {
    this.limit = limit;
  }

  admit(seq: number, enter: () => void): Promise<void> {
    if (seq < this.limit) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting.push({ seq, enter, resolve });
      this.onBlock?.();
    });
  }

  get currentLimit(): number {
    return this.limit;
  }

  setLimit(limit: number): void {
    this.limit = limit;
    const ready = this.waiting.filter((w) => w.seq < limit);
    this.waiting = this.waiting.filter((w) => w.seq >= limit);
    for (const w of ready) w.resolve();
  }

  get isBlocked(): boolean {
    return this.waiting.length > 0;
  }

  /** A party is waiting to record event `seq`: its message is built and can be shown at once. */
  isWaiting(seq: number): boolean {
    return this.waiting.some((w) => w.seq === seq);
  }

  /**
   * Admits the waiting event number `limit` (the next one) and records it now, synchronously, but
   * keeps its party from going on until `release()`. False if no party waits to record it.
   */
  reveal(): boolean {
    const next = this.waiting.find((w) => w.seq === this.limit);
    if (!next) return false;
    this.limit++;
    this.waiting = this.waiting.filter((w) => w !== next);
    next.enter();
    this.held.push(next.resolve);
    return true;
  }

  /** Lets the parties held by `reveal()` go on. */
  release(): void {
    const held = this.held;
    this.held = [];
    for (const resolve of held) resolve();
  }

  get isHolding(): boolean {
    return this.held.length > 0;
  }
}

export type TraceListener = (event: TraceEvent) => void;

export class Recorder {
  readonly events: TraceEvent[] = [];
  private listeners = new Set<TraceListener>();
  private reserved = 0;
  /** Events a party has built and that wait for the pacer, by position (what `peek` reads). */
  private built = new Map<number, NewTraceEvent>();

  constructor(
    private readonly clock: Clock,
    private readonly pacer: Pacer = freeRunning,
  ) {}

  async record<E extends NewTraceEvent>(event: E): Promise<E & { seq: number; at: number }> {
    // Reserve the position first, so that two parties never race for the same slot.
    const seq = this.reserved++;
    let full: (E & { seq: number; at: number }) | null = null;
    this.built.set(seq, event);
    const enter = (): E & { seq: number; at: number } => {
      if (full) return full;
      this.built.delete(seq);
      full = { ...event, seq, at: this.clock.now() };
      this.events.push(full);
      for (const listener of this.listeners) listener(full);
      return full;
    };
    await this.pacer.admit(seq, enter);
    // Recorded here, once admitted, unless the pacer already recorded it when it admitted it.
    return enter();
  }

  /**
   * The event at position `seq` as its party built it, while it waits to be shown: the very message
   * Next will show (only its time of recording is added then). Predict mode asks about it before it
   * is revealed; undefined when no party has built that one yet, or it is already shown.
   */
  peek(seq: number): NewTraceEvent | undefined {
    return this.built.get(seq);
  }

  subscribe(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
