/**
 * `#/revisions`: the spec time machine. Three views of the same four revisions, each computed from
 * real runs by the lazily loaded core: what changed between two of them for one scenario, an old
 * client against new servers and the other way round, and every attack under every revision.
 * Every choice is in the address (params.ts), so a link replays it.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { LATEST_REVISION, REVISIONS } from '../../sim/revisions/ids';
import { REVISION_INFO } from '../../sim/revisions/profile';
import { AttacksView } from './AttacksView';
import { ChangesView } from './ChangesView';
import { ErasView } from './ErasView';
import { TimeMachineControls } from './TimeMachineControls';
import { paramsHash, readParams, VIEW_IDS, VIEWS } from './params';
import type { TimeMachineParams, View } from './params';
import './revisions.css';

interface Props {
  query: string;
  navigate: (hash: string) => void;
}

const LEADS: Record<View, ReactNode> = {
  changes:
    'The same scenario under two revisions, as one sequence diagram: the messages only in one run, those that changed, and the change of the spec behind each difference.',
  eras: 'What developers meet in the field: a client of one revision against the servers of another. Each cell is a real run.',
  attacks:
    'Each attack of the lab, with its defence on, played by the honest parties of each revision: an attack works where its rule had not arrived yet.',
};

export default function TimeMachineRoute({ query, navigate }: Props) {
  const params = readParams(query);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const go = (next: TimeMachineParams) => navigate(paramsHash(next));
  return (
    <div className="route-page">
      <div className="tm">
        <h1 ref={heading} tabIndex={-1}>
          Spec time machine
        </h1>
        <p className="tm-lead">
          MCP authorization has four revisions. The simulator plays each one: its parties enforce only that
          revision&apos;s rules.
        </p>
        <ul className="tm-revisions">
          {REVISIONS.map((r) => (
            <li key={r}>
              <strong>{r}</strong> {REVISION_INFO[r].title}.{' '}
              <a href={r === LATEST_REVISION ? '#/sim' : `#/sim?rev=${r}`}>Open in the simulator</a>
            </li>
          ))}
        </ul>
        <nav className="tm-tabs" aria-label="Time machine views">
          <ul>
            {VIEW_IDS.map((view) => (
              <li key={view}>
                <a
                  href={paramsHash({ ...params, view })}
                  aria-current={params.view === view ? 'page' : undefined}
                >
                  {VIEWS[view]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <section aria-labelledby="tm-view-title" className="tm-view">
          <h2 id="tm-view-title">{VIEWS[params.view]}</h2>
          <p>{LEADS[params.view]}</p>
          <TimeMachineControls params={params} go={go} />
          {params.view === 'changes' && <ChangesView params={params} go={go} />}
          {params.view === 'eras' && <ErasView params={params} />}
          {params.view === 'attacks' && <AttacksView />}
        </section>
      </div>
    </div>
  );
}
