import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, paramsHash, readParams, simAt } from './params';

describe('the Time machine’s address', () => {
  it('round-trips every choice, and falls back to the defaults', () => {
    const params = {
      view: 'changes',
      from: '2025-03-26',
      to: '2025-11-25',
      scenario: 'refresh',
      registration: 'preregistered',
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
