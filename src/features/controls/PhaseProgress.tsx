/**
 * Where the run is: discovery → registration → authorization → token → access. Done phases get a
 * check mark, the current one a marker and aria-current, so progress reads without colour.
 */
import { useMemo } from 'react';
import { PHASES } from '../../sim/steps';
import type { Phase } from '../../sim/steps';
import { useTrace } from '../player/hooks';
import { stepText } from '../trace/describe';

export function PhaseProgress() {
  const trace = useTrace();
  // The closing "flow ended" note belongs to no phase: a denied run never reached Access.
  const shown = useMemo(() => trace.filter((e) => e.stepId !== 'flow-ended'), [trace]);
  const visited = useMemo(() => new Set<Phase>(shown.map((e) => stepText(e).phase)), [shown]);
  const last = shown.at(-1);
  const current = last ? stepText(last).phase : null;
  return (
    <ol className="phases" aria-label="Phases of the flow">
      {PHASES.map((phase) => {
        const state = phase.id === current ? 'current' : visited.has(phase.id) ? 'done' : 'todo';
        return (
          <li
            key={phase.id}
            className={`phase phase--${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="phase__mark" aria-hidden="true">
              {state === 'done' ? '✓' : state === 'current' ? '●' : '○'}
            </span>
            <span className="phase__label">{phase.label}</span>
            {state !== 'current' && (
              <span className="visually-hidden">{state === 'done' ? ' (done)' : ' (not yet)'}</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
