/**
 * Pure formatting of a message: URLs by parameter, bodies by type, simulated times. The inspector
 * shows every message with it; the consent window shows its page's address by parameter with it.
 */
import { headerValue } from '../../sim/trace/types';
import type { HeaderList } from '../../sim/trace/types';

export interface SplitUrl {
  /** Scheme, host and path: everything before the query. */
  base: string;
  /** Query parameters, decoded, in order (repeats kept). */
  params: [string, string][];
}

export function splitUrl(url: string): SplitUrl {
  try {
    const parsed = new URL(url);
    return { base: `${parsed.origin}${parsed.pathname}`, params: [...parsed.searchParams.entries()] };
  } catch {
    return { base: url, params: [] };
  }
}

export type Body =
  | { kind: 'json'; text: string }
  | { kind: 'form'; params: [string, string][] }
  | { kind: 'html'; text: string }
  | { kind: 'text'; text: string };

export function parseBody(body: string | null, headers: HeaderList): Body | null {
  if (body === null || body === '') return null;
  const type = (headerValue(headers, 'content-type') ?? '').toLowerCase();
  if (type.includes('json') || /^\s*[[{]/.test(body)) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(body), null, 2) };
    } catch {
      // Not valid JSON after all: shown as it came.
    }
  }
  if (type.includes('x-www-form-urlencoded'))
    return { kind: 'form', params: [...new URLSearchParams(body).entries()] };
  if (type.includes('html')) return { kind: 'html', text: body };
  return { kind: 'text', text: body };
}

/** Simulated time as a reader would write it, in UTC (the simulated clock has no time zone). */
export function formatTime(seconds: number): string {
  return `${new Date(seconds * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '')} UTC`;
}

/** "60 min after this message", "2 h 3 min before this message", "at this message". */
export function relativeTo(seconds: number, now: number): string {
  const delta = seconds - now;
  if (delta === 0) return 'at the moment of this message';
  const abs = Math.abs(delta);
  const hours = Math.floor(abs / 3600);
  const minutes = Math.floor((abs % 3600) / 60);
  const rest = abs % 60;
  const parts = [
    hours ? `${hours} h` : '',
    minutes ? `${minutes} min` : '',
    !hours && !minutes ? `${rest} s` : '',
  ].filter(Boolean);
  return `${parts.join(' ')} ${delta > 0 ? 'after' : 'before'} this message`;
}
