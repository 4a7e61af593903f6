/**
 * The rules a lesson teaches, as chips: the id on the chip, the rule's text on hover (title) and in
 * a details element that opens with Enter or Space, so it works with a keyboard and a screen reader.
 * Unlike the simulator's RuleChips (src/components), each chip opens on its own, in place, and the
 * rule's text is rendered as Markdown with the lesson's links: a page is read, not stepped through.
 */
import { useId } from 'react';
import { PARTIES } from '../../sim/parties';
import { RULES, isRuleId } from '../../sim/rules';
import type { Navigate } from '../../components/HashLink';
import { InlineMarkdown } from '../../course/markdown/Markdown';

export function LessonRules({ rules, navigate }: { rules: readonly string[]; navigate: Navigate }) {
  const headingId = useId();
  const known = rules.filter(isRuleId);
  if (known.length === 0) return null;
  return (
    <section className="rule-chips" aria-labelledby={headingId}>
      <h2 id={headingId} className="rule-chips__title">
        Rules in this lesson
      </h2>
      <ul className="rule-chips__list">
        {known.map((id) => {
          const rule = RULES[id];
          return (
            <li key={id}>
              <details className={`rule-chip rule-chip--${rule.party}`}>
                <summary title={`${rule.level}: ${rule.text.replace(/`/g, '')}`}>
                  {id}
                  <span className="lq-visually-hidden">, {PARTIES[rule.party].name} rule</span>
                </summary>
                <div className="rule-chip__body">
                  <p className="rule-chip__meta">
                    <strong>{rule.level}</strong> · {PARTIES[rule.party].name} · {rule.base}
                  </p>
                  <p>
                    <InlineMarkdown source={rule.text} navigate={navigate} />
                  </p>
                </div>
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
