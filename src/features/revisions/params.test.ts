import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, LAYOUT_IDS, SHOW_IDS, paramsHash, readParams, simAt } from './params';

describe('the Time machine’s address', () => {
  it('round-trips every choice, and falls back to the defaults', () => {
    const params = {
      view: 'changes',
      from: '2025-03-26',
      to: '2025-11-25',
      scenario: 'refresh',
      registration: 'preregistered',
      layout: 'merged',
      show: 'changes',
    } as const;
    const hash = paramsHash(params);
    expect(hash).toBe(
      '#/revisions?view=changes&from=2025-03-26&to=2025-11-25&scenario=refresh&reg=preregistered',
    );
    expect(readParams(hash.split('?')[1] ?? '')).toEqual(params);
    expect(readParams('view=nope&from=1999-01-01&reg=x')).toEqual(DEFAULT_PARAMS);
    expect(DEFAULT_PARAMS).toMatchObject({ from: '2025-11-25', to: '2026-07-28' });
    expect(paramsHash({ ...DEFAULT_PARAMS, view: 'eras' })).toBe('#/revisions?view=eras&reg=dcr');
  });

  it('round-trips how What changed draws the runs, and leaves the defaults out of the address', () => {
    for (const layout of LAYOUT_IDS)
      for (const show of SHOW_IDS) {
        const params = { ...DEFAULT_PARAMS, layout, show };
        const hash = paramsHash(params);
        expect(readParams(hash.split('?')[1] ?? '')).toEqual(params);
        expect(hash.includes('layout=')).toBe(layout !== DEFAULT_PARAMS.layout);
        expect(hash.includes('show=')).toBe(show !== DEFAULT_PARAMS.show);
      }
    expect(paramsHash({ ...DEFAULT_PARAMS, layout: 'split', show: 'all' })).toBe(
      '#/revisions?view=changes&from=2025-11-25&to=2026-07-28&scenario=first-connection&reg=dcr&layout=split&show=all',
    );
    expect(readParams('layout=sideways&show=some')).toEqual(DEFAULT_PARAMS);
    // Only What changed draws a diagram: the other views' addresses do not carry its choices.
    expect(paramsHash({ ...DEFAULT_PARAMS, view: 'eras', layout: 'split', show: 'all' })).toBe(
      '#/revisions?view=eras&reg=dcr',
    );
  });

  it('links a message of a run to the simulator, at that message', () => {
    expect(
      simAt({
        scenario: 'first-connection',
        registration: 'dcr',
        revision: '2026-07-28',
        client: '2025-11-25',
        seq: 9,
      }),
    ).toBe('#/sim?scenario=first-connection&reg=dcr&seed=demo&client=2025-11-25&step=10&sel=10');
    expect(simAt({ scenario: 'first-connection', registration: 'dcr', revision: '2025-06-18' })).toBe(
      '#/sim?scenario=first-connection&reg=dcr&seed=demo&rev=2025-06-18',
    );
  });
});
