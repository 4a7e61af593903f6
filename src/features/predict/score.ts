/** Predictions answered in one run, and their score per phase of the flow. */
import { PHASES } from '../../sim/steps';
import type { Phase } from '../../sim/steps';
import type { Prediction } from '../../sim/predict/questions';

export interface Answered {
  prediction: Prediction;
  /** The option the learner chose; null when they went on without answering (skipped). */
  chosen: string | null;
  correct: boolean;
}

export type Answers = Readonly<Record<number, Answered>>;

export function phaseLabel(phase: Phase): string {
  return PHASES.find((p) => p.id === phase)?.label ?? 'Attack';
}

export interface Score {
  correct: number;
  total: number;
  skipped: number;
  phases: { phase: Phase; correct: number; total: number }[];
}

/** The score: answered questions right of answered, skipped apart, and per phase in the flow's order. */
export function scoreOf(answers: Answers): Score {
  const order: Phase[] = [...PHASES.map((p) => p.id), 'attack'];
  const all = Object.values(answers);
  const answered = all.filter((a) => a.chosen !== null);
  return {
    correct: answered.filter((a) => a.correct).length,
    total: answered.length,
    skipped: all.length - answered.length,
    phases: order.flatMap((phase) => {
      const here = answered.filter((a) => a.prediction.phase === phase);
      return here.length > 0
        ? [{ phase, correct: here.filter((a) => a.correct).length, total: here.length }]
        : [];
    }),
  };
}
