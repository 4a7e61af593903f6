/**
 * Records trace events, one at a time, each only when the pacer allows it. This is what makes the
 * simulation step: a party that wants to send a message (or finish a piece of work) waits here
 * until the learner presses Next, so every message really is produced when it is shown, by the
 * party that sends it, from the state the world is in at that moment.
 */
import type { Clock } from '../world/clock';
import type { NewTraceEvent, TraceEvent } from './types';

export interface Pacer {
  /** Resolves when event number `seq` may be recorded. */
  admit(seq: number): Promise<void>;
}

/** Lets every event through at once: headless runs, tests, the benchmark, replay. */
export const freeRunning: Pacer = { admit: () => Promise.resolve() };

/** A pacer the stepper controls: event `seq` passes once the limit is above it. */
export class SteppingPacer implements Pacer {
  private limit: number;
  private waiting: { seq: number; resolve: () => void }[] = [];

  /** Called whenever a party starts waiting: the run is parked until the limit moves. */
  onBlock: (() => void) | null = null;

  constructor(limit = 0) {
    this.limit = limit;
  }

  admit(seq: number): Promise<void> {
    if (seq < this.limit) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting.push({ seq, resolve });
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
}

export type TraceListener = (event: TraceEvent) => void;

export class Recorder {
  readonly events: TraceEvent[] = [];
  private listeners = new Set<TraceListener>();
  private reserved = 0;

  constructor(
    private readonly clock: Clock,
    private readonly pacer: Pacer = freeRunning,
  ) {}

  async record<E extends NewTraceEvent>(event: E): Promise<E & { seq: number; at: number }> {
    // Reserve the position first, so that two parties never race for the same slot.
    const seq = this.reserved++;
    await this.pacer.admit(seq);
    const full = { ...event, seq, at: this.clock.now() };
    this.events.push(full as TraceEvent);
    for (const listener of this.listeners) listener(full as TraceEvent);
    return full;
  }

  subscribe(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
