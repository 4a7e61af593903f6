import { describe, expect, it } from 'vitest';
import { resolveAttack } from '../../sim/attacks/registry';
import { REVISIONS } from '../../sim/revisions/ids';
import { scenarioUnsupported } from '../../sim/revisions/profile';
import { registrationOptions, scenarioOptions, withRevision } from './config';

const BASE = { seed: 'demo', scenario: 'first-connection', registration: 'dcr' } as const;

describe('what a revision offers in the pickers', () => {
  it('disables what arrived later, and says when and by which proposal', () => {
    const cimd = registrationOptions('2025-06-18').find((o) => o.id === 'cimd');
    expect(cimd).toEqual({
      id: 'cimd',
      label: 'Client ID Metadata Document (arrived in 2025-11-25, SEP-991)',
      disabled: true,
    });
    const stepUp = scenarioOptions('2025-03-26').find((o) => o.id === 'step-up');
    expect(stepUp?.disabled).toBe(true);
    expect(stepUp?.label).toMatch(/\(arrived in 2025-11-25, SEP-835\)$/);
  });

  it('has every option from the revision that brought it on, each one with its plain title', () => {
    for (const revision of REVISIONS) {
      const disabled = [...scenarioOptions(revision), ...registrationOptions(revision)].filter(
        (o) => o.disabled,
      );
      expect(disabled.length > 0, revision).toBe(revision < '2025-11-25');
    }
    for (const o of [...scenarioOptions('2025-11-25'), ...registrationOptions('2026-07-28')]) {
      expect(o.disabled).toBe(false);
      expect(o.label).not.toMatch(/arrived/);
    }
  });
});

describe('a run moved to another revision', () => {
  it('falls back to what the revision can play, and the latest is not written down', () => {
    const config = { ...BASE, scenario: 'step-up', registration: 'cimd' } as const;
    expect(withRevision(config, '2025-06-18')).toEqual({
      ...BASE,
      revision: '2025-06-18',
    });
    expect(scenarioUnsupported('2025-06-18', 'step-up')).not.toBeNull();
    expect(withRevision({ ...config, revision: '2025-06-18', client: 'dual-era' }, '2026-07-28')).toEqual(
      config,
    );
  });

  it('keeps an attack the revision can play, and switches off one it cannot', () => {
    const mixUp = resolveAttack({ id: 'mix-up' });
    const config = {
      ...BASE,
      registration: mixUp.victim.registration,
      attack: { id: 'mix-up', defence: 'on' },
    } as const;
    // Mix-up needs CIMD and protected resource metadata: 2025-11-25 has both, 2025-06-18 lacks CIMD.
    expect(withRevision(config, '2025-11-25', mixUp)).toEqual({ ...config, revision: '2025-11-25' });
    expect(withRevision(config, '2025-06-18', mixUp)).toEqual({ ...BASE, revision: '2025-06-18' });
  });
});
