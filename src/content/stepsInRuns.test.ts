import { describe, expect, it } from 'vitest';
import { parseSimHref } from './links';
import { STEPS_IN_RUNS } from './stepsInRuns';
import { STEPS_IN_RUNS_BY_REVISION } from './stepsInRunsByRevision';
import { stepsInRuns, stepsInRunsByRevision } from './stepsInRunsOf';

describe('which steps each run produces', () => {
  it('the generated table is what the runs do now (npm run gen:steps when it is not)', async () => {
    expect(await stepsInRuns()).toEqual(STEPS_IN_RUNS);
  });

  it('and so is the one for the earlier revisions', async () => {
    expect(await stepsInRunsByRevision()).toEqual(STEPS_IN_RUNS_BY_REVISION);
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

describe('links with a revision', () => {
  it('are checked against that revision’s runs, and say what a revision lacks', () => {
    expect(parseSimHref('#/sim?scenario=first-connection&reg=dcr&rev=2025-03-26&at=as-metadata').ok).toBe(
      true,
    );
    // 2025-03-26 has no protected resource metadata.
    const prm = parseSimHref('#/sim?scenario=first-connection&reg=dcr&rev=2025-03-26&at=prm-discovery');
    expect(prm.ok ? 'parsed' : prm.error).toContain('does not happen');
    const cimd = parseSimHref('#/sim?scenario=first-connection&reg=cimd&rev=2025-06-18');
    expect(cimd.ok ? 'parsed' : cimd.error).toContain('Client ID Metadata Documents arrived in 2025-11-25');
    expect(parseSimHref('#/sim?scenario=first-connection&rev=2024-11-05')).toMatchObject({ ok: false });
    expect(parseSimHref('#/sim?attack=mix-up&defence=on&rev=2025-11-25').ok).toBe(true);
    expect(parseSimHref('#/sim?scenario=first-connection&reg=dcr&rev=2025-06-18&client=dual-era').ok).toBe(
      true,
    );
  });
});
