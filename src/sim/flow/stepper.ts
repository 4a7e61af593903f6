/**
 * Steps a run one message at a time. The run is live: parties block in the recorder until the
 * stepper lets the next event through, so each message is produced by its party, from the state the
 * world is in, just before it is shown (a party builds a message, then waits to send it). Going back
 * replays the same seed (and the same consent decisions) to one step earlier, which is exact
 * because the world is deterministic (DESIGN.md principle 5).
 */
import type { Decision } from '../browser/browser';
import type { ConsentPrompt } from '../servers/auth/consentPage';
import { SteppingPacer } from '../trace/recorder';
import type { TraceEvent } from '../trace/types';
import type { World } from '../world/world';
import type { AttackReport } from '../attacks/run';
import type { FlowOutcome } from './flowMachine';
import { defaultDecision, prepareRun } from './simulation';
import type { RunConfig } from './simulation';

export interface StepperSnapshot {
  config: RunConfig;
  /** The events shown so far. */
  trace: readonly TraceEvent[];
  /** The browser is showing the consent page and waits for the learner's decision. */
  consent: ConsentPrompt | null;
  /** Set once the flow has ended and its last event is shown. */
  outcome: FlowOutcome | null;
  /** What the attacker obtained, once an attack run has ended. */
  attack: AttackReport | null;
  finished: boolean;
}

type Listener = (snapshot: StepperSnapshot) => void;

export interface StepperOptions {
  /** Consent decisions made so far, in order (replayed on back). */
  decisions?: Decision[];
  /** When false, the learner decides at the consent page; when true, the scenario's default applies. */
  autoConsent?: boolean;
}

export class Stepper {
  private pacer = new SteppingPacer(0);
  private world: World;
  private consent: ConsentPrompt | null = null;
  private resolveConsent: ((d: Decision) => void) | null = null;
  private outcome: FlowOutcome | null = null;
  private attack: AttackReport | null = null;
  private done = false;
  private listeners = new Set<Listener>();
  private wake: (() => void) | null = null;
  private consentIndex = 0;
  readonly decisions: Decision[];
  autoConsent: boolean;

  constructor(
    readonly config: RunConfig,
    options: StepperOptions = {},
  ) {
    this.decisions = [...(options.decisions ?? [])];
    this.autoConsent = options.autoConsent ?? false;
    const run = prepareRun(config, { pacer: this.pacer, decide: (prompt) => this.decide(prompt) });
    this.world = run.world;
    run.world.recorder.subscribe(() => this.poke());
    this.pacer.onBlock = () => this.poke();
    void run.start().then(
      (result) => {
        this.attack = result.attack ?? null;
        this.finish(result.outcome);
      },
      (error: unknown) =>
        this.finish({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  }

  get trace(): readonly TraceEvent[] {
    return this.world.recorder.events;
  }

  get worldState(): World {
    return this.world;
  }

  snapshot(): StepperSnapshot {
    return {
      config: this.config,
      trace: [...this.trace],
      consent: this.consent,
      outcome: this.done ? this.outcome : null,
      attack: this.done ? this.attack : null,
      finished: this.done,
    };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Shows the next event. Resolves once it is shown, or the flow waits for consent, or has ended. */
  async next(): Promise<void> {
    await this.advanceTo(this.trace.length + 1);
  }

  /** The next event is built and its party waits only for Next: `revealNext()` shows it at once. */
  get nextIsReady(): boolean {
    const count = this.trace.length;
    return (
      !this.done && this.consent === null && this.pacer.currentLimit === count && this.pacer.isWaiting(count)
    );
  }

  /**
   * Shows the next event synchronously, if it is ready, and holds the run there: the parties' work
   * towards the event after it (a server handling the request just shown, say) waits for `resume()`.
   * The UI resumes once the new arrow is on screen, so that work does not delay drawing it.
   */
  revealNext(): boolean {
    if (!this.nextIsReady) return false;
    this.pacer.reveal();
    this.emit();
    return true;
  }

  /** Lets a run held by `revealNext()` go on to its next event (or consent page, or end). */
  resume(): void {
    this.pacer.release();
  }

  /**
   * Plays up to `count` events in total, stopping early at a consent decision the learner must make.
   * Resolves as soon as the last of them is recorded, so the UI can draw it at once; what the party
   * does next (a server's work, a consent prompt) follows, and `settle()` waits for it.
   */
  async advanceTo(count: number): Promise<void> {
    this.resume();
    this.pacer.setLimit(Math.max(this.pacer.currentLimit, count));
    await this.waitUntil(() => this.done || this.consent !== null || this.trace.length >= count);
  }

  /**
   * Resolves once the run is parked: waiting to record its next event, waiting for consent, or
   * ended. The snapshot is then complete (a consent page shown by the last step is already asked).
   */
  async settle(): Promise<void> {
    this.resume();
    await this.waitUntil(() => this.done || this.consent !== null || this.pacer.isBlocked);
  }

  private async waitUntil(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise<void>((resolve) => (this.wake = resolve));
    this.emit();
  }

  /** Plays to the end, answering any consent page with the scenario's default. */
  async runToEnd(): Promise<void> {
    this.autoConsent = true;
    if (this.consent) this.answer(defaultDecision(this.config, this.consent));
    await this.advanceTo(Number.POSITIVE_INFINITY);
  }

  /** The learner's click on Approve or Deny in the simulated browser window. */
  answer(decision: Decision): void {
    const resolve = this.resolveConsent;
    if (!resolve) return;
    this.decisions.push(decision);
    this.consent = null;
    this.resolveConsent = null;
    resolve(decision);
    this.emit();
  }

  private decide(prompt: ConsentPrompt): Promise<Decision> {
    const known = this.decisions[this.consentIndex];
    this.consentIndex++;
    if (known) return Promise.resolve(known);
    if (this.autoConsent) {
      const decision = defaultDecision(this.config, prompt);
      this.decisions.push(decision);
      return Promise.resolve(decision);
    }
    return new Promise((resolve) => {
      this.consent = prompt;
      this.resolveConsent = resolve;
      this.poke();
      this.emit();
    });
  }

  private finish(outcome: FlowOutcome): void {
    this.outcome = outcome;
    this.done = true;
    this.poke();
    this.emit();
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}

/**
 * A stepper positioned at `count` events: the way "back", "jump to step N" and deep links work.
 * Consent decisions already made are replayed; none is asked for again.
 */
export async function stepperAt(
  config: RunConfig,
  count: number,
  decisions: Decision[] = [],
): Promise<Stepper> {
  const stepper = new Stepper(config, { decisions });
  await stepper.advanceTo(Math.max(0, count));
  return stepper;
}
