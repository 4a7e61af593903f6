/**
 * How the lanes fit the canvas. Zooming a fixed layout out until six lanes fit made labels 9 px
 * at 1440 px wide and a phone's diagram 990 px wide; so the lanes are spaced for the width
 * instead, at a zoom where labels stay readable (issue 16): 12 px on a screen, 16.8 px and up in
 * presenter mode. Lanes come closer together (down to MIN_GAP) before the zoom gives way, and a
 * label may use the whole width of its row (layout.ts), so closer lanes do not cut labels more.
 * Pure: the canvas width in, the layout's spacing and the zoom out.
 */

/** Never further apart than this (the layout's default), never closer than MIN_GAP. */
const MAX_GAP = 220;
const MIN_GAP = 72;

export interface LaneFit {
  /** Distance between neighbouring lifelines, in diagram units. */
  laneGap: number;
  /** Space left of the first lifeline and right of the last. */
  marginX: number;
  /** The zoom that fits the lanes to the width. */
  zoom: number;
  /** Width of a lane's header box. */
  headerWidth: number;
}

export interface FitTarget {
  /** The zoom labels are readable at: lanes are spaced so they fit the width at it. */
  zoom: number;
  /** How far the zoom may grow when the lanes are at their widest and there is room to spare. */
  maxZoom: number;
}

export const SCREEN_FIT: FitTarget = { zoom: 1, maxZoom: 1.15 };

/** The canvas height presenter mode's zoom is set for: a 1280x720 projector's. */
const PROJECTOR_CANVAS = 680;

/**
 * Presenter mode: labels 12 × 1.4 ≈ 17 px at 100 % on a 720 px high screen, readable from the back
 * of a room, and as much larger as the screen is higher (a 1080p projector's room sees the same
 * picture, the same dozen rows); `scale` multiplies.
 */
export function presenterFit(scale: number, canvasHeight = PROJECTOR_CANVAS): FitTarget {
  const screen = Math.min(2, Math.max(1, canvasHeight / PROJECTOR_CANVAS));
  return { zoom: 1.4 * screen * scale, maxZoom: 3 * screen * scale };
}

export function fitLanes(lanes: number, width: number, target: FitTarget): LaneFit {
  const count = Math.max(1, lanes);
  // In diagram units at the target zoom. A margin is half a gap and 10 more (room for a header box
  // and a self-arrow's loop), so the whole is count × gap + 20.
  const room = Math.max(0, width) / target.zoom;
  const laneGap = Math.floor(Math.min(MAX_GAP, Math.max(MIN_GAP, (room - 20) / count)));
  const marginX = Math.floor(Math.min(120, Math.max(45, laneGap / 2 + 10)));
  const diagram = 2 * marginX + (count - 1) * laneGap;
  const zoom = width > 0 ? Math.min(target.maxZoom, width / diagram) : target.zoom;
  return { laneGap, marginX, zoom, headerWidth: Math.min(200, laneGap - 12) };
}
