/**
 * Lays out a trace as a sequence diagram: one lifeline per party, one row per message. Pure and
 * DOM-free (no measuring, no effects) so it is unit-tested and cheap to rerun on every step. The
 * diagram (features/diagram) draws it on screen and the SVG export (features/export/svg.ts) in a
 * file, so both show the same picture.
 *
 * Why one row per message: labels can then never overlap vertically, however long the run (the
 * step-up scenario has 50+ messages), and a message's y never changes once drawn, so earlier
 * arrows keep their identity as the flow grows. Horizontally, a label may use the whole width of
 * the diagram (its row is its own): centred on its arrow, or beside a self-arrow towards the wider
 * side, and cut only past that; the full text stays in the list.
 */
import { CORE_LANES, LANE_ORDER, LANES } from '../../sim/lanes';
import type { Lane } from '../../sim/lanes';
import type { TraceEvent } from '../../sim/trace/types';
import { eventTone, messageLabel } from './describe';
import type { Tone } from './describe';

export interface LayoutOptions {
  /** Distance between two neighbouring lifelines. */
  laneGap: number;
  /** Height of the lane header boxes at the top. */
  headerHeight: number;
  /** Vertical distance between two messages. */
  rowHeight: number;
  /** Space left of the first lifeline and right of the last. */
  marginX: number;
  /** Average width of one label character, used to fit labels into the room they have. */
  charWidth: number;
  /** Width of a self-arrow's loop. */
  loopWidth: number;
  /** Room a label needs besides its text: the message number and a status icon. */
  badgeWidth: number;
  /** Lanes always drawn, even before any message uses them. */
  lanes: readonly Lane[];
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  laneGap: 220,
  headerHeight: 56,
  rowHeight: 44,
  marginX: 120,
  charWidth: 7.2,
  loopWidth: 28,
  badgeWidth: 48,
  lanes: CORE_LANES,
};

export interface LaneBox {
  lane: Lane;
  label: string;
  /** x of the lifeline. */
  x: number;
}

export type Direction = 'right' | 'left' | 'self';

export interface MessageBox {
  seq: number;
  kind: TraceEvent['kind'];
  from: Lane;
  to: Lane;
  fromX: number;
  toX: number;
  /** y of the arrow. */
  y: number;
  direction: Direction;
  /** The full label; `shortLabel` is the same cut to fit. */
  label: string;
  shortLabel: string;
  /** Where the label sits: its centre for arrows, its anchor edge for self-arrows. */
  labelX: number;
  labelAlign: 'center' | 'start' | 'end';
  /** The room the whole label has (number, icon and text), in px. */
  labelMaxWidth: number;
  tone: Tone;
}

export interface SequenceLayout {
  lanes: LaneBox[];
  messages: MessageBox[];
  width: number;
  /** Bottom of the lifelines: one spare row below the last message for the "next" placeholder. */
  height: number;
  /** y of the row the next message will take. */
  nextY: number;
}

/** The lanes to draw: the always-shown ones plus any the trace uses, in LANE_ORDER. */
export function lanesFor(trace: readonly TraceEvent[], always: readonly Lane[]): Lane[] {
  const used = new Set<Lane>(always);
  for (const event of trace) {
    used.add(event.from);
    used.add(event.to);
  }
  return LANE_ORDER.filter((lane) => used.has(lane));
}

/** Cuts `text` to `maxChars`, ending with an ellipsis when cut. */
export function fitLabel(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 1) return '…';
  return `${text.slice(0, maxChars - 1).trimEnd()}…`;
}

export function rowY(index: number, options: LayoutOptions): number {
  return options.headerHeight + (index + 0.5) * options.rowHeight + 8;
}

/**
 * A message's box depends only on its event, its row and the lanes (and options) around it, and a
 * recorded event never changes: so on Next the boxes of the earlier messages are taken from here,
 * the same objects, instead of being measured and cut again.
 */
const boxes = new WeakMap<TraceEvent, { index: number; context: string; box: MessageBox }>();

export function layoutSequence(
  trace: readonly TraceEvent[],
  overrides: Partial<LayoutOptions> = {},
): SequenceLayout {
  const options = { ...DEFAULT_LAYOUT, ...overrides };
  const laneIds = lanesFor(trace, options.lanes);
  const context = [
    laneIds.join(),
    options.laneGap,
    options.headerHeight,
    options.rowHeight,
    options.marginX,
    options.charWidth,
    options.loopWidth,
    options.badgeWidth,
  ].join('|');
  const xOf = new Map<Lane, number>();
  const lanes = laneIds.map((lane, index) => {
    const x = options.marginX + index * options.laneGap;
    xOf.set(lane, x);
    return { lane, label: LANES[lane].label, x };
  });
  const lastX = lanes.at(-1)?.x ?? options.marginX;
  const width = lastX + options.marginX;
  const labelPad = 12;

  const messages = trace.map((event, index): MessageBox => {
    const known = boxes.get(event);
    if (known && known.index === index && known.context === context) return known.box;
    const box = boxFor(event, index);
    boxes.set(event, { index, context, box });
    return box;
  });

  function boxFor(event: TraceEvent, index: number): MessageBox {
    const fromX = xOf.get(event.from) ?? options.marginX;
    const toX = xOf.get(event.to) ?? options.marginX;
    const y = rowY(index, options);
    const label = messageLabel(event);
    const direction: Direction = event.from === event.to ? 'self' : toX > fromX ? 'right' : 'left';
    let labelX: number;
    let labelAlign: MessageBox['labelAlign'];
    let labelMaxWidth: number;
    if (direction === 'self') {
      // The label sits beside the loop, on the side with more room: the right, except on the lanes
      // of the right half. It may cross other lifelines: its row holds no other message.
      const onLeft = lanes.length > 1 && fromX - options.marginX > width - options.marginX - fromX;
      labelAlign = onLeft ? 'end' : 'start';
      labelX = onLeft ? fromX - options.loopWidth - labelPad : fromX + options.loopWidth + labelPad;
      labelMaxWidth = onLeft ? labelX - labelPad : width - labelX - labelPad;
    } else {
      // Room up to the whole width, centred on the arrow, shifted if needed to stay inside the diagram.
      labelMaxWidth = width - labelPad * 2;
      labelAlign = 'center';
      const half = labelMaxWidth / 2;
      labelX = Math.min(Math.max((fromX + toX) / 2, labelPad + half), width - labelPad - half);
    }
    const maxChars = Math.max(4, Math.floor((labelMaxWidth - options.badgeWidth) / options.charWidth));
    return {
      seq: event.seq,
      kind: event.kind,
      from: event.from,
      to: event.to,
      fromX,
      toX,
      y,
      direction,
      label,
      shortLabel: fitLabel(label, maxChars),
      labelX,
      labelAlign,
      labelMaxWidth,
      tone: eventTone(event),
    };
  }

  const nextY = rowY(trace.length, options);
  return { lanes, messages, width, height: nextY + options.rowHeight, nextY };
}
