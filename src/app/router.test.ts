import { describe, expect, it } from 'vitest';
import { parseHash } from './router';

describe('parseHash', () => {
  it('opens the simulator by default and keeps its query', () => {
    expect(parseHash('')).toEqual({ name: 'sim', query: '' });
    expect(parseHash('#/')).toEqual({ name: 'sim', query: '' });
    expect(parseHash('#/sim?scenario=deny&step=3')).toEqual({ name: 'sim', query: 'scenario=deny&step=3' });
  });

  it('routes lessons and quizzes, with an optional id', () => {
    expect(parseHash('#/lessons')).toEqual({ name: 'lessons', id: null });
    expect(parseHash('#/lessons/04-discovery')).toEqual({ name: 'lessons', id: '04-discovery' });
    expect(parseHash('#/quiz')).toEqual({ name: 'quiz', id: null });
    expect(parseHash('#/quiz/exam')).toEqual({ name: 'quiz', id: 'exam' });
  });

  it('refuses anything else', () => {
    expect(parseHash('#/admin')).toEqual({ name: 'not-found', path: '/admin' });
    expect(parseHash('#/lessons/a/b')).toEqual({ name: 'not-found', path: '/lessons/a/b' });
    expect(parseHash('#/lessons/%E0%A4%A')).toEqual({ name: 'not-found', path: '/lessons/%E0%A4%A' });
  });
});
