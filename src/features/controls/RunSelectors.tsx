/** Spec revision, scenario and registration mode. Changing one restarts the run from its first message. */
import { memo } from 'react';
import { FIXED_REGISTRATION, isRegistrationMode, isScenarioId } from '../../sim/scenarios';
import { PlayerContext } from '../../run/player/PlayerContext';
import { useSend } from '../../run/player/hooks';
import { registrationOptions, revisionOf, scenarioOptions } from '../../run/revision/config';
import { RevisionSelect } from './RevisionSelect';

// Memoized: the toolbar renders on every step; the run's configuration does not change with it.
export const RunSelectors = memo(function RunSelectors() {
  const config = PlayerContext.useSelector((s) => s.context.config);
  const send = useSend();
  // A scenario whose client identifies itself one way only says so beside the picker it ignores.
  const fixed = FIXED_REGISTRATION[config.scenario];
  const revision = revisionOf(config);
  return (
    <div className="toolbar__group toolbar__group--end">
      <RevisionSelect />
      <label className="field">
        <span className="field__label">Scenario</span>
        <select
          value={config.scenario}
          onChange={(e) => {
            const scenario = e.target.value;
            if (isScenarioId(scenario))
              send({ type: 'LOAD', config: { ...config, scenario }, target: { kind: 'count', count: 0 } });
          }}
        >
          {/* What the revision cannot play is disabled; its label says when it arrived. */}
          {scenarioOptions(revision).map((o) => (
            <option key={o.id} value={o.id} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Registration</span>
        <select
          value={config.registration}
          aria-describedby={fixed ? 'registration-note' : undefined}
          onChange={(e) => {
            const registration = e.target.value;
            if (isRegistrationMode(registration))
              send({
                type: 'LOAD',
                config: { ...config, registration },
                target: { kind: 'count', count: 0 },
              });
          }}
        >
          {registrationOptions(revision).map((o) => (
            <option key={o.id} value={o.id} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      {fixed && (
        <span id="registration-note" className="field__note">
          {fixed}
        </span>
      )}
    </div>
  );
});
