/**
 * Picks the screen for a route. Every screen is a chunk of its own, loaded when first visited, so
 * the first paint carries only the shell: the simulator too (simRoute.ts), behind a skeleton of its
 * layout; lessons and quiz keep their content and parser out of it.
 */
import { lazy, Suspense } from 'react';
import { useDeferred } from '../components/deferred';
import { ComingSoon } from './ComingSoon';
import type { OnProgress } from '../course/progress';
import { navigate as goTo, quizAddress } from './router';
import type { Route } from './router';
import { simRouteModule } from './simRoute';
import { plainStart } from './simulator/plainStart';
import { SimSkeleton } from './simulator/SimSkeleton';

const LessonsRoute = lazy(() => import('../features/lessons/LessonsRoute'));
const QuizRoute = lazy(() => import('../features/quiz/QuizRoute'));
const PresenterNotesRoute = lazy(() => import('../features/presenter/PresenterNotesRoute'));
const HarScreen = lazy(() => import('./har/HarScreen'));
const PracticeScreen = lazy(() => import('./practice/PracticeScreen'));
const ProgressScreen = lazy(() => import('./progress/ProgressScreen'));
const TimeMachineRoute = lazy(() => import('../features/revisions/TimeMachineRoute'));

function Loading() {
  return <p className="route-loading">Loading…</p>;
}

interface ScreenProps {
  route: Route;
  /** How in-app links navigate (the shell keeps the embedding switches on them). */
  navigate?: (hash: string) => void;
  /** Lesson and quiz progress (the shell forwards it to an embedding page). */
  onProgress?: OnProgress;
}

function LazySimRoute({ query, onProgress }: { query: string; onProgress?: OnProgress | undefined }) {
  const module = useDeferred(simRouteModule);
  return module ? (
    <module.SimRoute query={query} onProgress={onProgress} />
  ) : (
    <SimSkeleton start={plainStart(query)} />
  );
}

export function Screen({ route, navigate = goTo, onProgress }: ScreenProps) {
  switch (route.name) {
    case 'sim':
      return <LazySimRoute query={route.query} onProgress={onProgress} />;
    case 'lessons':
      return (
        <Suspense fallback={<Loading />}>
          <div className="route-page">
            <LessonsRoute
              navigate={navigate}
              onProgress={onProgress}
              {...(route.id ? { lessonId: route.id } : {})}
            />
          </div>
        </Suspense>
      );
    case 'quiz':
      return (
        <Suspense fallback={<Loading />}>
          <div className="route-page">
            <QuizRoute
              navigate={navigate}
              onProgress={onProgress}
              address={quizAddress}
              {...(route.id ? { lessonId: route.id } : {})}
              {...(route.question ? { questionId: route.question } : {})}
            />
          </div>
        </Suspense>
      );
    case 'presenter-notes':
      return (
        <Suspense fallback={<Loading />}>
          <PresenterNotesRoute query={route.query} />
        </Suspense>
      );
    case 'har':
      return (
        <Suspense fallback={<Loading />}>
          <HarScreen key={route.url ?? ''} url={route.url} />
        </Suspense>
      );
    case 'practice':
      return (
        <Suspense fallback={<Loading />}>
          {/* Keyed by seed: another drill is a fresh player and panel. */}
          <PracticeScreen
            key={route.seed ?? ''}
            seed={route.seed}
            navigate={navigate}
            onProgress={onProgress}
          />
        </Suspense>
      );
    case 'progress':
    case 'review':
      return (
        <Suspense fallback={<Loading />}>
          <div className="route-page">
            <ProgressScreen view={route.name} navigate={navigate} onProgress={onProgress} />
          </div>
        </Suspense>
      );
    case 'revisions':
      return (
        <Suspense fallback={<Loading />}>
          <TimeMachineRoute query={route.query} navigate={navigate} />
        </Suspense>
      );
    case 'not-found':
      return (
        <ComingSoon title="Page not found">
          <p>
            There is no page at <code>{route.path}</code>.
          </p>
        </ComingSoon>
      );
  }
}
