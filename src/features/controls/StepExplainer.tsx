/**
 * The current step in words: its phase, title, one-paragraph explanation (from STEPS, the single
 * source of the teaching text) and the rules it is about. Before the first step it introduces the
 * scenario; at the end it states the outcome. A message the learner selects is explained instead,
 * with the way back to the current one; an attack run offers to skip to the attacker's first move.
 */
import { memo, useCallback, useMemo } from 'react';
import type { FlowOutcome } from '../../sim/flow/flowMachine';
import type { RunConfig } from '../../sim/flow/simulation';
import { useCore } from '../../run/core/useCore';
import { SCENARIOS } from '../../sim/scenarios';
import type { ScenarioId } from '../../sim/scenarios';
import type { TraceEvent } from '../../sim/trace/types';
import { PlayerContext } from '../../run/player/PlayerContext';
import { usePanelCurrentEvent, usePanelOutcome, usePanelSelectedEvent } from '../../run/player/PanelView';
import { useSend } from '../../run/player/hooks';
import { useAttackerFirstMove } from '../../run/marks/attackerMove';
import { useMask } from '../../run/view/MaskContext';
import { eventPart, eventTone, routeText, stepText, TONE_ICON, TONE_WORD } from '../../run/trace/describe';
import { RuleChips } from '../../components/RuleChips';
import { ScenarioStart } from './ScenarioStart';

const PART_WORD = { request: 'Request', response: 'Response', note: 'Internal step' } as const;

/**
 * How the run ended. After an attack, the verdict decides the colour (the attacker's when she won,
 * a success's when she was stopped), as in the lab, never the victim's own flow, which "succeeds"
 * in the very run where the attacker reads her files.
 */
function endingOf(outcome: FlowOutcome, last: TraceEvent): { modifier: string; icon: string } {
  const tone = eventTone(last);
  if (tone === 'attacker') return { modifier: 'won', icon: TONE_ICON.attacker };
  if (tone === 'defended') return { modifier: 'defended', icon: TONE_ICON.defended };
  return outcome.kind === 'success' ? { modifier: 'ok', icon: '✓' } : { modifier: 'stopped', icon: '■' };
}

function Outcome({ outcome, last }: { outcome: FlowOutcome | null; last: TraceEvent }) {
  const mask = useMask();
  if (!outcome || last.kind === 'request' || last.kind === 'response') return null;
  const ending = endingOf(outcome, last);
  return (
    <p className={`outcome outcome--${ending.modifier}`}>
      <span aria-hidden="true">{ending.icon} </span>
      <strong>{last.title}.</strong> {mask(last.detail.summary)}
    </p>
  );
}

/**
 * The current step, as the side panels show the run (PanelView: a frame after a step's arrow; the
 * Announcer tells screen readers about the step at once).
 */
export function StepExplainer() {
  const latest = usePanelCurrentEvent();
  const selected = usePanelSelectedEvent();
  const outcome = usePanelOutcome();
  const send = useSend();
  const config = PlayerContext.useSelector((s) => s.context.config);
  const recorded = PlayerContext.useSelector((s) => s.context.recorded !== null);
  const attack = useAttackInfo(config.attack);
  const { core } = useCore(config.attack !== undefined);
  const firstMove = useAttackerFirstMove(core, config);
  // The jump is offered until the run reaches the attacker's first move.
  const count = latest ? latest.seq + 1 : 0;
  const jumpTo = !recorded && firstMove !== null && count <= firstMove ? firstMove : null;
  const jump = useCallback(() => {
    if (jumpTo !== null) send({ type: 'LOAD', config, target: { kind: 'count', count: jumpTo + 1 } });
  }, [send, config, jumpTo]);
  const backToLatest = useCallback(() => {
    if (latest) send({ type: 'SELECT', seq: latest.seq });
  }, [send, latest]);
  const shown = selected ?? latest;
  return (
    <Explanation
      current={shown}
      latest={shown && latest && shown.seq !== latest.seq ? latest : null}
      onLatest={backToLatest}
      outcome={outcome}
      scenario={config.scenario}
      attack={attack}
      jump={jumpTo === null ? null : { to: jumpTo, go: jump }}
    />
  );
}

/** "Skip to the attacker's first move": the message's index and the jump. */
interface Jump {
  to: number;
  go: () => void;
}

function JumpToAttacker({ jump }: { jump: Jump }) {
  return (
    <button type="button" className="btn explainer__jump" onClick={jump.go}>
      <span aria-hidden="true">{TONE_ICON.attacker} </span>
      Skip to the attacker&apos;s first move (message {jump.to + 1})
    </button>
  );
}

/** The attack a run plays, in words: what the attacker tries and the state of the defence. */
interface AttackInfo {
  title: string;
  summary: string;
  defence: 'on' | 'off';
  /** What the defence is: the rule the victim's side enforces when it is on. */
  defenceLabel: string;
}

/**
 * The run's attack, from the registry in the core (null while the core loads: the line then names
 * the attack by its id). An embed or presenter mode hides the lab, so this panel is where the
 * audience learns that an attack runs, from the first step, not only from the verdict.
 */
function useAttackInfo(attack: RunConfig['attack']): AttackInfo | null {
  const { core } = useCore(attack !== undefined);
  // Memoized: the panel below is, and a new object on each render would draw it again.
  return useMemo(() => {
    if (!attack) return null;
    const def = core?.resolveAttack({ id: attack.id, variant: attack.variant });
    return {
      title: def?.title ?? attack.id,
      summary: def?.summary ?? '',
      defence: attack.defence,
      defenceLabel: def?.defence.label ?? '',
    };
  }, [attack, core]);
}

function AttackLine({ attack }: { attack: AttackInfo }) {
  return (
    <p className={`explainer__attack explainer__attack--${attack.defence}`}>
      <span aria-hidden="true">{TONE_ICON.attacker} </span>
      Attack: <strong>{attack.title}</strong> · defence <strong>{attack.defence}</strong>
    </p>
  );
}

/*
 * The explanation scrolls when it is longer than its share of the side column (an attack's banner
 * with a long step): focusable (tabIndex 0), so the keyboard can scroll it too (axe
 * scrollable-region-focusable).
 */
const Explanation = memo(function Explanation({
  current,
  latest,
  onLatest,
  outcome,
  scenario,
  attack,
  jump,
}: {
  /** The message explained: the selected one, else the newest. */
  current: TraceEvent | null;
  /** The newest message, when the explained one is an earlier one the learner selected. */
  latest: TraceEvent | null;
  onLatest: () => void;
  outcome: FlowOutcome | null;
  scenario: ScenarioId;
  attack: AttackInfo | null;
  jump: Jump | null;
}) {
  if (!current) {
    if (attack) {
      return (
        <section className="panel explainer" aria-labelledby="step-title" tabIndex={0}>
          <p className="eyebrow">
            Ready · Attack lab · defence {attack.defence} · {SCENARIOS[scenario].title}
          </p>
          <h2 id="step-title" className="explainer__title">
            {attack.title}
          </h2>
          {attack.summary && <p className="explainer__text">{attack.summary}</p>}
          <p className="explainer__text">
            <strong>Defence {attack.defence}</strong>
            {attack.defenceLabel && `: ${attack.defenceLabel}`}.{' '}
            {attack.defence === 'on'
              ? 'Watch where the rule stops the attacker.'
              : 'The rule is switched off: watch what the attacker gets.'}
          </p>
          <p className="explainer__hint">
            Press <kbd>Next</kbd> (or <kbd>→</kbd>) to play the victim&apos;s flow, then the attacker&apos;s
            moves.
          </p>
          {jump && <JumpToAttacker jump={jump} />}
        </section>
      );
    }
    return <ScenarioStart scenario={scenario} />;
  }

  const text = stepText(current);
  const part = eventPart(current);
  const tone = eventTone(current);
  const isNote = current.kind === 'internal' || current.kind === 'handoff';
  return (
    <section className="panel explainer" aria-labelledby="step-title" tabIndex={0}>
      {attack && <AttackLine attack={attack} />}
      {latest && (
        <p className="explainer__selected">
          You selected message {current.seq + 1}; the run is at message {latest.seq + 1}.{' '}
          <button type="button" className="btn btn--ghost" onClick={onLatest}>
            Back to message {latest.seq + 1}
          </button>
        </p>
      )}
      {!latest && jump && <JumpToAttacker jump={jump} />}
      <p className="eyebrow">
        {latest ? 'Message' : 'Step'} {current.seq + 1} · {PART_WORD[part]} · {routeText(current)}
      </p>
      <h2 id="step-title" className="explainer__title">
        {text.title}
      </h2>
      <p className="explainer__text">{text.explain}</p>
      {isNote && current.stepId !== 'flow-ended' && (
        <p className={`result result--${tone}`}>
          <span aria-hidden="true">{tone === 'normal' ? '✓' : TONE_ICON[tone]} </span>
          {tone !== 'normal' && <span className="visually-hidden">{TONE_WORD[tone]}: </span>}
          {current.title}
        </p>
      )}
      {current.kind === 'response' && tone === 'error' && (
        <p className="result result--error">
          <span aria-hidden="true">⚠ </span>
          An error answer is part of the lesson: open it in the inspector to read what the server said.
        </p>
      )}
      {!latest && <Outcome outcome={outcome} last={current} />}
      <RuleChips ids={text.rules} label="Rules for this step" />
    </section>
  );
});
