/**
 * Who holds what: every secret of a run (a PKCE verifier, a state, a code, access and refresh
 * tokens, a client secret or private key, a DPoP key, an ID token, an ID-JAG, a client assertion, a
 * DPoP proof) and which parties hold it after a given message, read from the trace alone. A value
 * is held by whoever sent it and whoever received it (a request's sender and target, a response's
 * server and its caller), by the party whose own work produced it (a verifier it generated, a key it
 * made), and by the attacker from the note in which she takes it. Nothing here is written per
 * step: the same reading serves every flow and every attack.
 */
import { peekJwt } from '../crypto/peek';
import type { Lane } from '../lanes';
import { ID_JAG_TOKEN_TYPE } from '../oauth/urns';
import type { HeaderList, TraceEvent } from './types';
import { headerValue } from './types';

export type SecretKind =
  | 'pkce-verifier'
  | 'state'
  | 'code'
  | 'access-token'
  | 'refresh-token'
  | 'client-secret'
  | 'private-key'
  | 'dpop-key'
  | 'id-token'
  | 'id-jag'
  | 'client-assertion'
  | 'dpop-proof';

export const SECRET_KINDS: readonly SecretKind[] = [
  'pkce-verifier',
  'state',
  'code',
  'access-token',
  'refresh-token',
  'client-secret',
  'private-key',
  'dpop-key',
  'id-token',
  'id-jag',
  'client-assertion',
  'dpop-proof',
];

/** Where in that message it travelled: the URL, the body, a header, a redirect's Location. */
export type Carrier = 'URL' | 'body' | 'header' | 'redirect';

export interface Holder {
  lane: Lane;
  /** The message by which this party came to hold it (its first). */
  since: number;
  /** Where in that message it was (absent for what a party made or noted itself). */
  via?: Carrier;
}

export interface Holding {
  kind: SecretKind;
  /** The value itself, as the trace has it (the attacker's notes may show only its ends). */
  value: string;
  holders: Holder[];
}

/** What the attacker's notes call each secret (src/sim/attacks: `values` of a 'stolen' note). */
const NOTE_KEYS: Record<string, SecretKind> = {
  code_verifier: 'pkce-verifier',
  code: 'code',
  access_token: 'access-token',
  token: 'access-token',
  refresh_token: 'refresh-token',
  id_jag: 'id-jag',
  client_assertion: 'client-assertion',
  dpop_proof: 'dpop-proof',
};

/** Form and query parameters that carry a secret, and which. */
const PARAMS: Record<string, SecretKind> = {
  code_verifier: 'pkce-verifier',
  state: 'state',
  code: 'code',
  refresh_token: 'refresh-token',
  client_secret: 'client-secret',
  client_assertion: 'client-assertion',
  subject_token: 'id-token',
  access_token: 'access-token',
};

class Ledger {
  readonly holdings: Holding[] = [];

  find(kind: SecretKind, value: string): Holding | undefined {
    // A value shortened to its ends (`abcdefghijkl…uvwxyz`, as the attacker's notes show it).
    const ends = /^(.{6,})…(.{4,})$/.exec(value);
    return this.holdings.find(
      (h) =>
        h.kind === kind &&
        (h.value === value ||
          (ends !== null && h.value.startsWith(ends[1] ?? '') && h.value.endsWith(ends[2] ?? ''))),
    );
  }

  hold(
    kind: SecretKind,
    value: string | null | undefined,
    lanes: readonly Lane[],
    seq: number,
    via?: Carrier,
  ): void {
    if (!value || value === '(none)') return;
    let holding = this.find(kind, value);
    if (!holding) {
      holding = { kind, value, holders: [] };
      this.holdings.push(holding);
    }
    for (const lane of lanes)
      if (!holding.holders.some((h) => h.lane === lane))
        holding.holders.push({ lane, since: seq, ...(via ? { via } : {}) });
  }
}

function query(url: string): URLSearchParams {
  try {
    return new URL(url).searchParams;
  } catch {
    return new URLSearchParams();
  }
}

function form(body: string | null, headers: HeaderList): URLSearchParams {
  const type = headerValue(headers, 'content-type') ?? '';
  return body !== null && type.includes('x-www-form-urlencoded')
    ? new URLSearchParams(body)
    : new URLSearchParams();
}

function json(body: string | null): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body ?? '');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...parsed } : {};
  } catch {
    return {};
  }
}

/** The secrets a message's parameters carry: query and form, named by PARAMS; an assertion by its grant. */
function params(ledger: Ledger, p: URLSearchParams, lanes: readonly Lane[], seq: number, via: Carrier): void {
  for (const [name, value] of p) {
    const kind = PARAMS[name];
    if (kind) ledger.hold(kind, value, lanes, seq, via);
  }
  // RFC 7523 §2.1: the grant's assertion is an ID-JAG in enterprise-managed authorization.
  const assertion = p.get('assertion');
  if (assertion && peekJwt(assertion)?.header.typ === 'oauth-id-jag+jwt')
    ledger.hold('id-jag', assertion, lanes, seq, via);
}

function headers(ledger: Ledger, list: HeaderList, lanes: readonly Lane[], seq: number): void {
  const auth = headerValue(list, 'authorization') ?? '';
  const token = /^(?:bearer|dpop)\s+(\S+)$/i.exec(auth)?.[1];
  if (token) ledger.hold('access-token', token, lanes, seq, 'header');
  const basic = /^basic\s+(\S+)$/i.exec(auth)?.[1];
  if (basic) {
    try {
      const decoded = atob(basic);
      const secret = decodeURIComponent(decoded.slice(decoded.indexOf(':') + 1));
      ledger.hold('client-secret', secret, lanes, seq, 'header');
    } catch {
      // Not base64: nothing to read.
    }
  }
  const proof = headerValue(list, 'dpop');
  if (proof) ledger.hold('dpop-proof', proof, lanes, seq, 'header');
}

function read(ledger: Ledger, e: TraceEvent): void {
  const lanes: Lane[] = e.from === e.to ? [e.from] : [e.from, e.to];
  if (e.kind === 'request') {
    params(ledger, query(e.request.url), lanes, e.seq, 'URL');
    params(ledger, form(e.request.body, e.request.headers), lanes, e.seq, 'body');
    headers(ledger, e.request.headers, lanes, e.seq);
    return;
  }
  if (e.kind === 'response') {
    if (!e.response) return;
    const location = headerValue(e.response.headers, 'location');
    if (location) params(ledger, query(location), lanes, e.seq, 'redirect');
    const body = json(e.response.body);
    const access = typeof body.access_token === 'string' ? body.access_token : undefined;
    // RFC 8693: a token exchange answers an ID-JAG in access_token, typed by issued_token_type.
    ledger.hold(
      body.issued_token_type === ID_JAG_TOKEN_TYPE ? 'id-jag' : 'access-token',
      access,
      lanes,
      e.seq,
      'body',
    );
    if (typeof body.refresh_token === 'string')
      ledger.hold('refresh-token', body.refresh_token, lanes, e.seq, 'body');
    if (typeof body.id_token === 'string') ledger.hold('id-token', body.id_token, lanes, e.seq, 'body');
    if (typeof body.client_secret === 'string')
      ledger.hold('client-secret', body.client_secret, lanes, e.seq, 'body');
    return;
  }
  const values = e.detail.values ?? {};
  // What a party made itself: its verifier and state, its key pairs.
  if (e.stepId === 'prepare-authorization' || e.stepId === 'sso-prepare') {
    ledger.hold(
      'pkce-verifier',
      values.code_verifier?.startsWith('(') ? undefined : values.code_verifier,
      [e.from],
      e.seq,
    );
    ledger.hold('state', values.state, [e.from], e.seq);
  }
  if (e.stepId === 'generate-dpop-key') ledger.hold('dpop-key', values.jwk_thumbprint, [e.from], e.seq);
  if (e.stepId === 'sign-client-assertion' && e.outcome === 'ok')
    ledger.hold('private-key', values.kid, [e.from], e.seq);
  // What the attacker took: her notes name it.
  if (e.from === 'attacker' && e.mark === 'stolen')
    for (const [name, value] of Object.entries(values)) {
      const kind = NOTE_KEYS[name];
      if (kind) ledger.hold(kind, value, ['attacker'], e.seq);
    }
}

/** Who holds what after the message `upTo` (a position in the trace), every message before it read. */
export function holdingsAt(trace: readonly TraceEvent[], upTo: number = trace.length - 1): Holding[] {
  const ledger = new Ledger();
  for (const e of trace) {
    if (e.seq > upTo) break;
    read(ledger, e);
  }
  return ledger.holdings;
}

/** What the attacker holds, each with the message that gave it to her. */
export function attackerHoldings(
  holdings: readonly Holding[],
): { kind: SecretKind; value: string; since: number }[] {
  return holdings.flatMap((h) => {
    const her = h.holders.find((x) => x.lane === 'attacker');
    return her ? [{ kind: h.kind, value: h.value, since: her.since }] : [];
  });
}
