/**
 * The end of an attack run, read from the run's own report (never written in advance): whether the
 * attacker won, the evidence, what just happened, and the rule that stops it, with a button that
 * selects the decisive message (where the defence stopped her, or where she stole the artefact).
 */
import { useEffect, useId, useRef } from 'react';
import type { AttackReport } from '../../sim/attacks/run';
import type { AttackDef } from '../../sim/attacks/types';
import { RULES } from '../../sim/rules';
import type { RuleId } from '../../sim/rules';
import { InlineCode } from '../../components/InlineCode';
import { defenceRules, firstTheft, outcomeHeadline } from '../../run/marks/marks';
import type { AttackMarks } from '../../run/marks/marks';
import { scrollWithin } from './scroll';
import { PARTIES } from '../../sim/parties';

export function RuleText({ id }: { id: RuleId }) {
  const rule = RULES[id];
  return (
    <>
      <span className="lab-rule__id">{id}</span>{' '}
      <span className="lab-rule__meta">
        {PARTIES[rule.party].name} · {rule.level}
      </span>{' '}
      <span className="lab-rule__text">
        <InlineCode text={rule.text} />
      </span>
    </>
  );
}

export function OutcomeIcon({ won }: { won: boolean }) {
  return (
    <svg className="lab-outcome__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
      {won ? (
        // An open padlock: the attacker got in.
        <>
          <rect x="4" y="11" width="16" height="10" rx="2" fill="currentColor" />
          <path d="M8 11V7a4 4 0 0 1 7.6-1.7" fill="none" stroke="currentColor" strokeWidth="2.2" />
        </>
      ) : (
        // A shield with a tick: the defence held.
        <>
          <path d="M12 2l8 3v6c0 5-3.4 9.4-8 11-4.6-1.6-8-6-8-11V5z" fill="currentColor" />
          <path
            d="M8 12l3 3 5-6"
            fill="none"
            stroke="var(--surface)"
            strokeWidth="2.4"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </>
      )}
    </svg>
  );
}

interface Props {
  attack: AttackDef;
  report: AttackReport;
  marks: AttackMarks;
  onShowMessage: (seq: number) => void;
}

export function OutcomeBanner({ attack, report, marks, onShowMessage }: Props) {
  const id = useId();
  const won = report.attackerWon;
  const stop = report.stoppedAt;
  const rules: RuleId[] = stop?.rule ? [stop.rule] : defenceRules(attack.defence.vulnerabilities);
  const decisive = won ? firstTheft(marks) : (stop?.seq ?? null);
  const ref = useRef<HTMLElement>(null);
  // The verdict arrives at the end of the run: bring it into the lab's view (once, when it appears).
  useEffect(() => {
    const banner = ref.current;
    scrollWithin(banner?.closest('.lab__body') ?? null, banner, 'top');
  }, []);
  return (
    <section
      ref={ref}
      className={`lab-outcome lab-outcome--${won ? 'won' : 'stopped'}`}
      aria-labelledby={`${id}-head`}
      data-testid="attack-outcome"
    >
      <h4 id={`${id}-head`} className="lab-outcome__head">
        <OutcomeIcon won={won} />
        <span>{outcomeHeadline(report)}</span>
      </h4>
      <p className="lab-outcome__evidence">{report.evidence}</p>
      <h5 className="lab-outcome__label">What just happened</h5>
      <p className="lab-outcome__text">{won ? attack.explain.vulnerable : attack.explain.defended}</p>
      <h5 className="lab-outcome__label">
        {won
          ? `The rule that would have stopped it (${PARTIES[attack.target].the} skipped it)`
          : 'The rule that stops it'}
      </h5>
      <ul className="lab-rules">
        {rules.map((rule) => (
          <li key={rule} className="lab-rule">
            <RuleText id={rule} />
          </li>
        ))}
      </ul>
      {decisive !== null && (
        <div className="lab-outcome__actions">
          <button type="button" className="btn btn--sm" onClick={() => onShowMessage(decisive)}>
            {won ? `Show the theft (message ${decisive + 1})` : `Show message ${decisive + 1}`}
          </button>
        </div>
      )}
    </section>
  );
}
