/**
 * Attacks across time: each attack of the lab, defence on, played by the honest parties of every
 * revision. A cell says what the run decided: the attacker won, a rule stopped her, or the revision
 * cannot play the attack (and why). The first column says which revision brought the defence.
 */
import { useState } from 'react';
import { ATTACK_IDS, variantIdsOf } from '../../sim/attacks/ids';
import type { AttackId } from '../../sim/attacks/ids';
import { defenceOf } from '../../sim/revisions/attackHistory';
import type { AttackInRevision } from '../../sim/revisions/attacks';
import { LATEST_REVISION, REVISIONS } from '../../sim/revisions/ids';
import type { Core } from '../../run/core/loadCore';
import { useCoreTask, yieldToPaint } from './useCoreTask';

interface Row {
  id: AttackId;
  variant: string | undefined;
  title: string;
  defence: string;
  arrived: string;
  cells: AttackInRevision[];
}

function attackLink(row: Pick<Row, 'id' | 'variant'>, revision: string): string {
  const p = new URLSearchParams({ attack: row.id, defence: 'on' });
  if (row.variant) p.set('variant', row.variant);
  if (revision !== LATEST_REVISION) p.set('rev', revision);
  return `#/sim?${p.toString()}`;
}

/** Every attack and variant of the lab, each one a row. */
const ROWS = ATTACK_IDS.flatMap((id) =>
  (variantIdsOf(id) ?? [undefined]).map((variant) => ({ id, variant })),
);

async function rows(core: Core, live: () => boolean, progress: (done: number) => void): Promise<Row[]> {
  const out: Row[] = [];
  for (const { id, variant } of ROWS) {
    if (!live()) return out;
    const def = core.resolveAttack({ id, variant });
    const label = def.variants?.find((v) => v.id === def.variant)?.label;
    const { defence, ruleArrived } = defenceOf(def);
    const cells: AttackInRevision[] = [];
    for (const revision of REVISIONS) {
      cells.push(await core.attackInRevision({ id, variant }, revision));
      await yieldToPaint();
    }
    out.push({
      id,
      variant,
      title: label ? `${def.title}: ${label}` : def.title,
      defence: defence.join(', '),
      arrived: ruleArrived ?? 'not yet',
      cells,
    });
    progress(out.length);
  }
  return out;
}

function Cell({ cell, row }: { cell: AttackInRevision; row: Row }) {
  if (cell.state === 'not-applicable')
    return (
      <td className="tm-cell tm-cell--na" data-label={cell.revision}>
        <span aria-hidden="true">— </span>Cannot be played: {cell.why}
      </td>
    );
  const won = cell.state === 'won';
  return (
    <td className={`tm-cell ${won ? 'tm-cell--won' : 'tm-cell--ok'}`} data-label={cell.revision}>
      <span aria-hidden="true">{won ? '☠ ' : '✓ '}</span>
      {won ? 'The attack works' : `Stopped${cell.rule ? ` (${cell.rule})` : ''}`}
      {/* A stop no rule names (the attacker never got what she needed): the run says what happened. */}
      {cell.state === 'stopped' && !cell.rule && <span className="tm-evidence">{cell.evidence}</span>}{' '}
      <a href={attackLink(row, cell.revision)}>
        Run it
        <span className="visually-hidden">
          {' '}
          ({row.title} under {cell.revision})
        </span>
      </a>
    </td>
  );
}

export function AttacksView() {
  const [done, setDone] = useState(0);
  const state = useCoreTask<Row[]>('attacks', (core, live) => rows(core, live, setDone));
  if (state.status === 'running')
    return (
      <p role="status">
        Playing every attack under every revision, defence on: {done} of {ROWS.length} attacks…
      </p>
    );
  if (state.status === 'error') return <p role="alert">The runs failed: {state.message}</p>;
  return (
    <div className="tm-scroll">
      <table className="tm-table tm-table--attacks">
        <caption>Each attack with its defence on, played by the honest parties of each revision</caption>
        <thead>
          <tr>
            <th scope="col">Attack</th>
            <th scope="col">Defence arrived</th>
            {REVISIONS.map((r) => (
              <th key={r} scope="col">
                {r}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {state.value.map((row) => (
            <tr key={`${row.id}/${row.variant ?? ''}`}>
              <th scope="row">{row.title}</th>
              <td data-label="Defence arrived">
                {row.arrived} <span className="tm-rule">({row.defence})</span>
              </td>
              {row.cells.map((cell) => (
                <Cell key={cell.revision} cell={cell} row={row} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
