/**
 * Mixed eras: every client (one per revision, and the dual-era client `npm run client` is) against
 * the servers of every revision, each cell a real first connection. A cell says whether it
 * completes, and where it does not, the message that shows the break, with a link to it.
 */
import { REVISIONS } from '../../sim/revisions/ids';
import type { EraRun } from '../../sim/revisions/mixed';
import { CLIENT_KINDS } from '../../sim/revisions/profile';
import type { ClientKind } from '../../sim/revisions/profile';
import type { TimeMachineParams } from './params';
import { simAt } from './params';
import { useCoreTask, yieldToPaint } from './useCoreTask';

function clientLabel(client: ClientKind): string {
  return client === 'dual-era' ? 'Dual-era (2026-07-28 and earlier)' : `Client of ${client}`;
}

function Cell({ run }: { run: EraRun }) {
  const { breaks } = run;
  const link = simAt({
    scenario: 'first-connection',
    registration: run.registration,
    revision: run.server,
    client: run.client,
    seq: breaks?.seq,
  });
  // Link text that still says which cell it is when read out of the table.
  const which = (
    <span className="visually-hidden">
      {' '}
      ({clientLabel(run.client)}, servers of {run.server})
    </span>
  );
  if (!breaks)
    return (
      <td className="tm-cell tm-cell--ok" data-label={`Servers of ${run.server}`}>
        <span aria-hidden="true">✓ </span>Completes{' '}
        <a href={link}>
          Watch
          {which}
        </a>
      </td>
    );
  return (
    <td className="tm-cell tm-cell--break" data-label={`Servers of ${run.server}`}>
      <span aria-hidden="true">✕ </span>
      Breaks at message {breaks.seq + 1}: {breaks.what}
      {breaks.rule && <span className="tm-rule"> ({breaks.rule})</span>}
      {breaks.evidence && <span className="tm-evidence">{breaks.evidence}</span>}{' '}
      <a href={link}>See it{which}</a>
    </td>
  );
}

export function ErasView({ params }: { params: TimeMachineParams }) {
  const { registration } = params;
  const state = useCoreTask<EraRun[]>(`eras|${registration}`, async (core, live) => {
    const runs: EraRun[] = [];
    for (const client of CLIENT_KINDS)
      for (const server of REVISIONS) {
        if (!live()) return runs;
        runs.push(await core.runMixed(client, server, registration));
        await yieldToPaint();
      }
    return runs;
  });
  if (state.status === 'running')
    return <p role="status">Running every client against every revision&apos;s servers…</p>;
  if (state.status === 'error') return <p role="alert">The runs failed: {state.message}</p>;
  const runs = state.value;
  return (
    <div className="tm-scroll">
      <table className="tm-table tm-table--eras">
        <caption>
          The first connection with{' '}
          {registration === 'dcr' ? 'Dynamic Client Registration' : 'a pre-registered client'}: each client
          (rows) against the servers of each revision (columns)
        </caption>
        <thead>
          <tr>
            <th scope="col">Client</th>
            {REVISIONS.map((r) => (
              <th key={r} scope="col">
                Servers of {r}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {CLIENT_KINDS.map((client) => (
            <tr key={client}>
              <th scope="row">{clientLabel(client)}</th>
              {REVISIONS.map((server) => {
                const run = runs.find((r) => r.client === client && r.server === server);
                return run ? <Cell key={server} run={run} /> : <td key={server}>Not run</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
