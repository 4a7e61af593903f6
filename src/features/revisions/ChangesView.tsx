/**
 * What changed: the same scenario under two revisions, message by message. Both runs are real (the
 * core's runFlow); the alignment and the change behind each difference come from the core
 * (revisions/changes.ts). Messages that are the same in both are folded; each one that differs says
 * which change made it, and the list of changes says why, with the spec section and the proposal.
 */
import { Fragment } from 'react';
import { CHANGES } from '../../sim/revisions/changes';
import type { Change, ChangeId, ExplainedRow, RevisionComparison } from '../../sim/revisions/changes';
import { registrationUnsupported, scenarioUnsupported } from '../../sim/revisions/profile';
import type { ParamDifference } from '../../sim/trace/diff';
import type { TraceEvent } from '../../sim/trace/types';
import { messageLabel, paramName, routeText } from '../../run/trace/describe';
import type { TimeMachineParams } from './params';
import { simAt } from './params';
import { useCoreTask } from './useCoreTask';

interface Compared {
  comparison: RevisionComparison;
  a: readonly TraceEvent[];
  b: readonly TraceEvent[];
}

function value(v: string | undefined): string {
  return v === undefined ? 'absent' : v.length > 60 ? `${v.slice(0, 57)}…` : v;
}

function Param({ param }: { param: ParamDifference }) {
  return (
    <li>
      <code>{paramName(param)}</code>: {value(param.a)} → {value(param.b)}
    </li>
  );
}

/** The proposals that made a change, each linked. */
function Proposals({ change }: { change: Change }) {
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

function ChangeTag({ id }: { id: ChangeId }) {
  const change = CHANGES[id];
  return (
    <span className="tm-tag">
      {change.title} · {change.since} · <Proposals change={change} />
    </span>
  );
}

function Message({ event }: { event: TraceEvent }) {
  return (
    <span className="tm-msg">
      <span className="tm-msg__route">{routeText(event)}</span> {messageLabel(event)}
    </span>
  );
}

type Group = { kind: 'same'; rows: ExplainedRow[] } | { kind: 'diff'; row: ExplainedRow };

/** Consecutive messages that are the same, or differ only in noise, fold into one group. */
function groups(rows: readonly ExplainedRow[]): Group[] {
  const out: Group[] = [];
  for (const row of rows) {
    const quiet = row.row.kind === 'same' || (row.row.kind === 'changed' && row.explained.length === 0);
    const last = out.at(-1);
    if (quiet && last?.kind === 'same') last.rows.push(row);
    else out.push(quiet ? { kind: 'same', rows: [row] } : { kind: 'diff', row });
  }
  return out;
}

function Row({ row, params }: { row: ExplainedRow; params: TimeMachineParams }) {
  const { from, to, scenario, registration } = params;
  const kind = row.row.kind;
  const event = row.b ?? row.a;
  if (!event) return null;
  const at = (revision: typeof from, seq: number) => simAt({ scenario, registration, revision, seq });
  return (
    <li className={`tm-row tm-row--${kind}`}>
      <p className="tm-row__head">
        <span className="tm-row__mark" aria-hidden="true">
          {kind === 'added' ? '+' : kind === 'removed' ? '−' : '~'}
        </span>
        <span className="tm-row__kind">
          {kind === 'added' ? `Only in ${to}` : kind === 'removed' ? `Only in ${from}` : 'Changed'}
        </span>
        <Message event={event} />
      </p>
      {row.explained.map(({ change, params: changed }) => (
        <div key={change} className="tm-row__why">
          <ChangeTag id={change} />
          {changed.length > 0 && (
            <ul className="tm-params">
              {changed.map((param) => (
                <Param key={`${param.where}\n${param.name}`} param={param} />
              ))}
            </ul>
          )}
        </div>
      ))}
      <p className="tm-row__open">
        {row.row.kind !== 'added' && (
          <a href={at(from, row.row.a)}>
            Open message {row.row.a + 1} in {from}
          </a>
        )}
        {row.row.kind !== 'removed' && (
          <a href={at(to, row.row.b)}>
            Open message {row.row.b + 1} in {to}
          </a>
        )}
      </p>
    </li>
  );
}

function Result({ compared, params }: { compared: Compared; params: TimeMachineParams }) {
  const { comparison } = compared;
  const count = (kind: string) => comparison.rows.filter((r) => r.row.kind === kind).length;
  const same = comparison.rows.filter((r) => r.row.kind === 'same' || r.explained.length === 0).length;
  return (
    <>
      <p className="tm-summary" role="status">
        {params.from} → {params.to}: {same} messages the same, {count('removed')} only in {params.from},{' '}
        {count('added')} only in {params.to},{' '}
        {comparison.rows.length - same - count('removed') - count('added')} changed.{' '}
        {comparison.changes.length === 0 ? 'Nothing changed.' : 'The changes behind them:'}
      </p>
      <ol className="tm-changes" aria-label="The changes behind them">
        {comparison.changes.map((id) => {
          const change = CHANGES[id];
          return (
            <li key={id} className="tm-change">
              <h3 className="tm-change__title">
                {change.title} <span className="tm-change__since">{change.since}</span>
              </h3>
              <p>{change.why}</p>
              <p className="tm-change__links">
                <a href={change.spec.href} target="_blank" rel="noreferrer">
                  {change.spec.label}
                </a>{' '}
                · <Proposals change={change} />
              </p>
            </li>
          );
        })}
      </ol>
      <h3 className="tm-subtitle" id="tm-rows-title">
        Message by message
      </h3>
      <ol className="tm-rows" aria-labelledby="tm-rows-title">
        {groups(comparison.rows).map((group, i) =>
          group.kind === 'same' ? (
            <li key={i} className="tm-row tm-row--same">
              {group.rows.length} {group.rows.length === 1 ? 'message' : 'messages'} the same in both
            </li>
          ) : (
            <Row key={i} row={group.row} params={params} />
          ),
        )}
      </ol>
    </>
  );
}

export function ChangesView({ params }: { params: TimeMachineParams }) {
  const { from, to, scenario, registration } = params;
  const lacking = [from, to]
    .map((r) => scenarioUnsupported(r, scenario) ?? registrationUnsupported(r, registration))
    .find((why) => why !== null);
  if (lacking) return <p role="status">One of the two revisions cannot play this: {lacking}</p>;
  return <Compare params={params} />;
}

function Compare({ params }: { params: TimeMachineParams }) {
  const { from, to, scenario, registration } = params;
  const state = useCoreTask<Compared>(`${from}|${to}|${scenario}|${registration}`, async (core) => {
    const a = await core.runFlow({ seed: 'demo', scenario, registration, revision: from });
    const b = await core.runFlow({ seed: 'demo', scenario, registration, revision: to });
    return { comparison: core.compareTraces(from, to, a.trace, b.trace), a: a.trace, b: b.trace };
  });
  if (state.status === 'running')
    return (
      <p role="status">
        Running the scenario under {from} and under {to}…
      </p>
    );
  if (state.status === 'error') return <p role="alert">The runs failed: {state.message}</p>;
  return <Result compared={state.value} params={params} />;
}
