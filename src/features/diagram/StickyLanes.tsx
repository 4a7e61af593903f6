/**
 * Lane names pinned to the top of the diagram once the header row has scrolled away, so a learner
 * deep in a 50-message run still knows which lifeline is which. Decorative (the message list
 * names both parties of every message), hence aria-hidden. Short names when the lanes are narrow.
 */
import { useViewport } from '@xyflow/react';
import { LANES } from '../../sim/lanes';
import type { LaneBox } from '../../run/trace/layout';

export function StickyLanes({ lanes, laneGap }: { lanes: readonly LaneBox[]; laneGap: number }) {
  const { x, y, zoom } = useViewport();
  if (y > -30) return null;
  const room = laneGap * zoom - 8;
  return (
    <div className="seq-sticky" aria-hidden="true">
      {lanes.map((lane) => (
        <span
          key={lane.lane}
          className="seq-sticky__lane"
          style={{ left: lane.x * zoom + x, maxWidth: room }}
        >
          {room < 190 ? LANES[lane.lane].short : lane.label}
        </span>
      ))}
    </div>
  );
}
