/**
 * Comparing two runs of the same seed (an attack with its defence off, then on): they agree message
 * for message until the first message whose content differs, down to one parameter: a query or form
 * parameter, a header, a JWT claim, a field of a JSON body, a check's result. That is the point the
 * side-by-side view highlights, with the parameter that differs.
 *
 * Values that are random by nature (state, codes, verifiers, tokens, ids) are compared by presence
 * only: two runs draw them from the same seed but not always in the same order, and "state differs"
 * would hide the difference that matters, such as a code_challenge that one run sends and the other
 * does not.
 */
import { headerValue } from './types';
import type { HeaderList, TraceEvent } from './types';

/** Parameters whose values are secrets or random handles: compared by presence, never by value. */
const OPAQUE = new Set([
  'state',
  'code',
  'code_verifier',
  'code_challenge',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'csrf',
  'transaction',
  'jti',
  'iat',
  'client_id_issued_at',
  'assertion',
  'client_assertion',
  'token',
  'search_id',
  'cart_id',
]);

/** Headers worth comparing: the ones that carry protocol meaning, not transport noise. */
const HEADERS = ['content-type', 'mcp-protocol-version', 'mcp-method', 'mcp-name', 'origin', 'cache-control'];

/** One thing a reader could see in a message: where it is, its name, its value. */
interface Fact {
  where: string;
  name: string;
  value: string;
}

/** Facts keyed by where and name together, in the order the message shows them. */
class Facts extends Map<string, Fact> {
  add(where: string, name: string, value: unknown): void {
    if (value === undefined) return;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    this.set(`${where}\n${name}`, { where, name, value: OPAQUE.has(name) ? 'present' : text });
  }
}

function put(facts: Facts, where: string, name: string, value: unknown): void {
  facts.add(where, name, value);
}

function claims(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json: unknown = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? { ...json } : null;
  } catch {
    return null;
  }
}

function addToken(facts: Facts, key: string, token: string): void {
  facts.add(key, 'token', 'present');
  for (const [name, value] of Object.entries(claims(token) ?? {})) put(facts, `${key} claim`, name, value);
}

function addBody(facts: Facts, key: string, headers: HeaderList, body: string | null): void {
  if (!body) return;
  const type = headerValue(headers, 'content-type') ?? '';
  if (type.includes('x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(body)) put(facts, `${key} form`, name, value);
    return;
  }
  if (!type.includes('json')) return;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return;
  // Object.entries of a plain `object` types its values `any`; they are unknown JSON values.
  const entries: [string, unknown][] = Object.entries(json);
  for (const [name, value] of entries) {
    if (name === 'access_token' && typeof value === 'string') addToken(facts, `${key} access_token`, value);
    else if (name === 'result' && typeof value === 'object' && value !== null && 'isError' in value)
      put(facts, key, 'result isError', value.isError);
    else put(facts, `${key} json`, name, value);
  }
}

function addHeaders(facts: Facts, key: string, headers: HeaderList): void {
  for (const name of HEADERS) put(facts, `${key} header`, name, headerValue(headers, name));
  const auth = headerValue(headers, 'authorization');
  if (auth) {
    const [scheme = '', credentials = ''] = auth.split(' ');
    facts.add(`${key} header`, 'authorization', scheme);
    if (scheme.toLowerCase() === 'bearer') addToken(facts, `${key} bearer`, credentials);
  }
  const challenge = headerValue(headers, 'www-authenticate');
  if (challenge) {
    for (const match of challenge.matchAll(/([a-z_]+)="([^"]*)"/g))
      put(facts, `${key} www-authenticate`, match[1] ?? '', match[2]);
  }
  const location = headerValue(headers, 'location');
  if (location) addUrl(facts, `${key} location`, location);
}

function addUrl(facts: Facts, key: string, url: string): void {
  try {
    const parsed = new URL(url);
    facts.add(key, 'address', `${parsed.origin}${parsed.pathname}`);
    for (const [name, value] of parsed.searchParams) put(facts, `${key} query`, name, value);
  } catch {
    facts.add(key, 'address', url);
  }
}

/** Everything a reader could see differ in one message, as "where what" -> value. */
export function eventFacts(e: TraceEvent): Facts {
  const facts = new Facts();
  facts.add('message', 'step', `${e.kind} ${e.stepId} ${e.from}>${e.to}`);
  switch (e.kind) {
    case 'request':
      facts.add('request', 'method', e.request.method);
      addUrl(facts, 'url', e.request.url);
      addHeaders(facts, 'request', e.request.headers);
      addBody(facts, 'request', e.request.headers, e.request.body);
      break;
    case 'response':
      facts.add('response', 'status', String(e.response?.status ?? 'no answer'));
      if (e.response) {
        addHeaders(facts, 'response', e.response.headers);
        addBody(facts, 'response', e.response.headers, e.response.body);
      }
      break;
    case 'internal':
    case 'handoff':
      // The checks first: a check skipped in one run and failed in the other is the difference to name.
      for (const check of e.detail.checks ?? []) facts.add('check', check.label, check.status);
      facts.add('note', 'outcome', e.outcome ?? '');
      facts.add('note', 'title', e.title);
  }
  return facts;
}

/** The first parameter that differs between two messages, in the order the first one lists them. */
export interface ParamDifference {
  /** Where it is: "url query", "response", "check", "request bearer claim", ... */
  where: string;
  /** Its name: "code_challenge", "status", the check's label, a claim... */
  name: string;
  /** The value on each side; undefined where that side has no such parameter. */
  a: string | undefined;
  b: string | undefined;
}

export function diffEvents(a: TraceEvent, b: TraceEvent): ParamDifference | null {
  return diffAllParams(a, b)[0] ?? null;
}

/** Every parameter that differs between two messages, in the order the first one lists them. */
export function diffAllParams(a: TraceEvent, b: TraceEvent): ParamDifference[] {
  const x = eventFacts(a);
  const y = eventFacts(b);
  const differences: ParamDifference[] = [];
  for (const key of new Set([...x.keys(), ...y.keys()])) {
    const p = x.get(key);
    const q = y.get(key);
    if (p?.value !== q?.value) {
      const fact = p ?? q;
      differences.push({ where: fact?.where ?? '', name: fact?.name ?? key, a: p?.value, b: q?.value });
    }
  }
  return differences;
}

export interface RunDiff {
  /** Index of the first message that differs, or null if the runs are the same. */
  firstDifference: number | null;
  /** Messages both runs share, from the start. */
  common: number;
  /** What differs in that message, when both runs have one there. */
  param: ParamDifference | null;
}

export function diffRuns(a: readonly TraceEvent[], b: readonly TraceEvent[]): RunDiff {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    const param = x && y ? diffEvents(x, y) : null;
    if (!x || !y || param) return { firstDifference: i, common: i, param };
  }
  return a.length === b.length
    ? { firstDifference: null, common: n, param: null }
    : { firstDifference: n, common: n, param: null };
}

/**
 * Two runs of the same scenario that may differ in which messages they have at all (under two
 * revisions of the spec, say): aligned message by message, each one the same in both, changed (with
 * every parameter that differs), only in the first (removed) or only in the second (added). The
 * alignment is the longest common sequence of what each message is (alignKey), so that one message
 * more or fewer does not make every later one look changed.
 */
export type AlignedRow =
  | { kind: 'same'; a: number; b: number }
  | { kind: 'changed'; a: number; b: number; params: ParamDifference[] }
  | { kind: 'removed'; a: number }
  | { kind: 'added'; b: number };

/** What a message is, whatever it carries: its step and part, and for an MCP call its method. */
export function alignKey(e: TraceEvent): string {
  const base = `${e.kind} ${e.stepId}`;
  // The first request is "the request without a token" whatever its method (initialize or a call);
  // after that, each MCP call is its method: initialize, notifications/initialized, tools/list...
  if ((e.kind === 'request' || e.kind === 'response') && e.stepId === 'mcp-request')
    return `${base} ${rpcMethod(e.request.body) ?? e.request.method}`;
  return base;
}

function rpcMethod(body: string | null): string | undefined {
  try {
    const json: unknown = JSON.parse(body ?? '');
    return typeof json === 'object' && json !== null && 'method' in json && typeof json.method === 'string'
      ? json.method
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How much it matters to keep a message paired: the server's own work around a call (fetching keys,
 * checking the token) happens for whichever call comes first, so it counts for less than the calls.
 */
function weight(e: TraceEvent): number {
  return e.stepId === 'jwks-fetch' || e.stepId === 'validate-token' || e.stepId === 'introspect-token'
    ? 0.25
    : 1;
}

export function alignRuns(a: readonly TraceEvent[], b: readonly TraceEvent[]): AlignedRow[] {
  const x = a.map(alignKey);
  const y = b.map(alignKey);
  // lcs(i, j): the heaviest common sequence of x[i..] and y[j..] (a weighted longest common subsequence).
  const width = y.length + 1;
  const table = new Float64Array((x.length + 1) * width);
  const lcs = (i: number, j: number): number => table[i * width + j] ?? 0;
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--) {
      const e = a[i];
      table[i * width + j] =
        x[i] === y[j] && e ? lcs(i + 1, j + 1) + weight(e) : Math.max(lcs(i + 1, j), lcs(i, j + 1));
    }
  const rows: AlignedRow[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    const ea = a[i];
    const eb = b[j];
    if (ea && eb && x[i] === y[j]) {
      const params = diffAllParams(ea, eb);
      rows.push(params.length === 0 ? { kind: 'same', a: i, b: j } : { kind: 'changed', a: i, b: j, params });
      i++;
      j++;
    } else if (j >= y.length || (i < x.length && lcs(i + 1, j) >= lcs(i, j + 1))) {
      rows.push({ kind: 'removed', a: i });
      i++;
    } else {
      rows.push({ kind: 'added', b: j });
      j++;
    }
  }
  return rows;
}
