/**
 * What the "Who holds what" panel shows, from the trace alone (the core's holdings.ts reads it):
 * for each kind of secret seen so far, which parties hold one and the message by which each came to
 * hold it; and what the attacker holds, each with the message that gave it to her. Pure, so the
 * panel and its tests read the same thing.
 */
import { LANE_ORDER } from '../../sim/lanes';
import type { Lane } from '../../sim/lanes';
import { attackerHoldings, holdingsAt, SECRET_KINDS } from '../../sim/trace/holdings';
import type { Carrier, SecretKind } from '../../sim/trace/holdings';
import type { TraceEvent } from '../../sim/trace/types';

export const SECRET_LABEL: Record<SecretKind, string> = {
  'pkce-verifier': 'PKCE code_verifier',
  state: 'state',
  code: 'Authorization code',
  'access-token': 'Access token',
  'refresh-token': 'Refresh token',
  'client-secret': 'Client secret',
  'private-key': "Client's private key",
  'dpop-key': 'DPoP private key',
  'id-token': 'ID token',
  'id-jag': 'ID-JAG',
  'client-assertion': 'Client assertion',
  'dpop-proof': 'DPoP proof',
};

export interface HoldingsRow {
  kind: SecretKind;
  label: string;
  /** How many distinct values of this kind there are so far (two access tokens after a refresh). */
  values: number;
  /** For each party that holds one: the first message by which it came to hold one. */
  since: Partial<Record<Lane, number>>;
  /** Where in that message it travelled (the body, a header, the URL...), when it travelled. */
  via: Partial<Record<Lane, Carrier>>;
}

export interface Theft {
  kind: SecretKind;
  label: string;
  /** The message that gave it to her. */
  since: number;
}

export interface HoldingsView {
  /** The parties of this run, in the diagram's order. */
  lanes: Lane[];
  rows: HoldingsRow[];
  thefts: Theft[];
}

/** Who holds what after message `upTo` (the whole trace when omitted). */
export function holdingsView(trace: readonly TraceEvent[], upTo?: number): HoldingsView {
  const holdings = holdingsAt(trace, upTo);
  const seen = new Set<Lane>(trace.flatMap((e) => [e.from, e.to]));
  const lanes = LANE_ORDER.filter((lane) => seen.has(lane));
  const rows = SECRET_KINDS.flatMap((kind): HoldingsRow[] => {
    const ofKind = holdings.filter((h) => h.kind === kind);
    if (ofKind.length === 0) return [];
    const since: Partial<Record<Lane, number>> = {};
    const via: Partial<Record<Lane, Carrier>> = {};
    for (const holder of ofKind.flatMap((h) => h.holders)) {
      const known = since[holder.lane];
      if (known === undefined || holder.since < known) {
        since[holder.lane] = holder.since;
        if (holder.via) via[holder.lane] = holder.via;
        else delete via[holder.lane];
      }
    }
    return [{ kind, label: SECRET_LABEL[kind], values: ofKind.length, since, via }];
  });
  const thefts = attackerHoldings(holdings)
    .map(({ kind, since }) => ({ kind, label: SECRET_LABEL[kind], since }))
    .filter((t, i, all) => all.findIndex((o) => o.kind === t.kind && o.since === t.since) === i)
    .sort((a, b) => a.since - b.since);
  return { lanes, rows, thefts };
}
