/**
 * The note beside (or under) a row that differs: what kind of difference it is, in a word and a
 * sign, the change behind it with its spec section and the proposals that made it, the parameters
 * that differ, and a "Why" that opens the one sentence on why and the message in either run.
 */
import { useId, useState } from 'react';
import { CHANGES } from '../../../sim/revisions/changes';
import type { ParamDifference } from '../../../sim/trace/diff';
import { paramName } from '../../../run/trace/describe';
import { Proposals, SpecLink } from '../ChangeLinks';
import type { DiagramRow, RowKind } from './rows';
import './notes.css';

export const SIGN: Record<RowKind, string> = { same: '', changed: '~', added: '+', removed: '−' };

export function kindWord(kind: RowKind, from: string, to: string): string {
  return kind === 'added'
    ? `Only in ${to}`
    : kind === 'removed'
      ? `Only in ${from}`
      : kind === 'changed'
        ? 'Changed'
        : 'The same';
}

function value(v: string | undefined): string {
  return v === undefined ? 'absent' : v.length > 48 ? `${v.slice(0, 45)}…` : v;
}

function Params({ params }: { params: readonly ParamDifference[] }) {
  if (params.length === 0) return null;
  return (
    <ul className="tmd-params">
      {params.map((param) => (
        <li key={`${param.where}\n${param.name}`}>
          <code>{paramName(param)}</code>: <del>{value(param.a)}</del> → <ins>{value(param.b)}</ins>
        </li>
      ))}
    </ul>
  );
}

export interface Opener {
  from: string;
  to: string;
  /** The simulator at this message of the older run (a) or the newer one (b). */
  href: (side: 'a' | 'b', seq: number) => string;
}

export function RowNote({ row, open }: { row: DiagramRow; open: Opener }) {
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  const { from, to } = open;
  const which = [row.a && `message ${row.a.seq + 1} of ${from}`, row.b && `message ${row.b.seq + 1} of ${to}`]
    .filter(Boolean)
    .join(', ');
  return (
    <div className="tmd-note">
      {/* The row's sentence (rows.ts) already says all this to a screen reader; the links stay. */}
      <span className="tmd-badge" aria-hidden="true">
        {SIGN[row.kind]} {kindWord(row.kind, from, to)}
      </span>
      {row.explained.map(({ change: id, params }) => {
        const change = CHANGES[id];
        return (
          <div key={id} className="tmd-change">
            <span aria-hidden="true">
              <strong>{change.title}</strong> <span className="tmd-since">{change.since}</span> ·{' '}
            </span>
            <SpecLink change={change} short /> · <Proposals change={change} />
            <Params params={params} />
          </div>
        );
      })}
      {row.unexplained.length > 0 && (
        <div className="tmd-change">
          <strong>No change of the catalogue explains this</strong>
          <Params params={row.unexplained} />
        </div>
      )}
      <button
        type="button"
        className="tmd-why"
        aria-expanded={expanded}
        aria-controls={id}
        onClick={() => setExpanded(!expanded)}
      >
        Why<span className="visually-hidden"> ({which})</span>
        <span aria-hidden="true">{expanded ? ' ▴' : ' ▾'}</span>
      </button>
      <div id={id} className="tmd-details" hidden={!expanded}>
        {row.explained.map(({ change: id }) => {
          const change = CHANGES[id];
          return (
            <p key={id}>
              <strong>{change.title}</strong> ({change.since}): {change.why}
            </p>
          );
        })}
        <p className="tmd-open">
          {row.a && <a href={open.href('a', row.a.seq)}>{`Open message ${row.a.seq + 1} in ${from}`}</a>}
          {row.b && <a href={open.href('b', row.b.seq)}>{`Open message ${row.b.seq + 1} in ${to}`}</a>}
        </p>
      </div>
    </div>
  );
}
