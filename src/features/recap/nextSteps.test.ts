import { describe, expect, it } from 'vitest';
import type { RunRecap } from '../../sim/trace/recap';
import { nextSteps } from './nextSteps';
import type { AttackRef, LessonRef } from './nextSteps';

const recap: RunRecap = {
  outcome: 'refused',
  messages: 9,
  requests: 4,
  phases: ['discovery'],
  decided: [
    { rule: 'C-22', verdict: 'failed', seq: 7 },
    { rule: 'C-01', verdict: 'held', seq: 2 },
    { rule: 'C-03', verdict: 'held', seq: 4 },
  ],
};

const lessons: LessonRef[] = [
  { id: 'roles', title: 'Roles', order: 1, rules: ['C-01', 'C-03'] },
  { id: 'discovery', title: 'Discovery', order: 2, rules: ['C-22'] },
  { id: 'tokens', title: 'Tokens', order: 3, rules: ['A-16'] },
];

const attacks: AttackRef[] = [
  {
    id: 'stolen-code-no-pkce',
    title: 'Stolen code',
    lesson: 'tokens',
    rules: ['A-16'],
    victim: { scenario: 'first-connection' },
  },
  {
    id: 'metadata-steering',
    title: 'Metadata steering',
    lesson: 'discovery',
    rules: ['C-22', 'C-03'],
    victim: { scenario: 'first-connection' },
  },
];

describe('the next step after a run', () => {
  it('points to the lesson of the rule that decided it, its quiz, and the attack on those rules', () => {
    const next = nextSteps(recap, { scenario: 'first-connection' }, lessons, attacks);
    // C-22 failed (3) outweighs two checks that held (1 + 1).
    expect(next.lesson?.id).toBe('discovery');
    expect(next.attack).toEqual({
      href: '#/sim?attack=metadata-steering&defence=off',
      title: 'Metadata steering',
      defence: 'off',
    });
  });

  it('prefers a lesson not read yet among equally good ones, and names none that shares no rule', () => {
    const even: RunRecap = { ...recap, decided: [{ rule: 'C-01', verdict: 'held', seq: 1 }] };
    const two: LessonRef[] = [
      { id: 'a', title: 'A', order: 1, rules: ['C-01'] },
      { id: 'b', title: 'B', order: 2, rules: ['C-01'] },
    ];
    expect(nextSteps(even, { scenario: 'refresh' }, two, [], new Set(['a'])).lesson?.id).toBe('b');
    expect(nextSteps(even, { scenario: 'refresh' }, two, []).lesson?.id).toBe('a');
    const none: RunRecap = { ...recap, decided: [{ rule: 'S-25', verdict: 'refused', seq: 1 }] };
    expect(nextSteps(none, { scenario: 'refresh' }, two, attacks)).toEqual({ lesson: null, attack: null });
  });

  it('after an attack, its own lesson and the same attack with the defence the other way', () => {
    const run = {
      scenario: 'first-connection' as const,
      attack: { id: 'stolen-code-no-pkce' as const, defence: 'on' as const },
    };
    const next = nextSteps(recap, run, lessons, attacks);
    expect(next.lesson?.id).toBe('tokens');
    expect(next.attack?.href).toBe('#/sim?attack=stolen-code-no-pkce&defence=off');
  });
});
