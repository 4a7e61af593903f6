import type { LessonStatus } from '../../course/progress';

const LABELS: Record<LessonStatus, string> = {
  'not-started': 'Not started',
  read: 'Read',
  'quiz-passed': 'Quiz passed',
};

/** A lesson's progress in words (never colour alone). */
export function StatusBadge({ status }: { status: LessonStatus }) {
  const modifier = status === 'quiz-passed' ? ' lq-badge--passed' : status === 'read' ? ' lq-badge--read' : '';
  return (
    <span className={`lq-badge${modifier}`}>
      {status === 'quiz-passed' ? '✓ ' : ''}
      {LABELS[status]}
    </span>
  );
}
