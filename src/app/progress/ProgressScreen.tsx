/**
 * `#/progress` and `#/review`: the progress page (the progress feature) and today's review (the
 * quiz feature asks the questions), both over the one progress store.
 */
import type { Navigate } from '../../components/HashLink';
import type { OnProgress } from '../../course/progress';
import { getProgressStore } from '../../course/useProgress';
import { ProgressPage } from '../../features/progress/ProgressPage';
import { ReviewRunner } from '../../features/quiz/ReviewRunner';

interface ProgressScreenProps {
  view: 'progress' | 'review';
  navigate: Navigate;
  onProgress?: OnProgress | undefined;
}

export default function ProgressScreen({ view, navigate, onProgress }: ProgressScreenProps) {
  const store = getProgressStore();
  return view === 'review' ? (
    <ReviewRunner store={store} navigate={navigate} onProgress={onProgress} />
  ) : (
    <ProgressPage store={store} navigate={navigate} />
  );
}
