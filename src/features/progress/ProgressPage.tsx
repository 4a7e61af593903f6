/**
 * `#/progress`: what the learner has, by lesson and by rule, read from the evidence the progress
 * store keeps (quiz answers, predictions, drills: course/mastery.ts), today's review, and the file
 * that carries it all to another computer.
 */
import { HashLink, type Navigate } from '../../components/HashLink';
import { LESSONS } from '../../content/load';
import type { ProgressStore } from '../../course/progress';
import { lessonStatus, quizPassed } from '../../course/progress';
import { ProgressMessages, ResetProgress } from '../../course/ProgressControls';
import { byLevel } from '../../course/mastery';
import { dueQuestions, nextDue } from '../../course/review';
import { useProgress } from '../../course/useProgress';
import { isRuleId, RULES } from '../../sim/rules';
import type { RuleId } from '../../sim/rules';
import { FAULT_IDS } from '../../sim/practice/faults';
import { KeepIt } from './KeepIt';
import { LessonMastery, RuleTable } from './MasteryTables';
import '../../course/course.css';
import './progress.css';

interface ProgressPageProps {
  store: ProgressStore;
  navigate: Navigate;
  now?: () => number;
}

const ALL_RULES = Object.keys(RULES).filter(isRuleId);

/** "PKCE (C-26) and the audience rule (S-06)": rule ids with their words, short. */
function ruleList(rules: readonly RuleId[], max = 4): string {
  const shown = rules.slice(0, max).map(
    (r) =>
      `${r} (${RULES[r].text
        .replace(/`/g, '')
        .split(/[;.:(]/)[0]
        ?.trim()})`,
  );
  const more = rules.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

export function ProgressPage({ store, navigate, now = Date.now }: ProgressPageProps) {
  const progress = useProgress(store);
  const at = now();
  const due = dueQuestions(progress.reviews, at, Number.POSITIVE_INFINITY);
  const upcoming = nextDue(progress.reviews, at);
  const levels = byLevel(progress, ALL_RULES);
  const read = LESSONS.filter((l) => lessonStatus(progress, l.id) !== 'not-started').length;
  const passed = LESSONS.filter((l) => quizPassed(progress, l.id)).length;
  const solved = Object.values(progress.drills ?? {}).filter((d) => d.solved).length;
  const predictions = progress.predictions;
  return (
    <section className="lq progress-page" aria-labelledby="progress-title">
      <h1 id="progress-title">Your progress</h1>
      <ProgressMessages store={store} />

      <section className="progress-page__review" aria-labelledby="review-heading">
        <h2 id="review-heading">Today’s review</h2>
        {due.length > 0 ? (
          <p className="lq-actions">
            <span>
              {due.length} {due.length === 1 ? 'question you missed is' : 'questions you missed are'} due
              again.
            </span>
            <HashLink className="lq-button" href="#/review" navigate={navigate}>
              Start today’s review
            </HashLink>
          </p>
        ) : (
          <p>
            Nothing due today. Questions you miss in a quiz come back after 1 day, then 3, then 7.
            {upcoming !== null ? ` Next: ${new Date(upcoming).toLocaleDateString()}.` : ''}
          </p>
        )}
      </section>

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">In short</h2>
        <ul className="progress-page__summary">
          <li>
            <strong>{read}</strong> of {LESSONS.length} lessons read, <strong>{passed}</strong> quizzes passed
          </li>
          <li>
            <strong>{solved}</strong> of {FAULT_IDS.length} kinds of broken server diagnosed (
            <HashLink href="#/practice" navigate={navigate}>
              practice
            </HashLink>
            )
          </li>
          <li>
            {predictions ? (
              <>
                <strong>{predictions.correct}</strong> of {predictions.answered} predictions right
              </>
            ) : (
              <>No predictions yet: switch on Predict in the simulator</>
            )}
          </li>
        </ul>
        <p className="progress-page__headline">
          {levels.mastered.length > 0 ? `You have ${ruleList(levels.mastered)}. ` : ''}
          {levels['needs-work'].length > 0
            ? `${ruleList(levels['needs-work'])} ${levels['needs-work'].length === 1 ? 'needs' : 'need'} another look.`
            : levels.mastered.length === 0
              ? 'Answer quiz questions, predictions or drills, and what you know shows here, rule by rule.'
              : ''}
        </p>
      </section>

      <LessonMastery progress={progress} navigate={navigate} />
      <RuleTable progress={progress} />
      <KeepIt store={store} />
      <ResetProgress store={store} />
    </section>
  );
}
