/**
 * `#/revisions`: the spec time machine. Three views of the same four revisions, each computed from
 * real runs by the lazily loaded core: what changed between two of them for one scenario, an old
 * client against new servers and the other way round, and every attack under every revision.
 * Every choice is in the address (params.ts), so a link replays it.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { LATEST_REVISION, REVISIONS, isRevision } from '../../sim/revisions/ids';
import { REVISION_INFO, registrationUnsupported, scenarioUnsupported } from '../../sim/revisions/profile';
import {
  REGISTRATION_MODE_IDS,
  REGISTRATION_MODES,
  SCENARIO_IDS,
  SCENARIOS,
  isRegistrationMode,
  isScenarioId,
} from '../../sim/scenarios';
import { AttacksView } from './AttacksView';
import { ChangesView } from './ChangesView';
import { ErasView } from './ErasView';
import { paramsHash, readParams, VIEW_IDS, VIEWS } from './params';
import type { TimeMachineParams, View } from './params';
import './revisions.css';

interface Props {
  query: string;
  navigate: (hash: string) => void;
}

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: { id: string; title: string; disabled?: boolean }[];
  onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.id} value={o.id} disabled={o.disabled ?? false}>
            {o.title}
          </option>
        ))}
      </select>
    </label>
  );
}

function revisionOptions() {
  return REVISIONS.map((r) => ({ id: r, title: `${r}${r === LATEST_REVISION ? ' (latest)' : ''}` }));
}

function Controls({ params, go }: { params: TimeMachineParams; go: (p: TimeMachineParams) => void }) {
  const both = [params.from, params.to];
  const registrationOptions = (ids: readonly (typeof REGISTRATION_MODE_IDS)[number][]) =>
    ids.map((id) => ({
      id,
      title: REGISTRATION_MODES[id].title,
      disabled: both.some((r) => registrationUnsupported(r, id) !== null),
    }));
  if (params.view === 'attacks') return null;
  if (params.view === 'eras')
    return (
      <div className="tm-controls">
        <Select
          label="Registration"
          value={params.registration}
          options={registrationOptions(['dcr', 'preregistered'])}
          onChange={(v) => isRegistrationMode(v) && go({ ...params, registration: v })}
        />
      </div>
    );
  return (
    <div className="tm-controls">
      <Select
        label="From revision"
        value={params.from}
        options={revisionOptions()}
        onChange={(v) => isRevision(v) && go({ ...params, from: v })}
      />
      <Select
        label="To revision"
        value={params.to}
        options={revisionOptions()}
        onChange={(v) => isRevision(v) && go({ ...params, to: v })}
      />
      <Select
        label="Scenario"
        value={params.scenario}
        options={SCENARIO_IDS.map((id) => ({
          id,
          title: SCENARIOS[id].title,
          disabled: both.some((r) => scenarioUnsupported(r, id) !== null),
        }))}
        onChange={(v) => isScenarioId(v) && go({ ...params, scenario: v })}
      />
      <Select
        label="Registration"
        value={params.registration}
        options={registrationOptions(REGISTRATION_MODE_IDS)}
        onChange={(v) => isRegistrationMode(v) && go({ ...params, registration: v })}
      />
    </div>
  );
}

const LEADS: Record<View, ReactNode> = {
  changes:
    'The same scenario under two revisions, message by message: what is only in one, what changed, and the change of the spec behind each difference.',
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
          <Controls params={params} go={go} />
          {params.view === 'changes' && <ChangesView params={params} />}
          {params.view === 'eras' && <ErasView params={params} />}
          {params.view === 'attacks' && <AttacksView />}
        </section>
      </div>
    </div>
  );
}
