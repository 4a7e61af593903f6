/**
 * One attack in the lab: what the attacker tries, the two switches (the attack, and the defence
 * that the rule provides), where the run is, and once it ends, the verdict with the rule behind it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { AttackDef } from '../../sim/attacks/types';
import { VULNERABILITIES } from '../../sim/attacks/vulnerabilities';
import { RuleChips } from '../../components/RuleChips';
import { PlayerContext } from '../../run/player/PlayerContext';
import { shallowEqual, usePlayerStatus, useRun, useSend } from '../../run/player/hooks';
import { viewOf } from '../../run/player/runView';
import type { Core } from '../../run/core/loadCore';
import { CompareDialog } from './CompareDialog';
import type { Lab, Replaced } from './labState';
import { REGISTRATION_MODES, SCENARIOS } from '../../sim/scenarios';
import { OutcomeBanner } from './OutcomeBanner';
import { Switch } from './Switch';
import { useAttackMarks } from '../../run/marks/useAttackMarks';
import { VariantChooser } from './VariantChooser';
import type { LabActions } from './useLabActions';
import { PARTIES } from '../../sim/parties';
import { AttackTimeNote } from './AttackTimeNote';
import { attackTime } from '../../run/revision/attackTime';
import type { AttackTime } from '../../run/revision/attackTime';
import { revisionOf } from '../../run/revision/config';
import type { Revision } from '../../sim/revisions/ids';

function RunState({
  attack,
  on,
  playable,
  onShowMessage,
}: {
  attack: AttackDef;
  on: boolean;
  /** False under a revision that cannot play the attack: no verdict then (the time note says why). */
  playable: boolean;
  onShowMessage: (seq: number) => void;
}) {
  const status = usePlayerStatus();
  const send = useSend();
  const { count, report, finished } = useRun((s) => {
    const view = viewOf(s);
    return { count: view.trace.length, report: view.attack, finished: view.finished };
  }, shallowEqual);
  const marks = useAttackMarks();

  if (!on) {
    return (
      <p className="lab-status">
        The attack is off: the run is the victim&apos;s normal flow, with no attacker. Switch it on to replay
        the same flow with the attacker&apos;s moves.
      </p>
    );
  }
  if (!playable) {
    return (
      <p className="lab-status">
        The attacker&apos;s moves need what this revision does not have, so this run gives no verdict. Switch
        the attack off, or run it under a revision that can play it.
      </p>
    );
  }
  if (finished && report?.id === attack.id) {
    return <OutcomeBanner attack={attack} report={report} marks={marks} onShowMessage={onShowMessage} />;
  }
  const text =
    status === 'loading'
      ? 'Starting the run…'
      : finished
        ? 'The run ended before the attacker could act.'
        : status === 'awaitingConsent'
          ? "The victim's browser shows a consent page: answer it in the browser window, or run to the end to let the victim decide."
          : count === 0
            ? 'Ready. Step through with Next (→) to watch every message, or run to the end for the verdict.'
            : `Message ${count} of the run. The verdict comes when the run ends.`;
  return (
    <div className="lab-status lab-status--pending">
      <p>{text}</p>
      {!finished && status !== 'loading' && (
        <button
          type="button"
          className="btn btn--primary btn--sm"
          onClick={() => send({ type: 'RUN_TO_END' })}
        >
          Run the attack to the end
        </button>
      )}
    </div>
  );
}

/**
 * The flow the attack rides on: the victim's scenario and registration, which the lab sets when
 * the attack is chosen. When that replaced the learner's own choice, it says so (issue 16).
 */
function VictimFlow({ attack, replaced }: { attack: AttackDef; replaced: Replaced | null }) {
  const { scenario, registration } = attack.victim;
  const changes = [
    replaced?.scenario ? `the scenario from ${SCENARIOS[replaced.scenario].title}` : '',
    replaced?.registration ? `the registration from ${REGISTRATION_MODES[replaced.registration].title}` : '',
  ].filter(Boolean);
  return (
    <p className={`lab__victim${changes.length ? ' lab__victim--changed' : ''}`} data-testid="victim-flow">
      <span className="lab__label">The victim&apos;s flow</span> {SCENARIOS[scenario].title} ·{' '}
      {REGISTRATION_MODES[registration].title}
      {changes.length > 0 && (
        <>
          <br />
          Choosing this attack changed {changes.join(' and ')} to the victim&apos;s.
        </>
      )}
    </p>
  );
}

function defenceHint(
  attack: AttackDef,
  on: boolean,
  defence: boolean,
  time: AttackTime,
  running: Revision,
): string {
  const skipped = attack.defence.vulnerabilities.map((v) => VULNERABILITIES[v].title).join('; ');
  // Before the rule's revision the honest parties do not have it: the switch cannot turn it on.
  const enforced = time.beforeRule
    ? `On, but ${running} does not have ${time.defence.join(', ')} yet: its parties do not enforce it.`
    : 'On: the rule is enforced.';
  const meaning = defence ? enforced : `Off: ${skipped}.`;
  return on ? meaning : `${meaning} Takes effect when the attack is on.`;
}

interface Props {
  attack: AttackDef;
  lab: Lab;
  core: Core;
  actions: LabActions;
  autoFocus: boolean;
  onShowMessage: (seq: number) => void;
}

export function AttackDetail({ attack, lab, core, actions, autoFocus, onShowMessage }: Props) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const config = PlayerContext.useSelector((s) => s.context.config);
  const [comparing, setComparing] = useState(false);
  const on = config.attack?.id === attack.id;
  const defence = (on ? config.attack?.defence : undefined) ?? lab.defence;
  const running = revisionOf(config);
  const time = attackTime(attack, running);

  useEffect(() => {
    if (autoFocus) heading.current?.focus();
  }, [autoFocus]);

  return (
    <div className="lab__attack" aria-labelledby={`${id}-title`} role="group">
      <p className="lab__meta">
        <span className={`lab-target lab-target--${attack.target}`}>
          Targets {PARTIES[attack.target].the}
        </span>
      </p>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1} className="lab__title">
        {attack.title}
      </h3>
      {attack.variants && (
        <VariantChooser
          variants={attack.variants}
          current={attack.variant}
          onChoose={(variant) => actions.setVariant(core.resolveAttack({ id: attack.id, variant }))}
        />
      )}
      <div className="lab__tries">
        <h4 className="lab__label">What the attacker tries</h4>
        <p>{attack.summary}</p>
      </div>
      <VictimFlow attack={attack} replaced={on ? lab.replaced : null} />
      <div className="lab__switches" role="group" aria-label="Switches for this attack">
        <Switch
          tone="attack"
          title="Attack"
          checked={on}
          // An attack the revision cannot play is not switched on (the time note says why); one a
          // link switched on can still be switched off.
          disabled={!on && time.unplayable !== null}
          onChange={(value) => actions.setAttackOn(attack, value)}
          label="The attacker plays her moves after the victim's flow"
        />
        <Switch
          tone="defence"
          title="Defence"
          checked={defence === 'on'}
          onChange={(value) => actions.setDefence(attack, value ? 'on' : 'off')}
          label={attack.defence.label}
          hint={defenceHint(attack, on, defence === 'on', time, running)}
        />
      </div>
      <AttackTimeNote attack={attack} running={running} />
      <RunState attack={attack} on={on} playable={!time.unplayable} onShowMessage={onShowMessage} />
      <div className="lab__footer">
        <button type="button" className="btn btn--sm" onClick={() => setComparing(true)}>
          <CompareIcon /> Compare defence off and on
        </button>
        <a className="lab__lesson" href={`#/lessons/${attack.lesson}`}>
          Read the lesson on this attack
        </a>
      </div>
      <RuleChips ids={attack.rules} label="Rules behind the defence" />
      {comparing && (
        <CompareDialog core={core} config={config} attack={attack} onClose={() => setComparing(false)} />
      )}
    </div>
  );
}

function CompareIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <rect x="3" y="4" width="7.5" height="16" rx="1.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <rect
        x="13.5"
        y="4"
        width="7.5"
        height="16"
        rx="1.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      />
    </svg>
  );
}
