/**
 * What the What-changed diagram draws, derived from the core's comparison (revisions/changes.ts,
 * compareTraces) and nothing else: one row per aligned message, the lanes of the parties either run
 * has, the runs of messages the same in both folded, and the sentence a screen reader reads for
 * each row. Pure, so the view and its tests read the same rows.
 */
import { CHANGES } from '../../../sim/revisions/changes';
import type { ChangeId, ExplainedRow, RevisionComparison } from '../../../sim/revisions/changes';
import { LANES } from '../../../sim/lanes';
import type { Lane } from '../../../sim/lanes';
import type { ParamDifference } from '../../../sim/trace/diff';
import type { TraceEvent } from '../../../sim/trace/types';
import { messageLabel, paramName } from '../../../run/trace/describe';
import { lanesFor } from '../../../run/trace/layout';

/** How a row differs; a message that differs only in noise (JSON-RPC ids) reads as the same. */
export type RowKind = 'same' | 'changed' | 'added' | 'removed';

/** One side of a row: the message's index in its run, and the message. */
export interface Side {
  seq: number;
  event: TraceEvent;
}

export interface DiagramRow {
  /** Position in the alignment, from 0. */
  index: number;
  kind: RowKind;
  /** The message in the older run (`from`), absent when the row is only in the newer one. */
  a: Side | undefined;
  /** The message in the newer run (`to`), absent when the row is only in the older one. */
  b: Side | undefined;
  /** The changes behind the row, each with the parameters it explains. */
  explained: ExplainedRow['explained'];
  /** What differs that no change explains (a test of the catalogue keeps it empty). */
  unexplained: ParamDifference[];
}

function side(seq: number | undefined, event: TraceEvent | undefined): Side | undefined {
  return seq !== undefined && event ? { seq, event } : undefined;
}

function kindOf(row: ExplainedRow): RowKind {
  if (row.row.kind !== 'changed') return row.row.kind;
  return row.explained.length === 0 && row.unexplained.length === 0 ? 'same' : 'changed';
}

export function diagramRows(comparison: RevisionComparison): DiagramRow[] {
  return comparison.rows.map((row, index) => ({
    index,
    kind: kindOf(row),
    a: side(row.row.kind === 'added' ? undefined : row.row.a, row.a),
    b: side(row.row.kind === 'removed' ? undefined : row.row.b, row.b),
    explained: row.explained,
    unexplained: row.unexplained,
  }));
}

/** The parties either run has, in the order (and with the names) the simulator's diagram uses. */
export function diagramLanes(a: readonly TraceEvent[], b: readonly TraceEvent[]): Lane[] {
  return lanesFor([...a, ...b], []);
}

export type DiagramItem =
  { type: 'row'; row: DiagramRow } | { type: 'fold'; rows: DiagramRow[]; key: number };

/**
 * The rows to draw: all of them, or each run of messages the same in both as one fold (keyed by its
 * first row) unless the reader opened it.
 */
export function foldSame(
  rows: readonly DiagramRow[],
  fold: boolean,
  opened: ReadonlySet<number> = new Set(),
): DiagramItem[] {
  const items: DiagramItem[] = [];
  for (const row of rows) {
    const last = items.at(-1);
    if (!fold || row.kind !== 'same') items.push({ type: 'row', row });
    else if (last?.type === 'fold') last.rows.push(row);
    else items.push({ type: 'fold', rows: [row], key: row.index });
  }
  return items.flatMap((item) =>
    item.type === 'fold' && opened.has(item.key)
      ? item.rows.map((row): DiagramItem => ({ type: 'row', row }))
      : [item],
  );
}

export interface Counts {
  same: number;
  changed: number;
  added: number;
  removed: number;
}

export function countRows(rows: readonly DiagramRow[]): Counts {
  const counts: Counts = { same: 0, changed: 0, added: 0, removed: 0 };
  for (const row of rows) counts[row.kind]++;
  return counts;
}

/** The parameters the row's changes explain, then any nothing explains. */
export function rowParams(row: DiagramRow): ParamDifference[] {
  return [...row.explained.flatMap((e) => e.params), ...row.unexplained];
}

export function rowChanges(row: DiagramRow): ChangeId[] {
  return row.explained.map((e) => e.change);
}

/** "MCP client to Authorization server", or "MCP client, its own work" for a note on one lane. */
export function routeWords(event: TraceEvent): string {
  if (event.from === event.to) return `${LANES[event.from].name}, its own work`;
  return `${LANES[event.from].name} to ${LANES[event.to].name}`;
}

/** The row's label, and the newer one where the two differ. */
export function rowLabels(row: DiagramRow): { a: string | undefined; b: string | undefined } {
  return {
    a: row.a ? messageLabel(row.a.event) : undefined,
    b: row.b ? messageLabel(row.b.event) : undefined,
  };
}

/**
 * The row read aloud: "Message 5 of 2026-07-28, only in 2026-07-28: MCP client to Authorization
 * server, POST /token. Because of <change> (<revision>): <why>"; the same sentence whichever way
 * the diagram is drawn.
 */
export function rowSentence(row: DiagramRow, from: string, to: string): string {
  const event = row.b?.event ?? row.a?.event;
  if (!event) return '';
  const numbers = [row.a && `${row.a.seq + 1} of ${from}`, row.b && `${row.b.seq + 1} of ${to}`]
    .filter(Boolean)
    .join(', ');
  const labels = rowLabels(row);
  const label =
    labels.a !== undefined && labels.b !== undefined && labels.a !== labels.b
      ? `${labels.a}, now ${labels.b}`
      : (labels.b ?? labels.a ?? '');
  const what =
    row.kind === 'added'
      ? `only in ${to}`
      : row.kind === 'removed'
        ? `only in ${from}`
        : row.kind === 'changed'
          ? `changed: ${rowParams(row).map(paramName).join(', ')}`
          : 'the same in both';
  const because = row.explained
    .map(({ change }) => {
      const c = CHANGES[change];
      return ` Because of ${c.title} (${c.since}): ${c.why}`;
    })
    .join('');
  return `Message ${numbers}, ${what}: ${routeWords(event)}, ${label}.${because}`;
}
