/**
 * Focus management for a modal window: focus moves in when it opens, Tab and Shift+Tab cycle
 * inside it, and focus goes back to where it was when it closes (or to `fallback` if that element
 * is gone).
 */
import { useLayoutEffect } from 'react';
import type { RefObject } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

export function focusablesIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden]'));
}

export function useFocusTrap(
  ref: RefObject<HTMLElement | null>,
  initial: RefObject<HTMLElement | null>,
  fallback?: () => HTMLElement | null,
): void {
  // A layout effect: focus is inside in the same commit that shows the window, so no key pressed
  // in between reaches the page behind it (and a window loaded lazily is no exception).
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    (initial.current ?? root).focus();

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return;
      const items = focusablesIn(root);
      const first = items[0];
      const last = items.at(-1);
      if (!first || !last) {
        event.preventDefault();
        return;
      }
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !root.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !root.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    };
    root.addEventListener('keydown', onKeyDown);
    return () => {
      root.removeEventListener('keydown', onKeyDown);
      const target = previous?.isConnected && previous !== document.body ? previous : (fallback?.() ?? null);
      target?.focus();
    };
    // Runs once per opening: the window is mounted when consent is asked and unmounted after.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
