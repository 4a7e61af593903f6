/**
 * Where the run is: discovery → registration → authorization → token → access, then the attack in
 * an attack run. Done phases get a check mark, the current one a marker and aria-current, a phase
 * this flow passed by a dash, so progress reads without colour (phases.ts decides which is which).
 */
import { useMemo } from 'react';
import { useTrace } from '../../run/player/hooks';
import { phaseStates } from './phases';
import type { PhaseState } from './phases';

const MARK: Record<PhaseState, string> = { done: '✓', current: '●', skipped: '–', todo: '○' };
const SPOKEN: Record<PhaseState, string> = {
  done: ' (done)',
  current: '',
  skipped: ' (not part of this run)',
  todo: ' (not yet)',
};

function PhaseItem({ label, state }: { label: string; state: PhaseState }) {
  return (
    <li className={`phase phase--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
      <span className="phase__mark" aria-hidden="true">
        {MARK[state]}
      </span>
      <span className="phase__label">{label}</span>
      {SPOKEN[state] && <span className="visually-hidden">{SPOKEN[state]}</span>}
    </li>
  );
}

export function PhaseProgress() {
  const trace = useTrace();
  const { phases, attack } = useMemo(() => phaseStates(trace), [trace]);
  return (
    <ol className="phases" aria-label="Phases of the flow">
      {phases.map((phase) => (
        <PhaseItem key={phase.id} label={phase.label} state={phase.state} />
      ))}
      {attack && <PhaseItem label="Attack" state={attack} />}
    </ol>
  );
}
