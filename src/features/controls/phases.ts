/**
 * Which phases of the victim's flow the run has been through, read from the trace. The attacker's
 * own moves (her requests, and whatever a server does while answering one, such as validating her
 * token) are the attack, not the victim's Token or Access phase; and a phase the flow passed by (no
 * authorization in a client credentials run) is "skipped", never "not yet" beside a later one done.
 */
import { PHASES, STEPS } from '../../sim/steps';
import type { Phase } from '../../sim/steps';
import type { TraceEvent } from '../../sim/trace/types';

export type PhaseState = 'done' | 'current' | 'skipped' | 'todo';

export interface PhaseView {
  id: Phase;
  label: string;
  state: PhaseState;
}

/** The phase each event belongs to: the attack while an exchange the attacker opened is answered. */
export function eventPhases(trace: readonly TraceEvent[]): Phase[] {
  const open = new Set<number>();
  return trace.map((e) => {
    const attackers = e.from === 'attacker' || e.to === 'attacker';
    if (e.kind === 'request' && e.from === 'attacker') open.add(e.exchange);
    const phase: Phase = attackers || open.size > 0 ? 'attack' : STEPS[e.stepId].phase;
    if (e.kind === 'response' && e.to === 'attacker') open.delete(e.exchange);
    return phase;
  });
}

export function phaseStates(trace: readonly TraceEvent[]): {
  phases: PhaseView[];
  attack: PhaseState | null;
} {
  // The closing "flow ended" note belongs to no phase: a denied run never reached Access.
  const shown = trace.filter((e) => e.stepId !== 'flow-ended');
  const phases = eventPhases(shown);
  const visited = new Set(phases);
  const current = phases.at(-1) ?? null;
  const lastVisited = Math.max(-1, ...PHASES.map((p, i) => (visited.has(p.id) ? i : -1)));
  return {
    phases: PHASES.map((p, i) => ({
      id: p.id,
      label: p.label,
      state: p.id === current ? 'current' : visited.has(p.id) ? 'done' : i < lastVisited ? 'skipped' : 'todo',
    })),
    attack: visited.has('attack') ? (current === 'attack' ? 'current' : 'done') : null,
  };
}
