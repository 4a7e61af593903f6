import { describe, expect, it } from 'vitest';
import { fitLanes, presenterFit, SCREEN_FIT } from './fit';

/** The diagram's width in units, from a fit: what the zoom must show. */
const diagramWidth = (lanes: number, f: ReturnType<typeof fitLanes>) =>
  2 * f.marginX + (lanes - 1) * f.laneGap;

describe('fitLanes', () => {
  it('every lane fits the width, at every lane count and width, phone to wall', () => {
    for (const width of [340, 360, 600, 800, 900, 1100, 1900]) {
      for (const lanes of [4, 5, 6]) {
        for (const target of [
          SCREEN_FIT,
          presenterFit(1),
          presenterFit(1.25),
          presenterFit(2),
          presenterFit(2, 1400),
        ]) {
          const fit = fitLanes(lanes, width, target);
          expect(diagramWidth(lanes, fit) * fit.zoom).toBeLessThanOrEqual(width + 1);
          expect(fit.headerWidth).toBeLessThan(fit.laneGap);
        }
      }
    }
  });

  it('keeps labels at their readable size by bringing lanes closer, down to a limit', () => {
    // A 1440 px screen's canvas, six lanes: labels stay at 12 px instead of shrinking to 9.
    expect(fitLanes(6, 884, SCREEN_FIT).zoom).toBeGreaterThanOrEqual(1);
    // A phone: four lanes at full size in 350 px.
    expect(fitLanes(4, 350, SCREEN_FIT).zoom).toBeGreaterThanOrEqual(1);
    // Presenter mode at a projector's 1280 px, and at 125 %.
    expect(fitLanes(4, 760, presenterFit(1)).zoom).toBeCloseTo(1.4, 1);
    expect(fitLanes(5, 760, presenterFit(1.25)).zoom).toBeCloseTo(1.75, 1);
    // A 1080p projector's room sees the same picture, larger.
    expect(presenterFit(1, 1020).zoom).toBeCloseTo(2.1, 1);
    // Past the limit the zoom gives way rather than lose a lane.
    expect(fitLanes(6, 340, SCREEN_FIT).zoom).toBeLessThan(1);
  });

  it('a wide canvas keeps the lanes at their widest and grows the zoom, within its cap', () => {
    const fit = fitLanes(4, 1400, SCREEN_FIT);
    expect(fit.laneGap).toBe(220);
    expect(fit.zoom).toBe(1.15);
  });
});
