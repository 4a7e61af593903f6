/**
 * A drill, beside the simulator that runs its world: the learner runs the flow, reads the messages
 * and the checks, then names the party and the rule that is broken. Three hints, each narrower,
 * and a reveal with the fix. Nothing here knows the answer but `judgeDiagnosis`, which reads it from
 * the fault's vulnerability. Each try is kept in the progress store (per seed); the end of the drill
 * (solved, or revealed) is evidence for the rule and is reported to an embedding page.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { HashLink } from '../../components/HashLink';
import type { Navigate } from '../../components/HashLink';
import { InlineCode } from '../../components/InlineCode';
import type { OnProgress, ProgressStore } from '../../course/progress';
import { useProgress } from '../../course/useProgress';
import { PARTIES } from '../../sim/parties';
import type { RuleParty } from '../../sim/parties';
import { judgeDiagnosis, rulesOf } from '../../sim/practice/answer';
import type { Verdict } from '../../sim/practice/answer';
import { expectedAnswer } from '../../sim/practice/drills';
import type { Drill } from '../../sim/practice/drills';
import { FAULTS } from '../../sim/practice/faults';
import { isRuleId, RULES } from '../../sim/rules';
import type { RuleId } from '../../sim/rules';
import './practice.css';

const PARTY_CHOICES: readonly RuleParty[] = ['client', 'mcp', 'as'];

interface DrillPanelProps {
  drill: Drill;
  store: ProgressStore;
  navigate: Navigate;
  onProgress?: OnProgress | undefined;
  /** Opens another drill (a fresh random seed). */
  newDrillHref: string;
}

const VERDICT_TEXT: Record<Exclude<Verdict, 'right'>, string> = {
  'right-party': 'That is the right party, but another of its rules. Look again at what it sent or checked.',
  wrong: 'Not that party: what it did follows the rules here. Look at who sent the message that went wrong.',
};

function isParty(value: string): value is RuleParty {
  return PARTY_CHOICES.some((p) => p === value);
}

export function DrillPanel({ drill, store, navigate, onProgress, newDrillHref }: DrillPanelProps) {
  const def = FAULTS[drill.fault];
  const expected = expectedAnswer(drill.fault);
  const before = useProgress(store).drills?.[drill.seed];
  const [party, setParty] = useState<RuleParty | null>(null);
  const [rule, setRule] = useState<RuleId | ''>('');
  const [hints, setHints] = useState(0);
  const [attempts, setAttempts] = useState(0);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [revealed, setRevealed] = useState(false);
  const reported = useRef(false);
  const answerRef = useRef<HTMLDivElement>(null);
  const id = useId();

  const solved = verdict === 'right';
  const ended = solved || revealed;

  /** Keeps this try (per seed), and at its end reports it once: evidence, and the embedding page. */
  const save = (next: { attempts: number; hints: number; solved: boolean; revealed: boolean }) => {
    const done = next.solved || next.revealed;
    store.recordDrill(
      drill.seed,
      { fault: drill.fault, ...next, revealed: next.revealed && !next.solved },
      done ? expected.rule : null,
    );
    if (!done || reported.current) return;
    reported.current = true;
    onProgress?.({
      type: 'drill-completed',
      drill: drill.seed,
      fault: drill.fault,
      party: expected.party,
      rule: expected.rule,
      solved: next.solved,
      hints: next.hints,
      attempts: next.attempts,
    });
  };

  useEffect(() => {
    if (ended) answerRef.current?.focus();
  }, [ended]);

  const check = (event: FormEvent) => {
    event.preventDefault();
    if (party === null || rule === '' || ended) return;
    const judged = judgeDiagnosis(drill.fault, { party, rule });
    setAttempts(attempts + 1);
    setVerdict(judged);
    save({ attempts: attempts + 1, hints, solved: judged === 'right', revealed: false });
  };

  const hint = () => {
    if (ended || hints >= 3) return;
    setHints(hints + 1);
    save({ attempts, hints: hints + 1, solved: false, revealed: false });
  };

  const reveal = () => {
    if (ended) return;
    setRevealed(true);
    save({ attempts, hints, solved: false, revealed: true });
  };

  return (
    <section className="panel drill" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="drill__title">
        {drill.number !== null ? `Drill ${drill.number}` : `Drill “${drill.seed}”`}
        <span className="drill__tag">one hidden fault</span>
      </h2>
      <p className="drill__intro">
        Something in this world breaks a rule. Run the flow (Next, or →), open the messages and the parties’
        checks, then name who breaks which rule.
      </p>
      {before && (before.solved || before.revealed) && !ended ? (
        <p className="drill__note">
          You {before.solved ? 'solved' : 'saw the answer to'} this drill before. Try it again?
        </p>
      ) : null}

      <form className="drill__form" onSubmit={check} aria-describedby={`${id}-feedback`}>
        <fieldset className="drill__parties" disabled={ended}>
          <legend>Who breaks a rule?</legend>
          {PARTY_CHOICES.map((p) => (
            <label key={p} className="drill__party">
              <input
                type="radio"
                name={`${id}-party`}
                value={p}
                checked={party === p}
                onChange={(e) => {
                  if (!isParty(e.target.value)) return;
                  setParty(e.target.value);
                  setRule('');
                  setVerdict(null);
                }}
              />
              {PARTIES[p].name}
            </label>
          ))}
        </fieldset>
        <label className="drill__rule">
          <span>Which of its rules?</span>
          <select
            value={rule}
            disabled={party === null || ended}
            onChange={(e) => {
              const value = e.target.value;
              setRule(isRuleId(value) && RULES[value].party === party ? value : '');
              setVerdict(null);
            }}
          >
            <option value="">{party === null ? 'Choose a party first' : 'Choose a rule'}</option>
            {party !== null
              ? rulesOf(party).map((r) => (
                  <option key={r} value={r}>
                    {r} ({RULES[r].level}): {RULES[r].text.replace(/`/g, '')}
                  </option>
                ))
              : null}
          </select>
        </label>
        <div className="drill__actions">
          <button
            type="submit"
            className="btn btn--primary"
            aria-disabled={party === null || rule === '' || ended}
          >
            Check
          </button>
          <button type="button" className="btn" aria-disabled={hints >= 3 || ended} onClick={hint}>
            {hints >= 3 ? 'No more hints' : `Hint ${hints + 1} of 3`}
          </button>
          <button type="button" className="btn btn--ghost" aria-disabled={ended} onClick={reveal}>
            Show the answer
          </button>
        </div>
      </form>

      <div id={`${id}-feedback`} role="status" className="drill__feedback">
        {verdict !== null && verdict !== 'right' ? (
          <p className={`drill__verdict drill__verdict--${verdict}`}>{VERDICT_TEXT[verdict]}</p>
        ) : null}
      </div>

      {hints > 0 ? (
        <ol className="drill__hints" aria-label="Hints">
          {def.hints.slice(0, hints).map((hint) => (
            <li key={hint}>{hint}</li>
          ))}
        </ol>
      ) : null}

      {ended ? (
        <div className="drill__answer" ref={answerRef} tabIndex={-1} aria-labelledby={`${id}-answer`}>
          <h3 id={`${id}-answer`}>
            {solved ? 'Found it: ' : 'The answer: '}
            {PARTIES[expected.party].the} breaks {expected.rule}
          </h3>
          <p className="drill__rule-text">
            <strong>
              {expected.rule} ({RULES[expected.rule].level})
            </strong>{' '}
            <InlineCode text={RULES[expected.rule].text} />
          </p>
          <p>{def.fix}</p>
          {'seenIn' in def ? (
            <p className="drill__seen">
              Seen in the wild:{' '}
              <a href={def.seenIn.url} target="_blank" rel="noopener noreferrer">
                {def.seenIn.title}
                <span className="visually-hidden"> (new tab)</span>
              </a>
            </p>
          ) : null}
          <p className="drill__score">
            {solved
              ? `Solved in ${attempts} ${attempts === 1 ? 'try' : 'tries'} with ${hints} ${hints === 1 ? 'hint' : 'hints'}.`
              : 'Revealed: it comes back in your progress as a rule to look at again.'}
          </p>
          <p className="drill__next">
            <HashLink className="btn btn--primary" href={newDrillHref} navigate={navigate}>
              Another drill
            </HashLink>{' '}
            <HashLink className="btn" href={`#/lessons/${def.lesson}`} navigate={navigate}>
              The lesson on this rule
            </HashLink>{' '}
            <HashLink className="btn btn--ghost" href="#/practice" navigate={navigate}>
              All drills
            </HashLink>
          </p>
        </div>
      ) : null}
    </section>
  );
}
