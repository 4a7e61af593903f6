/**
 * At the end of every run, a recap in a few lines: what happened (how it ended, how far it went),
 * the rules that decided it, and where to go next (the lesson, its quiz, the attack that breaks this
 * flow). All of it read from the run's trace (src/sim/trace/recap.ts) and the simulator's own tables;
 * nothing is written per scenario. Read through PanelView, a frame after the last message.
 */
import { useMemo } from 'react';
import { RuleChips } from '../../components/RuleChips';
import { LESSONS } from '../../content/load';
import { getProgressStore, useProgress } from '../../course/useProgress';
import { useCore } from '../../run/core/useCore';
import { usePanelView } from '../../run/player/PanelView';
import { PlayerContext } from '../../run/player/PlayerContext';
import { SCENARIOS } from '../../sim/scenarios';
import { PHASES } from '../../sim/steps';
import { recapOf } from '../../sim/trace/recap';
import type { RuleVerdict } from '../../sim/trace/recap';
import { nextSteps } from './nextSteps';
import './recap.css';

const VERDICTS: Record<RuleVerdict, string> = {
  held: 'held',
  refused: 'refused a request',
  failed: 'a check failed',
  skipped: 'not enforced',
};

const ENDINGS = {
  success: 'went through',
  refused: 'was stopped by the client',
  denied: 'ended without a grant',
  failed: 'failed',
} as const;

export default function RunRecap() {
  const view = usePanelView();
  const config = PlayerContext.useSelector((s) => s.context.config);
  const { core } = useCore();
  const progress = useProgress(getProgressStore());
  const recap = useMemo(
    () => (view.finished && view.outcome ? recapOf(view.trace, view.outcome) : null),
    [view.finished, view.outcome, view.trace],
  );
  const next = useMemo(
    () =>
      recap && core
        ? nextSteps(recap, config, LESSONS, core.ATTACK_LIST, new Set(Object.keys(progress.lessons)))
        : null,
    [recap, core, config, progress.lessons],
  );
  if (!recap || !view.outcome) return null;

  const decisive = recap.decided.filter((d) => d.verdict !== 'held');
  const held = recap.decided.filter((d) => d.verdict === 'held').map((d) => d.rule);
  const phases = recap.phases.map((p) => PHASES.find((x) => x.id === p)?.label ?? p).join(' → ');
  const report = view.attack;
  const ending = core ? core.outcomeTitle(view.outcome) : null;

  return (
    <section className="panel recap" aria-labelledby="recap-title" data-testid="recap">
      <h2 id="recap-title" className="recap__title">
        Recap
      </h2>
      <p>
        <strong>{SCENARIOS[config.scenario].title}</strong> {ENDINGS[recap.outcome]}
        {ending ? ` (${ending})` : ''} in {recap.messages} messages, {recap.requests} of them requests:{' '}
        {phases}.
      </p>
      {report ? (
        <p className={`recap__attack recap__attack--${report.attackerWon ? 'won' : 'stopped'}`}>
          {report.attackerWon
            ? 'The attacker got what she came for: the defence was off.'
            : report.stoppedAt
              ? `The attacker was stopped at message ${report.stoppedAt.seq + 1}${report.stoppedAt.rule ? ` by ${report.stoppedAt.rule}` : ''}.`
              : 'The attacker got nothing.'}
        </p>
      ) : null}
      {decisive.length > 0 ? (
        <ul className="recap__decisive" aria-label="Rules that decided it">
          {decisive.slice(0, 4).map((d) => (
            <li key={d.rule}>
              <strong>{d.rule}</strong> {VERDICTS[d.verdict]} (message {d.seq + 1})
            </li>
          ))}
        </ul>
      ) : null}
      {held.length > 0 ? (
        <details className="recap__held">
          <summary>
            {held.length} {held.length === 1 ? 'rule' : 'rules'} checked and held:{' '}
            {held.slice(0, 6).join(', ')}
            {held.length > 6 ? ', …' : ''}
          </summary>
          <RuleChips ids={held} label="Checks that held" />
        </details>
      ) : null}
      {next ? (
        <p className="recap__next">
          <span className="recap__label">Next:</span>{' '}
          {next.lesson ? (
            <>
              <a href={`#/lessons/${next.lesson.id}`}>the lesson “{next.lesson.title}”</a>,{' '}
              <a href={`#/quiz/${next.lesson.id}`}>its quiz</a>
            </>
          ) : null}
          {next.lesson && next.attack ? ', or ' : null}
          {next.attack ? (
            <a href={next.attack.href}>
              {report
                ? `the same attack with the defence ${next.attack.defence}`
                : `the attack that breaks this flow: ${next.attack.title}`}
            </a>
          ) : null}
          .
        </p>
      ) : null}
    </section>
  );
}
