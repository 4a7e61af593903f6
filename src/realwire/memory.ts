/**
 * What the real-wire layer keeps, bounded: the exchange log (for --har and the tests) by count and
 * by size, and the servers' plain lists (access log, tool calls...), which the page never needs to
 * trim because a run there is short. A hostile client sent 37,000 requests of up to 64 KB each and
 * the process kept all of it; now it keeps the newest, within these bounds.
 */
import type { World } from '../sim/world/world';
import type { Exchange } from './exchange';

export interface Keep {
  /** Exchanges kept for the HAR export, the oldest forgotten first... */
  exchanges: number;
  /** ...and at most this many characters of them (bodies, headers, URL). */
  exchangeChars: number;
  /** Entries kept in each of the world's lists: access log, tool calls, downstream log, callbacks, trace. */
  logLines: number;
}

/** About 250 whole flows of exchanges for the HAR export: a session's worth, a few MB at most. */
export const DEFAULT_KEEP: Keep = { exchanges: 1000, exchangeChars: 4 * 1024 * 1024, logLines: 1000 };

function charsOf(exchange: Exchange): number {
  let chars =
    exchange.url.length + (exchange.requestBody?.length ?? 0) + (exchange.responseBody?.length ?? 0);
  for (const [name, value] of [...exchange.requestHeaders, ...exchange.responseHeaders])
    chars += name.length + value.length;
  for (const note of exchange.notes) chars += note.length;
  return chars;
}

export interface ExchangeLog {
  /** Oldest first; the same array throughout, trimmed in place. */
  entries: Exchange[];
  add(exchange: Exchange): void;
  chars(): number;
}

export function exchangeLog(keep: Pick<Keep, 'exchanges' | 'exchangeChars'>): ExchangeLog {
  const entries: Exchange[] = [];
  const sizes: number[] = [];
  let total = 0;
  return {
    entries,
    add(exchange) {
      const size = charsOf(exchange);
      entries.push(exchange);
      sizes.push(size);
      total += size;
      let drop = 0;
      // The newest is always kept, even alone over the budget.
      while (
        entries.length - drop > 1 &&
        (entries.length - drop > keep.exchanges || total > keep.exchangeChars)
      ) {
        total -= sizes[drop] ?? 0;
        drop++;
      }
      if (drop > 0) {
        entries.splice(0, drop);
        sizes.splice(0, drop);
      }
    },
    chars: () => total,
  };
}

/** Keeps the newest `lines` entries of each of the world's plain lists. */
export function trimWorldLogs(world: World, lines: number): void {
  for (const list of [
    world.mcp.accessLog,
    world.mcp.calls,
    world.downstream.log,
    world.clientHost.callbacks,
  ]) {
    if (list.length > lines) list.splice(0, list.length - lines);
  }
  // The trace the page draws: real-wire reads each event as it happens (the log line), never later.
  const events = world.recorder.events;
  if (events.length > lines) events.splice(0, events.length - lines);
}
