// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterFirstContentfulPaint, fetchSimulatorOnIntent } from './simRoute';

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
  vi.unstubAllGlobals();
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

describe('fetching the simulator on arrival', () => {
  /** A PerformanceObserver whose paint entries the test reports. */
  function paints(supportedEntryTypes: readonly string[] = ['paint', 'largest-contentful-paint']) {
    let report: ((names: string[]) => void) | null = null;
    class FakeObserver {
      static supportedEntryTypes = supportedEntryTypes;
      constructor(callback: (list: { getEntriesByName: (name: string) => unknown[] }) => void) {
        report = (names) => callback({ getEntriesByName: (name) => names.filter((n) => n === name) });
      }
      observe() {}
      disconnect() {
        report = null;
      }
    }
    vi.stubGlobal('PerformanceObserver', FakeObserver);
    return (names: string[]) => report?.(names);
  }

  it('waits for the first contentful paint, then runs once', () => {
    vi.useFakeTimers();
    const paint = paints();
    const then = vi.fn();
    afterFirstContentfulPaint(then);
    paint(['first-paint']);
    expect(then).not.toHaveBeenCalled();
    paint(['first-contentful-paint']);
    expect(then).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2000);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('runs at once in a browser that does not report paints', () => {
    vi.useFakeTimers();
    paints(['mark', 'measure']);
    const then = vi.fn();
    afterFirstContentfulPaint(then, 1000);
    expect(then).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2000);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('runs anyway where no paint comes (a background tab)', () => {
    vi.useFakeTimers();
    paints();
    const then = vi.fn();
    afterFirstContentfulPaint(then, 1000);
    vi.advanceTimersByTime(999);
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(then).toHaveBeenCalledTimes(1);
  });
});
