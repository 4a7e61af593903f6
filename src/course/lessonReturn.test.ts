// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { lessonReturn, saveLessonReturn, setReturnPending } from './lessonReturn';

afterEach(() => window.sessionStorage.clear());

describe('the way back to a lesson', () => {
  it('is kept for the tab, marked taken and done with', () => {
    expect(lessonReturn()).toBeNull();
    const back = {
      lessonId: 'discovery',
      title: 'Discovery',
      scroll: 1200,
      href: '#/sim?x=1',
      pending: true,
    };
    saveLessonReturn(back);
    expect(lessonReturn()).toEqual(back);
    expect(lessonReturn()).toBe(lessonReturn());
    setReturnPending(false);
    expect(lessonReturn()?.pending).toBe(false);
  });

  it('reads anything else stored under its key as no way back, never an error', () => {
    window.sessionStorage.setItem('mcp-sim:lesson-return', '{"lessonId": 3}');
    expect(lessonReturn()).toBeNull();
    window.sessionStorage.setItem('mcp-sim:lesson-return', 'not json');
    expect(lessonReturn()).toBeNull();
  });
});
