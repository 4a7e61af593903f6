import { describe, expect, it } from 'vitest';
import { parseSimHref } from './links';
import { STEPS_IN_RUNS } from './stepsInRuns';
import { stepsInRuns } from './stepsInRunsOf';

describe('which steps each run produces', () => {
  it('the generated table is what the runs do now (npm run gen:steps when it is not)', async () => {
    expect(await stepsInRuns()).toEqual(STEPS_IN_RUNS);
  });

  it('links are checked against it, including the steps the old hand-written table got wrong', () => {
    // A long session expires its token and refreshes it; client credentials chooses its registration.
    expect(parseSimHref('#/sim?scenario=long-session&reg=dcr&at=refresh').ok).toBe(true);
    expect(parseSimHref('#/sim?scenario=long-session&reg=dcr&at=time-passes').ok).toBe(true);
    expect(parseSimHref('#/sim?scenario=client-credentials&at=choose-registration').ok).toBe(true);
    expect(parseSimHref('#/sim?scenario=deny&reg=dcr&at=token')).toMatchObject({ ok: false });
    const dcr = parseSimHref('#/sim?scenario=first-connection&reg=cimd&at=dcr');
    expect(dcr.ok ? 'parsed' : dcr.error).toContain('needs reg=dcr');
  });
});
