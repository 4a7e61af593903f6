/**
 * The diagram, loaded after the first paint: React Flow and d3 are about a third of the app's own
 * JavaScript, and nothing can be stepped until the simulator core arrives anyway. Until then a
 * plain-HTML skeleton shows the four lifelines where the diagram will draw them.
 */
import { lazy, Suspense } from 'react';
import { CORE_LANES, LANES } from '../../sim/lanes';

const SequenceDiagram = lazy(() => import('./SequenceDiagram').then((m) => ({ default: m.SequenceDiagram })));

function DiagramSkeleton() {
  return (
    <div className="seq-skeleton" aria-hidden="true">
      {CORE_LANES.map((lane) => (
        <div key={lane} className="seq-skeleton__lane">
          <div className={`seq-lane seq-lane--${lane}`}>
            <span>{LANES[lane].label}</span>
          </div>
          <div className="seq-skeleton__line" />
        </div>
      ))}
    </div>
  );
}

export function LazyDiagram() {
  return (
    <Suspense fallback={<DiagramSkeleton />}>
      <SequenceDiagram />
    </Suspense>
  );
}
