import { describe, expect, it } from 'vitest';
import { resolveAttack } from '../../sim/attacks/registry';
import { LATEST_REVISION, REVISIONS } from '../../sim/revisions/ids';
import { scenarioUnsupported } from '../../sim/revisions/profile';
import { attackPlayable, registrationOptions, scenarioOptions, withRevision } from './config';

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

  it('says of an extension or the roadmap what it is played with, not a revision it arrived in', () => {
    const options = scenarioOptions('2025-11-25');
    expect(options.find((o) => o.id === 'enterprise')).toEqual({
      id: 'enterprise',
      label: 'Enterprise-managed authorization (ID-JAG) (an extension, played with 2026-07-28)',
      disabled: true,
    });
    expect(options.find((o) => o.id === 'dpop')?.label).toMatch(
      /\(on the roadmap, played with 2026-07-28\)$/,
    );
  });

  it('has every option from the revision that brought it on, each one with its plain title', () => {
    for (const revision of REVISIONS) {
      const disabled = [...scenarioOptions(revision), ...registrationOptions(revision)].filter(
        (o) => o.disabled,
      );
      expect(disabled.length > 0, revision).toBe(revision !== LATEST_REVISION);
      // What arrived in a revision is there from then on.
      for (const o of disabled) expect(o.label).toMatch(/\((arrived in|an extension|on the roadmap)/);
    }
    for (const o of [...scenarioOptions(LATEST_REVISION), ...registrationOptions(LATEST_REVISION)]) {
      expect(o.disabled).toBe(false);
      expect(o.label).not.toMatch(/arrived|played with/);
    }
    expect(scenarioOptions('2025-11-25').find((o) => o.id === 'step-up')?.disabled).toBe(false);
    expect(registrationOptions('2025-11-25').find((o) => o.id === 'cimd')?.disabled).toBe(false);
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

describe('whether the run\u2019s attack can be played', () => {
  it('asks the attack\u2019s needs of the run\u2019s revision; without an attack or a core, there is nothing to refuse', () => {
    const core = { resolveAttack };
    const mixUp = { ...BASE, attack: { id: 'mix-up', defence: 'on' } } as const;
    expect(attackPlayable({ ...mixUp, revision: '2025-11-25' }, core)).toBe(true);
    expect(attackPlayable({ ...mixUp, revision: '2025-06-18' }, core)).toBe(false);
    expect(attackPlayable(mixUp, core)).toBe(true);
    expect(attackPlayable({ ...mixUp, revision: '2025-06-18' }, null)).toBe(true);
    expect(attackPlayable({ ...BASE, revision: '2025-03-26' }, core)).toBe(true);
  });
});
