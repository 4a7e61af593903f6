/** Mastery by lesson (its rules, counted by level) and by rule (each rule, its level and evidence). */
import { HashLink, type Navigate } from '../../components/HashLink';
import { InlineCode } from '../../components/InlineCode';
import { LESSONS } from '../../content/load';
import type { StoredProgress } from '../../course/progress';
import { lessonStatus } from '../../course/progress';
import { byLevel, ruleMastery } from '../../course/mastery';
import type { Mastery } from '../../course/mastery';
import { PARTIES, RULE_PARTIES } from '../../sim/parties';
import { isRuleId, RULES } from '../../sim/rules';

const LEVEL_TEXT: Record<Mastery, string> = {
  mastered: 'Mastered',
  learning: 'Learning',
  'needs-work': 'Needs another look',
  unseen: 'Not yet answered',
};

const LEVELS: readonly Mastery[] = ['mastered', 'learning', 'needs-work', 'unseen'];

const STATUS_TEXT = { 'not-started': 'Not started', read: 'Read', 'quiz-passed': 'Quiz passed' } as const;

export function LessonMastery({ progress, navigate }: { progress: StoredProgress; navigate: Navigate }) {
  return (
    <section aria-labelledby="by-lesson">
      <h2 id="by-lesson">By lesson</h2>
      {/* On a phone the table is wider than the screen: it scrolls in its own box, reachable by keyboard. */}
      <div className="progress-scroll" role="region" aria-label="By lesson (scrolls sideways)" tabIndex={0}>
        <table className="progress-table">
          <thead>
            <tr>
              <th scope="col">Lesson</th>
              <th scope="col">Status</th>
              {LEVELS.map((level) => (
                <th scope="col" key={level} className="progress-table__num">
                  {LEVEL_TEXT[level]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {LESSONS.map((lesson) => {
              const levels = byLevel(progress, lesson.rules.filter(isRuleId));
              return (
                <tr key={lesson.id}>
                  <th scope="row">
                    <HashLink href={`#/lessons/${lesson.id}`} navigate={navigate}>
                      {lesson.order}. {lesson.title}
                    </HashLink>
                  </th>
                  <td>{STATUS_TEXT[lessonStatus(progress, lesson.id)]}</td>
                  {LEVELS.map((level) => (
                    <td key={level} className={`progress-table__num mastery--${level}`}>
                      {levels[level].length > 0 ? (
                        <span title={levels[level].join(', ')}>{levels[level].length}</span>
                      ) : (
                        <span aria-label="none">·</span>
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function RuleTable({ progress }: { progress: StoredProgress }) {
  const rules = Object.keys(RULES).filter(isRuleId);
  return (
    <section aria-labelledby="by-rule">
      <h2 id="by-rule">By rule</h2>
      <p className="progress-page__note">
        A rule is mastered after three answers about it, the latest right and four in five of the recent ones
        right; the latest answer wrong, it needs another look.
      </p>
      {RULE_PARTIES.map((party) => {
        const answered = rules.filter(
          (r) => RULES[r].party === party && (progress.rules?.[r]?.length ?? 0) > 0,
        );
        const count = rules.filter((r) => RULES[r].party === party).length;
        return (
          <details key={party} className="progress-rules" open={answered.length > 0}>
            <summary>
              {PARTIES[party].name} rules: {answered.length} of {count} answered
            </summary>
            <table className="progress-table">
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">What it says</th>
                  <th scope="col">Mastery</th>
                  <th scope="col" className="progress-table__num">
                    Right
                  </th>
                  <th scope="col">From</th>
                </tr>
              </thead>
              <tbody>
                {rules
                  .filter((r) => RULES[r].party === party)
                  .map((r) => {
                    const m = ruleMastery(progress, r);
                    const from = (['quiz', 'predict', 'drill'] as const)
                      .filter((source) => m.from[source] > 0)
                      .map(
                        (source) =>
                          `${m.from[source]} ${source === 'predict' ? 'prediction' : source}${m.from[source] > 1 ? 's' : ''}`,
                      )
                      .join(', ');
                    return (
                      <tr key={r}>
                        <th scope="row">{r}</th>
                        <td className="progress-table__text">
                          <InlineCode text={RULES[r].text} />
                        </td>
                        <td className={`mastery mastery--${m.mastery}`}>{LEVEL_TEXT[m.mastery]}</td>
                        <td className="progress-table__num">
                          {m.answers > 0 ? `${m.right}/${m.answers}` : '·'}
                        </td>
                        <td>{from || '·'}</td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </details>
        );
      })}
    </section>
  );
}
