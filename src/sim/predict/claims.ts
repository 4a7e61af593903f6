/**
 * A prediction's options are claims about one message, and a claim is judged only by reading the
 * message itself: who sent it to whom, its status, the first check that failed, a URL, a parameter,
 * a claim of the token it carries. Nothing here knows which option was meant to be right; the right
 * one is whichever holds for the real message (and the tests hold every question to exactly one).
 */
import { parseBearerChallenge } from '../client/wwwAuthenticate';
import { peekJwt } from '../crypto/peek';
import type { Lane } from '../lanes';
import { firstFailure } from '../trace/check';
import type { NewTraceEvent } from '../trace/types';
import { headerValue } from '../trace/types';

/** A message as predictions see it: the event, with or without its position and time. */
export type Message = NewTraceEvent;

export type Claim =
  /** Who sends it, and to whom (the same lane: work a party does on its own). */
  | { kind: 'route'; from: Lane; to: Lane }
  | { kind: 'status'; status: number }
  /** The label of the first check that fails on a party's checklist; null: none fails. */
  | { kind: 'first-failure'; label: string | null }
  | { kind: 'url'; url: string }
  /** The scope an authorization request asks for, as a set; null: no scope parameter. */
  | { kind: 'scope'; scope: string | null }
  /** A token response: 'tokens', or the OAuth error code it answered with. */
  | { kind: 'grant'; result: string }
  /** The aud of the access token a token response carries; 'none' without aud, 'no-token' without a token. */
  | { kind: 'aud'; aud: string }
  /** The error code of a WWW-Authenticate challenge; null: a challenge without one; 'no-challenge'. */
  | { kind: 'challenge-error'; error: string | null }
  /** The parameter names an authorization response brings back, sorted and joined with ", ". */
  | { kind: 'returned'; params: string }
  /** What a refresh answer does with the refresh token. */
  | { kind: 'rotation'; rotation: 'new' | 'same' | 'none' | 'refused' };

export function jsonOf(body: string | null | undefined): Record<string, unknown> | null {
  if (!body) return null;
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value))
      : null;
  } catch {
    return null;
  }
}

/** A set of scopes written one way: sorted, space-separated. */
export function normalScope(scope: string | null | undefined): string | null {
  if (scope === null || scope === undefined) return null;
  return [...new Set(scope.split(' ').filter(Boolean))].sort().join(' ');
}

/** What a token response says: tokens, or its error code (the status when it names none). */
export function grantResult(message: Message): string | null {
  if (message.kind !== 'response' || message.response === null) return null;
  const body = jsonOf(message.response.body);
  const ok = message.response.status >= 200 && message.response.status < 300;
  if (ok && typeof body?.access_token === 'string') return 'tokens';
  return typeof body?.error === 'string' ? body.error : `HTTP ${message.response.status}`;
}

/** The aud of the access token in a token response, written one way. */
export function audOf(message: Message): string | null {
  if (message.kind !== 'response' || message.response === null) return null;
  const token = jsonOf(message.response.body)?.access_token;
  if (typeof token !== 'string') return 'no-token';
  const aud = peekJwt(token)?.payload.aud;
  if (aud === undefined) return 'none';
  return Array.isArray(aud) ? [...aud].sort().join(' ') : aud;
}

export function challengeErrorOf(message: Message): string | null | undefined {
  if (message.kind !== 'response' || message.response === null) return undefined;
  const challenge = parseBearerChallenge(headerValue(message.response.headers, 'www-authenticate') ?? null);
  return challenge === null ? 'no-challenge' : (challenge.error ?? null);
}

export function returnedParams(message: Message): string | null {
  if (message.kind !== 'request') return null;
  try {
    return [...new Set(new URL(message.request.url).searchParams.keys())].sort().join(', ');
  } catch {
    return null;
  }
}

export function rotationOf(message: Message): 'new' | 'same' | 'none' | 'refused' | null {
  if (message.kind !== 'response' || message.response === null) return null;
  const body = jsonOf(message.response.body);
  if (typeof body?.access_token !== 'string') return 'refused';
  const issued = body.refresh_token;
  if (typeof issued !== 'string') return 'none';
  const sent = new URLSearchParams(message.request.body ?? '').get('refresh_token');
  return issued === sent ? 'same' : 'new';
}

function scopeOf(message: Message): string | null | undefined {
  if (message.kind !== 'request') return undefined;
  try {
    return normalScope(new URL(message.request.url).searchParams.get('scope'));
  } catch {
    return undefined;
  }
}

/** Whether `claim` is true of `message`. */
export function holds(claim: Claim, message: Message): boolean {
  switch (claim.kind) {
    case 'route':
      return message.from === claim.from && message.to === claim.to;
    case 'status':
      return message.kind === 'response' && message.response?.status === claim.status;
    case 'first-failure': {
      if (message.kind !== 'internal' && message.kind !== 'handoff') return false;
      const failed = firstFailure(message.detail.checks ?? []);
      return (failed?.label ?? null) === claim.label;
    }
    case 'url':
      return message.kind === 'request' && message.request.url === claim.url;
    case 'scope':
      return scopeOf(message) === normalScope(claim.scope) && scopeOf(message) !== undefined;
    case 'grant':
      return grantResult(message) === claim.result;
    case 'aud':
      return audOf(message) === claim.aud;
    case 'challenge-error':
      return challengeErrorOf(message) === claim.error;
    case 'returned':
      return returnedParams(message) === claim.params;
    case 'rotation':
      return rotationOf(message) === claim.rotation;
  }
}
