/**
 * The simulator's progress events for an embedding page (events.ts): a `step` event whenever the
 * run rests at a new position, and `attack-completed` once an attack run has its verdict. Renders
 * nothing; does nothing outside a frame. Needs the player above it.
 */
import { useEffect, useMemo, useRef } from 'react';
import { PlayerContext } from '../../run/player/PlayerContext';
import { useRun, useView } from '../../run/player/hooks';
import { isStopped } from '../../sim/flow/runView';
import { eventPart, stepText } from '../../run/trace/describe';
import { useViewOptions } from '../../run/view/ViewContext';
import { isFramed, postEmbedEvent } from './events';
import type { RunInfo } from './events';
import { learningWanted, reportLearning } from '../../course/learning';

/**
 * Outside a frame there is no one to tell, unless a learning platform launched the app (features/lms):
 * otherwise nothing subscribes to the run, nothing renders on a step.
 */
export function EmbedEvents() {
  return isFramed() || learningWanted() ? <FramedEmbedEvents /> : null;
}

function FramedEmbedEvents() {
  const { parentOrigin } = useViewOptions().view;
  const config = PlayerContext.useSelector((s) => s.context.config);
  const view = useView();
  // At rest: the run stands still (waiting for Next or consent, or ended), not on its way somewhere.
  const ready = PlayerContext.useSelector((s) => s.matches('ready'));
  const resting = useRun((s) => s !== undefined && isStopped(s)) && ready;
  const run = useMemo<RunInfo>(
    () => ({
      scenario: config.scenario,
      registration: config.registration,
      seed: config.seed,
      attack: config.attack ? { ...config.attack } : null,
    }),
    [config],
  );

  // The same position can be shown twice (the consent window opening on it): one event per position.
  const lastSent = useRef('');
  useEffect(() => {
    if (!resting) return;
    const key = JSON.stringify([run, view.trace.length, view.finished]);
    if (key === lastSent.current) return;
    lastSent.current = key;
    const last = view.trace.at(-1);
    postEmbedEvent(
      {
        type: 'step',
        run,
        step: view.trace.length,
        message: last
          ? { number: last.seq + 1, stepId: last.stepId, part: eventPart(last), title: stepText(last).title }
          : null,
        finished: view.finished,
        outcome: view.finished ? (view.outcome?.kind ?? null) : null,
      },
      parentOrigin,
    );
    if (view.finished && view.outcome && run.attack === null) {
      const { scenario, registration } = run;
      reportLearning({ type: 'run-finished', scenario, registration, outcome: view.outcome.kind });
    }
  }, [resting, view, run, parentOrigin]);

  const report = view.attack;
  useEffect(() => {
    if (!report) return;
    postEmbedEvent(
      {
        type: 'attack-completed',
        run,
        attack: report.id,
        defence: report.defence,
        attackerWon: report.attackerWon,
        // The report's evidence text may quote values from the run: it is not sent.
        stoppedAt: report.stoppedAt
          ? { message: report.stoppedAt.seq + 1, rule: report.stoppedAt.rule ?? null }
          : null,
      },
      parentOrigin,
    );
    reportLearning({
      type: 'attack-finished',
      attack: report.id,
      defence: report.defence,
      attackerWon: report.attackerWon,
      stoppedBy: report.stoppedAt?.rule ?? null,
    });
  }, [report, run, parentOrigin]);

  return null;
}
