/**
 * The simulator's first paint: its layout (the step controls' bar, the diagram with its four
 * lifelines, the message list and the side column) in plain HTML, drawn by the entry chunk while the
 * simulator itself (the player, XState, the panels) is fetched. Every box has the room the real one
 * takes (layout.css, `.sim-skeleton`), so nothing below moves when the simulator replaces it.
 * Hidden from assistive technology: there is nothing to read or operate in it yet.
 *
 * At the start of a scenario without an attack (plainStart.ts) the side column is already the app's
 * own first render of it, drawn by the same components (a test holds the two equal): the tabs, the
 * scenario's introduction, "Who holds what" and the inspector's guide. That text is the largest
 * a visitor sees first, so it is painted with the first paint rather than when the simulator's
 * chunks arrive (Lighthouse's largest contentful paint, issue 16).
 */
import { DiagramSkeleton } from '../../features/diagram/LazyDiagram';
import { SideTabList, SideTabPanel } from '../../features/attacks/SideTabs';
import { ScenarioStart } from '../../features/controls/ScenarioStart';
import { Holdings, NO_HOLDINGS } from '../../features/holdings/Holdings';
import { InspectorEmpty } from '../../features/inspector/InspectorEmpty';
import type { ScenarioId } from '../../sim/scenarios';

const noop = () => undefined;
const noLabel = () => '';

/** The side column at a scenario's start, as the simulator screen draws it (SimulatorScreen.tsx). */
function StartSide({ scenario }: { scenario: ScenarioId }) {
  return (
    <div className="sim__side sim-skeleton__side--start" inert>
      <SideTabList base="sim-skeleton" tab="step" />
      <SideTabPanel base="sim-skeleton" tab="step" shown>
        <ScenarioStart scenario={scenario} />
        <Holdings view={NO_HOLDINGS} last={null} labelOf={noLabel} onSelect={noop} />
        <InspectorEmpty />
      </SideTabPanel>
      <SideTabPanel base="sim-skeleton" tab="lab" shown={false} />
    </div>
  );
}

function BoxSide() {
  return (
    <div className="sim__side sim-skeleton__side--box">
      <div className="panel sim-skeleton__fill" />
    </div>
  );
}

interface SimSkeletonProps {
  /** The scenario whose start the address opens (plainStart.ts), or null: a plain box for the side column. */
  start: ScenarioId | null;
  /**
   * Both side columns, `start`'s and the box: index.html's copy, made before any address is known.
   * The stylesheet shows the one public/theme.js chose for the address (base.css).
   */
  either?: boolean;
}

export function SimSkeleton({ start, either = false }: SimSkeletonProps) {
  return (
    <div className="sim sim-skeleton" aria-busy="true">
      <h1 className="visually-hidden">MCP OAuth flow simulator</h1>
      <div className="sim__top" aria-hidden="true">
        <div className="toolbar sim-skeleton__toolbar" />
        <div className="viewbar sim-skeleton__viewbar" />
      </div>
      <div className="sim__body" aria-hidden="true">
        <section className="panel sim__diagram">
          <div className="phases sim-skeleton__phases" />
          <div className="sim__canvas">
            <DiagramSkeleton />
          </div>
        </section>
        <div className="sim__list">
          <div className="panel sim-skeleton__fill" />
        </div>
        {(either || start === null) && <BoxSide />}
        {start !== null && <StartSide scenario={start} />}
      </div>
    </div>
  );
}
