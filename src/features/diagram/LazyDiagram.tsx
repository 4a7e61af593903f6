/**
 * The diagram, loaded after the first paint: React Flow and d3 are about a third of the app's own
 * JavaScript, and nothing can be stepped until the simulator core arrives anyway. Until then a
 * plain-HTML skeleton shows the four lifelines where the diagram will draw them. Not through
 * Suspense: React would hold the arrived diagram back behind the skeleton for 300 ms
 * (components/deferred.ts).
 */
import { deferred, useDeferred } from '../../components/deferred';
import { CORE_LANES, LANES } from '../../sim/lanes';

export const diagramModule = deferred(() => import('./SequenceDiagram'));

export function DiagramSkeleton() {
  return (
    <div className="seq-skeleton" aria-hidden="true">
      {CORE_LANES.map((lane) => (
        <div key={lane} className="seq-skeleton__lane">
          <div className={`seq-lane seq-lane--${lane}`}>
            {/* The diagram's own choice on a phone, where four full names do not fit: the short one. */}
            <span className="seq-skeleton__full">{LANES[lane].label}</span>
            <span className="seq-skeleton__short">{LANES[lane].short}</span>
          </div>
          <div className="seq-skeleton__line" />
        </div>
      ))}
    </div>
  );
}

export function LazyDiagram() {
  const diagram = useDeferred(diagramModule);
  return diagram ? <diagram.SequenceDiagram /> : <DiagramSkeleton />;
}
