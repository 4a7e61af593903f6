// @vitest-environment happy-dom
// The skeleton's side column at a scenario's start is the simulator's own first render of it: drawn
// here both ways, for every scenario, and compared without what only one of them has (the ids a
// live page links its tabs and headings by, and `inert`).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { SCENARIO_IDS } from '../../sim/scenarios';
import { DEMO, renderSim } from './testing';
import { SimSkeleton } from './SimSkeleton';

afterEach(cleanup);

function comparable(side: Element | null): string {
  if (!side) throw new Error('no side column');
  const copy = side.cloneNode(true) as Element;
  for (const el of [copy, ...copy.querySelectorAll('*')]) {
    for (const name of ['id', 'aria-labelledby', 'aria-controls', 'inert']) el.removeAttribute(name);
    el.classList.remove('sim-skeleton__side--start');
  }
  return copy.outerHTML;
}

describe("the skeleton's side column", () => {
  it.each(SCENARIO_IDS)('is the simulator screen’s first render at the start of %s', (scenario) => {
    const app = renderSim({ config: { ...DEMO, scenario } });
    const drawn = comparable(app.container.querySelector('.sim__side'));
    cleanup();
    const skeleton = render(<SimSkeleton start={scenario} />);
    expect(skeleton.container.querySelector('.sim-skeleton__side--box')).toBeNull();
    expect(drawn).toContain('Who holds what');
    expect(comparable(skeleton.container.querySelector('.sim-skeleton__side--start'))).toBe(drawn);
  });

  it('is a plain box where the address opens elsewhere, and both in index.html’s copy', () => {
    const box = render(<SimSkeleton start={null} />);
    expect(box.container.querySelector('.sim-skeleton__side--box')).not.toBeNull();
    expect(box.container.querySelector('.sim-skeleton__side--start')).toBeNull();
    cleanup();
    const either = render(<SimSkeleton start="refresh" either />);
    expect(either.container.querySelector('.sim-skeleton__side--box')).not.toBeNull();
    expect(either.container.querySelector('.sim-skeleton__side--start')?.textContent).toContain(
      'refresh an expired access token',
    );
  });
});
