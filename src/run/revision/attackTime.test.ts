import { describe, expect, it } from 'vitest';
import { resolveAttack } from '../../sim/attacks/registry';
import { attackHref, attackTime } from './attackTime';

describe('an attack across time, as the lab says it', () => {
  const mixUp = resolveAttack({ id: 'mix-up' });

  it('mix-up: the defence arrived in 2026-07-28, and 2025-11-25 can play it before the rule', () => {
    expect(attackTime(mixUp, '2026-07-28')).toEqual({
      defence: ['C-19'],
      arrived: '2026-07-28',
      unplayable: null,
      beforeRule: false,
      before: { revision: '2025-11-25', why: null },
    });
    expect(attackTime(mixUp, '2025-11-25')).toMatchObject({ beforeRule: true, unplayable: null });
  });

  it('under a revision that cannot play it: why, and the first revision that can', () => {
    expect(attackTime(mixUp, '2025-06-18').unplayable).toEqual({
      why: 'Client ID Metadata Documents arrived in 2025-11-25 (SEP-991).',
      from: '2025-11-25',
    });
  });

  it('a defence as old as the spec has no revision before it', () => {
    const time = attackTime(resolveAttack({ id: 'missing-state' }), '2025-03-26');
    expect(time).toMatchObject({ arrived: '2025-03-26', before: null, beforeRule: false, unplayable: null });
  });

  it('links the attack, defence on, under a revision (the latest needs no rev=)', () => {
    expect(attackHref(mixUp, '2025-11-25')).toBe('#/sim?attack=mix-up&defence=on&rev=2025-11-25');
    expect(attackHref(mixUp, '2026-07-28')).toBe('#/sim?attack=mix-up&defence=on');
    const downgrade = resolveAttack({ id: 'stolen-code-no-pkce', variant: 'downgrade' });
    expect(attackHref(downgrade, '2025-06-18')).toBe(
      '#/sim?attack=stolen-code-no-pkce&defence=on&variant=downgrade&rev=2025-06-18',
    );
  });
});
