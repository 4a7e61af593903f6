/**
 * The step explainer before the first step of a run without an attack: the scenario, what it shows,
 * and how to start. Drawn by the explainer (StepExplainer.tsx) and by the simulator's skeleton
 * (app/simulator/SimSkeleton.tsx), so a plain start's first paint already says what the run is
 * about. Light on purpose: it is in the entry chunk.
 */
import { SCENARIOS } from '../../sim/scenarios';
import type { ScenarioId } from '../../sim/scenarios';

export function ScenarioStart({ scenario }: { scenario: ScenarioId }) {
  const info = SCENARIOS[scenario];
  return (
    <section className="panel explainer" aria-labelledby="step-title" tabIndex={0}>
      <p className="eyebrow">Ready · {info.title}</p>
      <h2 id="step-title" className="explainer__title">
        {info.headline}
      </h2>
      <p className="explainer__text">{info.summary}</p>
      <p className="explainer__hint">
        Press <kbd>Next</kbd> (or <kbd>→</kbd>) to send the first request. Every message is produced live by
        the simulated parties.
      </p>
    </section>
  );
}
