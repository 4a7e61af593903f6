/**
 * Picks the screen for a route. Lessons and quiz are separate chunks, loaded when first visited,
 * so their content and parser stay out of the first paint.
 */
import { lazy, Suspense } from 'react';
import { ComingSoon } from './ComingSoon';
import { navigate } from './router';
import type { Route } from './router';
import { SimRoute } from './SimRoute';

const LessonsRoute = lazy(() => import('../features/lessons/LessonsRoute'));
const QuizRoute = lazy(() => import('../features/quiz/QuizRoute'));

function Loading() {
  return <p className="route-loading">Loading…</p>;
}

export function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'sim':
      return <SimRoute query={route.query} />;
    case 'lessons':
      return (
        <Suspense fallback={<Loading />}>
          <div className="route-page">
            <LessonsRoute navigate={navigate} {...(route.id ? { lessonId: route.id } : {})} />
          </div>
        </Suspense>
      );
    case 'quiz':
      return (
        <Suspense fallback={<Loading />}>
          <div className="route-page">
            <QuizRoute navigate={navigate} {...(route.id ? { lessonId: route.id } : {})} />
          </div>
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
