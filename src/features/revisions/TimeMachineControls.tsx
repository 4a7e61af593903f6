/**
 * The Time machine's pickers: two revisions, a scenario and a registration mode for What changed,
 * a registration mode for Mixed eras. A scenario or mode the older of the two revisions lacks is
 * disabled, its label saying when it arrived (config.ts). Each choice is a new address.
 */
import { LATEST_REVISION, REVISIONS, isRevision } from '../../sim/revisions/ids';
import { isRegistrationMode, isScenarioId } from '../../sim/scenarios';
import type { PickerOption } from '../../run/revision/config';
import { registrationOptions, scenarioOptions } from '../../run/revision/config';
import type { TimeMachineParams } from './params';

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly PickerOption<string>[];
  onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.id} value={o.id} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const REVISION_OPTIONS: PickerOption<string>[] = REVISIONS.map((r) => ({
  id: r,
  label: `${r}${r === LATEST_REVISION ? ' (latest)' : ''}`,
  disabled: false,
}));

interface Props {
  params: TimeMachineParams;
  go: (params: TimeMachineParams) => void;
}

export function TimeMachineControls({ params, go }: Props) {
  // Features only arrive (profile.ts): what the older revision has, the newer has too.
  const older = params.from < params.to ? params.from : params.to;
  const registration = (
    <Select
      label="Registration"
      value={params.registration}
      options={registrationOptions(
        params.view === 'eras' ? LATEST_REVISION : older,
        // Mixed eras is about a first connection every revision can make: DCR or a known client.
        params.view === 'eras' ? ['dcr', 'preregistered'] : undefined,
      )}
      onChange={(v) => isRegistrationMode(v) && go({ ...params, registration: v })}
    />
  );
  if (params.view === 'attacks') return null;
  if (params.view === 'eras') return <div className="tm-controls">{registration}</div>;
  return (
    <div className="tm-controls">
      <Select
        label="From revision"
        value={params.from}
        options={REVISION_OPTIONS}
        onChange={(v) => isRevision(v) && go({ ...params, from: v })}
      />
      <Select
        label="To revision"
        value={params.to}
        options={REVISION_OPTIONS}
        onChange={(v) => isRevision(v) && go({ ...params, to: v })}
      />
      <Select
        label="Scenario"
        value={params.scenario}
        options={scenarioOptions(older)}
        onChange={(v) => isScenarioId(v) && go({ ...params, scenario: v })}
      />
      {registration}
    </div>
  );
}
