/**
 * The line between the audience window (the simulator) and the speaker's notes window: a
 * BroadcastChannel, or `storage` events where BroadcastChannel is missing. The audience window is
 * the source of truth: it sends its state on every change and when the notes window says hello;
 * the notes window sends commands (Next, Back, ...) that the audience window carries out. A
 * session id (one per audience tab) keeps two presentations in two tabs apart.
 */
import type { Decision } from '../../sim/browser/browser';
import type { RunConfig } from '../../sim/flow/simulation';
import type { StepId } from '../../sim/steps';

export const CHANNEL_NAME = 'mcp-oauth-simulator.presenter';
const STORAGE_KEY = 'mcp-oauth-simulator.presenter.message';
const SESSION_KEY = 'mcp-oauth-simulator.presenter.session';

/** What the notes window needs to know about the audience window's run. */
export interface PresenterState {
  /** The run's choices only (never a value from the run): enough to replay it for the preview. */
  config: Pick<RunConfig, 'seed' | 'scenario' | 'registration' | 'attack'>;
  decisions: Decision[];
  /** Messages shown so far. */
  count: number;
  current: {
    seq: number;
    stepId: StepId;
    kind: 'request' | 'response' | 'internal' | 'handoff';
    label: string;
    route: string;
  } | null;
  /** The simulated browser waits for Approve or Deny. */
  consent: boolean;
  finished: boolean;
  /** The ending's title once finished ("Authorized: the tool ran", ...). */
  ending: string | null;
  scenarioTitle: string;
  mask: boolean;
}

export type PresenterCommand =
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'RESET' }
  | { type: 'RUN_TO_END' }
  | { type: 'ANSWER'; decision: Decision };

export type PresenterMessage =
  | { type: 'state'; session: string; state: PresenterState }
  | { type: 'hello'; session: string }
  | { type: 'command'; session: string; command: PresenterCommand };

export interface PresenterChannel {
  post: (message: PresenterMessage) => void;
  close: () => void;
}

function isMessage(value: unknown): value is PresenterMessage {
  if (!value || typeof value !== 'object') return false;
  const { type, session } = value as { type?: unknown; session?: unknown };
  return typeof session === 'string' && (type === 'state' || type === 'hello' || type === 'command');
}

/**
 * Opens the line for one session. `transport` is for tests; by default BroadcastChannel where the
 * browser has it, else localStorage's `storage` event (which other windows of the origin receive).
 */
export function openPresenterChannel(
  session: string,
  onMessage: (message: PresenterMessage) => void,
  transport: 'broadcast' | 'storage' = typeof BroadcastChannel === 'function' ? 'broadcast' : 'storage',
): PresenterChannel {
  const receive = (data: unknown) => {
    if (isMessage(data) && data.session === session) onMessage(data);
  };
  if (transport === 'broadcast') {
    const channel = new BroadcastChannel(CHANNEL_NAME);
    channel.onmessage = (event: MessageEvent) => receive(event.data);
    return { post: (message) => channel.postMessage(message), close: () => channel.close() };
  }
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY || !event.newValue) return;
    try {
      receive((JSON.parse(event.newValue) as { message: unknown }).message);
    } catch {
      // Someone else's value under our key: ignore it.
    }
  };
  window.addEventListener('storage', onStorage);
  let sent = 0;
  return {
    post: (message) => {
      try {
        // The counter makes each value new, so the same message twice still fires an event.
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ message, n: ++sent, at: Date.now() }));
      } catch {
        // Storage blocked: the notes window cannot be reached this way.
      }
    },
    close: () => window.removeEventListener('storage', onStorage),
  };
}

/** A random id; crypto.getRandomValues works on plain http too (randomUUID does not). */
export function newSessionId(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** This tab's presenter session: kept across reloads of the tab, so an open notes window reconnects. */
export function presenterSession(): string {
  try {
    const known = window.sessionStorage.getItem(SESSION_KEY);
    if (known && /^[0-9a-f]{8,}$/.test(known)) return known;
    const id = newSessionId();
    window.sessionStorage.setItem(SESSION_KEY, id);
    return id;
  } catch {
    return fallbackSession;
  }
}

const fallbackSession = newSessionId();

/** The notes window's URL for a session. */
export function notesHref(session: string): string {
  return `#/presenter-notes?session=${encodeURIComponent(session)}`;
}
