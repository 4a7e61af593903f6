/**
 * "Hide secrets" for demos and screenshots: a display-layer transform, never a change to the
 * trace. `createMasker(trace)` learns the run's secret values (tokens, codes, verifiers, client
 * secrets, state, CSRF tokens, session cookies) from where they travel, then masks every
 * occurrence in any text shown: `eyJhbGciOi…` → `eyJ•••••`. Name-based patterns
 * (`code=…`, `"access_token": "…"`, `name="csrf" value="…"`) and a JWT pattern catch what the
 * trace has not carried yet. The first three characters stay, so the audience can still see that
 * the code in the redirect is the one redeemed at the token endpoint.
 */
import type { HeaderList, TraceEvent } from '../../sim/trace/types';

export const MASK = '•••••';

/** Parameter, field and value names whose values are secret. */
export const SECRET_NAMES: ReadonlySet<string> = new Set([
  'code',
  'code_verifier',
  'state',
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'client_secret',
  'client_assertion',
  'assertion',
  'csrf',
  'csrf_token',
  'device_code',
  'subject_token',
  'actor_token',
  'registration_access_token',
]);

export type Masker = (text: string) => string;

export const noMask: Masker = (text) => text;

/** A random-looking value (no spaces, no punctuation a sentence would use). */
const TOKENISH = /^[A-Za-z0-9._~+/=-]{8,}$/;
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)?/g;
const JWT_WHOLE = /^eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)?$/;
const NAMES = [...SECRET_NAMES].join('|');
// `code=abc…` in URLs and forms; `"code": "abc…"` in JSON; `name="csrf" value="abc…"` in HTML.
const BY_NAME = new RegExp(
  [
    `((?:^|[?&#;\\s])(?:${NAMES})=)([A-Za-z0-9._~%+/-]{6,})`,
    `("(?:${NAMES})"\\s*:\\s*")([^"\\\\]{6,})`,
    `(name=["'](?:${NAMES})["'][^>]*?\\svalue=["'])([^"']{6,})`,
    `((?:Bearer|Basic|DPoP)\\s+)([A-Za-z0-9._~+/=-]{6,})`,
  ].join('|'),
  'g',
);

export function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name.toLowerCase());
}

/** A secret value as shown masked: its first three characters and five bullets. */
export function maskValue(value: string): string {
  return value.length <= 4 ? MASK : `${value.slice(0, 3)}${MASK}`;
}

function addParams(found: Set<string>, params: Iterable<[string, string]>): void {
  for (const [name, value] of params) if (isSecretName(name) && TOKENISH.test(value)) found.add(value);
}

function addUrl(found: Set<string>, url: string): void {
  if (!URL.canParse(url)) return;
  addParams(found, new URL(url).searchParams);
}

function addJson(found: Set<string>, value: unknown): void {
  if (Array.isArray(value)) for (const item of value) addJson(found, item);
  else if (value && typeof value === 'object') {
    for (const [name, field] of Object.entries(value)) {
      if (typeof field === 'string') {
        if (isSecretName(name) && TOKENISH.test(field)) found.add(field);
      } else addJson(found, field);
    }
  }
}

function addBody(found: Set<string>, body: string | null): void {
  if (!body) return;
  const text = body.trim();
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      addJson(found, JSON.parse(text));
    } catch {
      // Not JSON after all: the name patterns still apply when it is shown.
    }
  } else if (!text.startsWith('<') && text.includes('=')) addParams(found, new URLSearchParams(text));
}

function addHeaders(found: Set<string>, headers: HeaderList): void {
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') {
      const credential = /^\S+\s+(\S+)$/.exec(value)?.[1];
      if (credential && credential.length >= 8) found.add(credential);
    } else if (lower === 'cookie' || lower === 'set-cookie') {
      // Session cookies are bearer credentials too: mask every cookie value.
      const pairs = lower === 'cookie' ? value.split(';') : [value.split(';')[0] ?? ''];
      for (const pair of pairs) {
        const cookie = pair.slice(pair.indexOf('=') + 1).trim();
        if (pair.includes('=') && TOKENISH.test(cookie)) found.add(cookie);
      }
    } else if (lower === 'location') addUrl(found, value);
  }
}

function addText(found: Set<string>, text: string): void {
  for (const match of text.matchAll(JWT)) found.add(match[0]);
}

/** Every secret value the trace carries, found where it travels. */
export function collectSecrets(trace: readonly TraceEvent[]): string[] {
  const found = new Set<string>();
  for (const event of trace) {
    if (event.kind === 'request' || event.kind === 'response') {
      addUrl(found, event.request.url);
      addHeaders(found, event.request.headers);
      addBody(found, event.request.body);
      addText(found, event.request.url);
      if (event.kind === 'response' && event.response) {
        addHeaders(found, event.response.headers);
        addBody(found, event.response.body);
        if (event.response.body) addText(found, event.response.body);
      }
    } else {
      for (const [name, value] of Object.entries(event.detail.values ?? {})) {
        if (isSecretName(name) && TOKENISH.test(value)) found.add(value);
        if (name === 'url') addUrl(found, value);
        addText(found, value);
      }
      addText(found, event.detail.summary);
    }
  }
  // A JWT's parts are shown on their own (the inspector's encoded view); long values are also
  // shown shortened to their first 12 characters ("abcdefghijkl…xyz123").
  for (const value of [...found]) {
    if (JWT_WHOLE.test(value)) for (const part of value.split('.')) if (part.length >= 8) found.add(part);
    if (value.length >= 20) found.add(value.slice(0, 12));
    const encoded = encodeURIComponent(value);
    if (encoded !== value) found.add(encoded);
  }
  return [...found].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A masker for these secret values (longest first, as collectSecrets returns them). */
export function maskerFor(secrets: readonly string[]): Masker {
  const known = secrets.length > 0 ? new RegExp(secrets.map(escape).join('|'), 'g') : null;
  return (text) => {
    if (!text) return text;
    let out = known ? text.replace(known, maskValue) : text;
    out = out.replace(JWT, maskValue);
    return out.replace(BY_NAME, (whole, ...groups: (string | undefined)[]) => {
      for (let i = 0; i < 8; i += 2) {
        const lead = groups[i];
        const value = groups[i + 1];
        if (lead !== undefined && value !== undefined) return `${lead}${maskValue(value)}`;
      }
      return whole;
    });
  };
}

export function createMasker(trace: readonly TraceEvent[]): Masker {
  return maskerFor(collectSecrets(trace));
}

/**
 * Keeps one masker while the run's secrets stay the same, so components that mask re-render only
 * when there is something new to hide.
 */
export class MaskerCache {
  private key = '';
  private masker: Masker = maskerFor([]);
  get(trace: readonly TraceEvent[]): Masker {
    const secrets = collectSecrets(trace);
    const key = secrets.join('\n');
    if (key !== this.key) {
      this.key = key;
      this.masker = maskerFor(secrets);
    }
    return this.masker;
  }
}
