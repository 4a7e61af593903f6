/**
 * The simulator's first paint: its layout (the step controls' bar, the diagram with its four
 * lifelines, the message list and the side column) in plain HTML, drawn by the entry chunk while the
 * simulator itself (the player, XState, the panels) is fetched. Every box has the room the real one
 * takes (layout.css, `.sim-skeleton`), so nothing below moves when the simulator replaces it.
 * Hidden from assistive technology: there is nothing to read or operate in it yet.
 */
import { DiagramSkeleton } from '../../features/diagram/LazyDiagram';

export function SimSkeleton() {
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
        <div className="sim__side">
          <div className="panel sim-skeleton__fill" />
        </div>
      </div>
    </div>
  );
}
