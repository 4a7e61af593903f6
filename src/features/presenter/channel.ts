/**
 * The line between the audience window (the simulator) and the speaker's notes window: a
 * BroadcastChannel, or `storage` events where BroadcastChannel is missing. The audience window is
 * the source of truth: it sends its state on every change and when the notes window says hello;
 * the notes window sends commands (Next, Back, ...) that the audience window carries out.
 *
 * Every page of the origin can open a BroadcastChannel, and an origin is often shared (a GitHub
 * Pages user site), so the line trusts nothing it hears: each message is checked against the schema
 * in messages.ts and dropped unless it fits. The session id (128 random bits, new each time the
 * speaker opens the notes window) names the channel itself, so a page that does not already know it
 * hears nothing and cannot be heard. The storage fallback cannot hide it (the key and value of every
 * storage event reach every page of the origin); there the schema is the only guard.
 */
import { readMessage, SESSION_PATTERN } from './messages';
import type { PresenterMessage } from './messages';

export type { PresenterCommand, PresenterMessage, PresenterState } from './messages';

export const CHANNEL_NAME = 'mcp-oauth-simulator.presenter';
const STORAGE_KEY = 'mcp-oauth-simulator.presenter.message';
const SESSION_KEY = 'mcp-oauth-simulator.presenter.session';

/** The BroadcastChannel of one session. */
export function channelName(session: string): string {
  return `${CHANNEL_NAME}.${session}`;
}

export interface PresenterChannel {
  post: (message: PresenterMessage) => void;
  close: () => void;
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
    const message = readMessage(data);
    if (message && message.session === session) onMessage(message);
  };
  if (transport === 'broadcast') {
    const channel = new BroadcastChannel(channelName(session));
    channel.onmessage = (event: MessageEvent) => receive(event.data);
    return { post: (message) => channel.postMessage(message), close: () => channel.close() };
  }
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY || !event.newValue) return;
    try {
      const value: unknown = JSON.parse(event.newValue);
      if (typeof value === 'object' && value !== null && 'message' in value) receive(value.message);
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

/**
 * A new session id: 128 bits from crypto.getRandomValues (which works on plain http too, where
 * randomUUID does not), so that another page cannot guess it.
 */
export function newSessionId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

let current: string | null = null;
const listeners = new Set<() => void>();

/**
 * This tab's presenter session: kept across reloads of the tab (in sessionStorage, which no other
 * tab can read), so an open notes window reconnects; in memory where storage is blocked.
 */
export function presenterSession(): string {
  if (current) return current;
  try {
    const known = window.sessionStorage.getItem(SESSION_KEY);
    current = known && SESSION_PATTERN.test(known) ? known : remember(newSessionId());
  } catch {
    current = newSessionId();
  }
  return current;
}

function remember(id: string): string {
  try {
    window.sessionStorage.setItem(SESSION_KEY, id);
  } catch {
    // Storage blocked: the session lasts as long as the page.
  }
  return id;
}

/**
 * Starts a new pairing (the speaker opens the notes window): a fresh session, so a page that
 * learned an earlier one (a notes window left open on a shared screen, say) cannot drive this one.
 */
export function newPairing(): string {
  current = remember(newSessionId());
  for (const listener of [...listeners]) listener();
  return current;
}

/** Calls `listener` when a new pairing starts (useSyncExternalStore's contract). */
export function subscribePresenterSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The notes window's URL for a session. */
export function notesHref(session: string): string {
  return `#/presenter-notes?session=${encodeURIComponent(session)}`;
}
