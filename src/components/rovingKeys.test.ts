import { describe, expect, it } from 'vitest';
import { rovingTarget } from './rovingKeys';

describe('rovingTarget', () => {
  const tabs = { index: 1, count: 3, orientation: 'horizontal' as const };
  const list = { index: 0, count: 3, orientation: 'vertical' as const };

  it('tabs move with Left/Right and wrap at both ends', () => {
    expect(rovingTarget('ArrowRight', tabs)).toBe(2);
    expect(rovingTarget('ArrowLeft', tabs)).toBe(0);
    expect(rovingTarget('ArrowRight', { ...tabs, index: 2 })).toBe(0);
    expect(rovingTarget('ArrowLeft', { ...tabs, index: 0 })).toBe(2);
  });

  it('a listbox moves with Up/Down and stops at its ends', () => {
    expect(rovingTarget('ArrowDown', list)).toBe(1);
    expect(rovingTarget('ArrowUp', list)).toBe(0);
    expect(rovingTarget('ArrowDown', { ...list, index: 2 })).toBe(2);
  });

  it('Home and End go to the first and the last item', () => {
    expect(rovingTarget('Home', tabs)).toBe(0);
    expect(rovingTarget('End', list)).toBe(2);
  });

  it('keys the widget does not use are left to the page (its step shortcuts)', () => {
    expect(rovingTarget('ArrowDown', tabs)).toBeUndefined();
    expect(rovingTarget('ArrowRight', list)).toBeUndefined();
    expect(rovingTarget(' ', tabs)).toBeUndefined();
    expect(rovingTarget('Home', { ...list, count: 0 })).toBeUndefined();
  });
});
