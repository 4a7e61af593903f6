import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  hashWithView,
  parseOrigin,
  readViewOptions,
  routeQuery,
  snapScale,
  stepScale,
} from './view';

describe('view switches in the URL', () => {
  it('reads presenter mode, its scale and hidden secrets', () => {
    expect(readViewOptions('scenario=deny&present=1&scale=1.5&mask=1')).toEqual({
      ...DEFAULT_VIEW,
      present: true,
      scale: 1.5,
      mask: true,
    });
    // A scale without presenter mode means nothing; odd values snap to a step.
    expect(readViewOptions('scale=1.5').scale).toBe(1);
    expect(readViewOptions('present=1&scale=1.6').scale).toBe(1.5);
    expect(readViewOptions('present=1&scale=huge').scale).toBe(1);
  });

  it('keeps the embedding switches for the page, but not presenter mode', () => {
    const first = readViewOptions('embed=1&lock=1&theme=dark&parentOrigin=https://lms.example.edu&present=1');
    expect(first).toMatchObject({
      embed: true,
      lock: true,
      theme: 'dark',
      parentOrigin: 'https://lms.example.edu',
    });
    const next = readViewOptions('scenario=deny', first);
    expect(next).toMatchObject({ embed: true, lock: true, theme: 'dark', present: false });
    expect(readViewOptions('embed=0', first).embed).toBe(false);
  });

  it('accepts only a plain http(s) origin as parentOrigin', () => {
    expect(parseOrigin('https://lms.example.edu')).toBe('https://lms.example.edu');
    expect(parseOrigin('https://lms.example.edu/')).toBe('https://lms.example.edu');
    expect(parseOrigin('https://lms.example.edu/course/1')).toBeNull();
    expect(parseOrigin('javascript:alert(1)')).toBeNull();
    expect(parseOrigin('*')).toBeNull();
  });

  it('writes the switches after the route query, and leaves embedding out of shared links', () => {
    const view = { ...DEFAULT_VIEW, present: true, scale: 1.25, mask: true, embed: true, lock: true };
    expect(hashWithView('#/sim?scenario=deny&step=3&present=1', view)).toBe(
      '#/sim?scenario=deny&step=3&present=1&scale=1.25&mask=1&embed=1&lock=1',
    );
    expect(hashWithView('#/sim?scenario=deny&embed=1', view, true)).toBe(
      '#/sim?scenario=deny&present=1&scale=1.25&mask=1',
    );
    expect(hashWithView('#/lessons/discovery', DEFAULT_VIEW)).toBe('#/lessons/discovery');
    expect(routeQuery('scenario=deny&present=1&mask=1&sel=3')).toBe('scenario=deny&sel=3');
  });

  it('keeps predict mode in the URL, in shared links too, and reads it back', () => {
    const view = { ...DEFAULT_VIEW, predict: true, embed: true };
    const written = hashWithView('#/sim?scenario=step-up&step=4', view);
    expect(written).toBe('#/sim?scenario=step-up&step=4&predict=1&embed=1');
    const shared = hashWithView('#/sim?scenario=step-up&step=4', view, true);
    expect(shared).toBe('#/sim?scenario=step-up&step=4&predict=1');
    expect(readViewOptions(shared.split('?')[1] ?? '').predict).toBe(true);
    // Per view, like hidden secrets: a link without it turns it off (Back restores it).
    expect(readViewOptions('scenario=deny', readViewOptions('predict=1')).predict).toBe(false);
    expect(routeQuery('scenario=deny&predict=1&step=2')).toBe('scenario=deny&step=2');
  });

  it('steps the scale within its range', () => {
    expect(stepScale(1, 1)).toBe(1.125);
    expect(stepScale(2, 1)).toBe(2);
    expect(stepScale(0.75, -1)).toBe(0.75);
    expect(snapScale(0.1)).toBe(0.75);
  });
});
