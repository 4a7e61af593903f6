/**
 * What changed: the same scenario under two revisions, as one sequence diagram of both runs (or the
 * two side by side), each message that is only in one run or changed marked, with the change that
 * made it. Both runs are real (the core's runFlow); the alignment and the change behind each
 * difference come from the core (revisions/changes.ts); the diagram only draws them (diff/).
 */
import { useRef } from 'react';
import { registrationUnsupported, scenarioUnsupported } from '../../sim/revisions/profile';
import type { RevisionComparison } from '../../sim/revisions/changes';
import type { TraceEvent } from '../../sim/trace/types';
import { ChangeList } from './ChangeLinks';
import { DiffDiagram } from './diff/DiffDiagram';
import { DiffToolbar } from './diff/DiffToolbar';
import type { Opener } from './diff/RowNote';
import { countRows, diagramLanes, diagramRows } from './diff/rows';
import type { TimeMachineParams } from './params';
import { simAt } from './params';
import { useCoreTask } from './useCoreTask';

interface Compared {
  comparison: RevisionComparison;
  a: readonly TraceEvent[];
  b: readonly TraceEvent[];
}

interface ViewProps {
  params: TimeMachineParams;
  go: (params: TimeMachineParams) => void;
}

function Legend({ from, to }: { from: string; to: string }) {
  return (
    <p className="tmd-legend">
      <span className="tmd-key tmd-key--removed">
        <span aria-hidden="true">− </span>
        <del>only in {from}</del>
      </span>
      <span className="tmd-key tmd-key--added">
        <span aria-hidden="true">+ </span>only in {to}
      </span>
      <span className="tmd-key tmd-key--changed">
        <span aria-hidden="true">~ </span>changed
      </span>
      <span>
        The numbers are each message&apos;s place in {from} and in {to}: each opens it in the simulator.
      </span>
    </p>
  );
}

function Result({ compared, params, go }: ViewProps & { compared: Compared }) {
  const { comparison, a, b } = compared;
  const { from, to, scenario, registration } = params;
  const rows = diagramRows(comparison);
  const changesHeading = useRef<HTMLHeadingElement>(null);
  const count = countRows(rows);
  const open: Opener = {
    from,
    to,
    href: (side, seq) => simAt({ scenario, registration, revision: side === 'a' ? from : to, seq }),
  };
  return (
    <>
      <p className="tm-summary" role="status">
        {from} → {to}: {count.same} messages the same, {count.removed} only in {from}, {count.added} only in{' '}
        {to}, {count.changed} changed.
        {comparison.changes.length === 0 && ' Nothing changed.'}
      </p>
      <DiffToolbar params={params} go={go} />
      {count.same < rows.length && <Legend from={from} to={to} />}
      {comparison.changes.length > 0 && (
        // Each row has a few links: a keyboard need not tab through them all to reach the summary.
        <button type="button" className="tmd-skip" onClick={() => changesHeading.current?.focus()}>
          Skip past the diagram to the changes behind it
        </button>
      )}
      <DiffDiagram
        rows={rows}
        lanes={diagramLanes(a, b)}
        split={params.layout === 'split'}
        fold={params.show === 'changes'}
        open={open}
      />
      {comparison.changes.length > 0 && (
        <>
          <h3 className="tm-subtitle" ref={changesHeading} tabIndex={-1}>
            The changes behind them
          </h3>
          <ChangeList
            changes={comparison.changes}
            explains={(id) => rows.filter((r) => r.explained.some((e) => e.change === id)).length}
          />
        </>
      )}
    </>
  );
}

export function ChangesView({ params, go }: ViewProps) {
  const { from, to, scenario, registration } = params;
  const lacking = [from, to]
    .map((r) => scenarioUnsupported(r, scenario) ?? registrationUnsupported(r, registration))
    .find((why) => why !== null);
  if (lacking) return <p role="status">One of the two revisions cannot play this: {lacking}</p>;
  return <Compare params={params} go={go} />;
}

function Compare({ params, go }: ViewProps) {
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
  return <Result compared={state.value} params={params} go={go} />;
}
