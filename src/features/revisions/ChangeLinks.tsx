/**
 * A change of the spec as What changed links it (revisions/changes.ts owns the words and the
 * addresses): the proposals that made it, its spec section, and the list of the changes behind a
 * comparison, each with why, and how many messages it explains.
 */
import { Fragment } from 'react';
import { CHANGES } from '../../sim/revisions/changes';
import type { Change, ChangeId } from '../../sim/revisions/changes';

/** The proposals that made a change, each linked (two for the stateless transport). */
export function Proposals({ change }: { change: Change }) {
  return (
    <>
      {[change.by, ...(change.also ? [change.also] : [])].map((link, i) => (
        <Fragment key={link.href}>
          {i > 0 && ' · '}
          <a href={link.href} target="_blank" rel="noreferrer">
            {link.label}
          </a>
        </Fragment>
      ))}
    </>
  );
}

/**
 * The spec section that says it; `short` shows only the section ("§Application Type") where the
 * revision and page are already on screen, the link's name still the whole of it.
 */
export function SpecLink({ change, short = false }: { change: Change; short?: boolean }) {
  const { label, href } = change.spec;
  const section = label.indexOf('§');
  return (
    <a
      href={href}
      target="_blank"
      rel="noreferrer"
      aria-label={short && section > 0 ? label : undefined}
      title={short && section > 0 ? label : undefined}
    >
      {short && section > 0 ? label.slice(section) : label}
    </a>
  );
}

interface ListProps {
  changes: readonly ChangeId[];
  /** How many messages of the comparison each change explains. */
  explains: (id: ChangeId) => number;
}

export function ChangeList({ changes, explains }: ListProps) {
  return (
    <ol className="tm-changes" aria-label="The changes behind them">
      {changes.map((id) => {
        const change = CHANGES[id];
        const n = explains(id);
        return (
          <li key={id} className="tm-change">
            <h3 className="tm-change__title">
              {change.title} <span className="tm-change__since">{change.since}</span>
            </h3>
            <p>{change.why}</p>
            <p className="tm-change__links">
              <SpecLink change={change} /> · <Proposals change={change} />
            </p>
            <p className="tm-change__count">
              Explains {n} {n === 1 ? 'message' : 'messages'} of the diagram
            </p>
          </li>
        );
      })}
    </ol>
  );
}
