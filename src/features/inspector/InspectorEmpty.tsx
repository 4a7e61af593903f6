/**
 * The inspector before a message is selected: how to use it, and how to read the diagram. Drawn by
 * the inspector (Inspector.tsx) and by the simulator's skeleton (app/simulator/SimSkeleton.tsx), so
 * the first paint has it where the app draws it next. Light on purpose: it is in the entry chunk.
 */
import { Legend } from './Legend';

export function InspectorEmpty() {
  return (
    <section className="panel inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title" className="panel__title">
        Inspector
      </h2>
      <div className="inspector__empty">
        <p className="muted">
          Select a message on the diagram or in the list to see the real HTTP, decoded tokens and the checks
          behind it.
        </p>
        <Legend />
      </div>
    </section>
  );
}
