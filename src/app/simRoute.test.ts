// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchSimulatorOnIntent } from './simRoute';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('fetching the simulator on intent (away from it)', () => {
  it('waits for a pointer on, or focus in, a link to the simulator, then fetches once', () => {
    document.body.innerHTML =
      '<a id="lesson" href="#/lessons/discovery">Lesson</a><a id="try" href="#/sim?scenario=first-connection"><span>Try it</span></a>';
    const fetch = vi.fn();
    const stop = fetchSimulatorOnIntent(document, fetch);
    document.getElementById('lesson')?.dispatchEvent(new Event('pointerover', { bubbles: true }));
    document.getElementById('lesson')?.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(fetch).not.toHaveBeenCalled();
    document.querySelector('#try span')?.dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(fetch).toHaveBeenCalledTimes(1);
    document.getElementById('try')?.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(fetch).toHaveBeenCalledTimes(1);
    stop();
  });
});
