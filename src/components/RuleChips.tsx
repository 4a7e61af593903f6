/**
 * Rule IDs as buttons; pressing one shows the rule's text from the reference (RULES), so the
 * learner can see exactly which MUST a step is about without leaving the screen. One panel below
 * the chips shows the rule pressed (the step explainer, the inspector's notes, the attack lab);
 * a lesson page lists its rules with its own disclosure chips (features/lessons/LessonRules.tsx).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { RULES, isRuleId } from '../sim/rules';
import type { RuleId } from '../sim/rules';
import { InlineCode } from './InlineCode';
import { PARTIES } from '../sim/parties';

export function RuleChips({ ids, label = 'Rules' }: { ids: readonly string[]; label?: string }) {
  const [open, setOpen] = useState<RuleId | null>(null);
  const panelId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const rules = ids.filter(isRuleId);
  const shown = open && rules.includes(open) ? open : null;
  // The rule opens below the chips, often below the bottom of a scrolling panel: bring it into view.
  useEffect(() => {
    if (shown) panel.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shown]);
  if (rules.length === 0) return null;
  const rule = shown ? RULES[shown] : null;
  return (
    <div className="rules">
      <span className="rules__label">{label}</span>
      <ul className="rules__list">
        {rules.map((id) => (
          <li key={id}>
            <button
              type="button"
              className="chip"
              aria-expanded={shown === id}
              aria-controls={panelId}
              onClick={() => setOpen(shown === id ? null : id)}
            >
              {id}
            </button>
          </li>
        ))}
      </ul>
      <div id={panelId} ref={panel} className="rules__panel" hidden={!rule}>
        {rule && shown && (
          <>
            <p className="rules__head">
              <strong>{shown}</strong> · {PARTIES[rule.party].name} ·{' '}
              <span className="rules__level">{rule.level}</span>
            </p>
            <p className="rules__text">
              <InlineCode text={rule.text} />
            </p>
            <p className="rules__source">
              {rule.base} · MCP spec {rule.source}
            </p>
          </>
        )}
      </div>
    </div>
  );
}
