/**
 * Arrow-key movement inside one composite widget (WAI-ARIA APG: tabs move with Left/Right and wrap;
 * a listbox moves with Up/Down and stops at its ends; Home and End go to the first and last). The
 * key is kept from the page's step shortcuts only when the widget uses it, so → still steps the flow
 * from anywhere else.
 */
import type { KeyboardEvent } from 'react';
import { pointerMode } from './interaction';

export interface Roving {
  /** The position of the current item, -1 for none. */
  index: number;
  count: number;
  /** Tabs are horizontal and wrap; a listbox is vertical and stops at its ends. */
  orientation: 'horizontal' | 'vertical';
  /** Moves to the item at this position. */
  go: (index: number) => void;
}

/** The position a key moves to, or undefined when the widget does not use the key. */
export function rovingTarget(
  key: string,
  { index, count, orientation }: Omit<Roving, 'go'>,
): number | undefined {
  if (count === 0) return undefined;
  const [back, forth] = orientation === 'horizontal' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
  const to =
    key === forth
      ? index + 1
      : key === back
        ? index - 1
        : key === 'Home'
          ? 0
          : key === 'End'
            ? count - 1
            : undefined;
  if (to === undefined) return undefined;
  return orientation === 'horizontal' ? (to + count) % count : Math.max(0, Math.min(count - 1, to));
}

/**
 * Handles a keydown for the widget: moves, and keeps the key from the global shortcuts, or does
 * nothing. After a mouse click on the widget (interaction.ts) the keys are the page's: a click on a
 * tab must not turn → into "next tab"; a keyboard user who tabbed in has the widget's keys.
 */
export function onRovingKey(event: KeyboardEvent, roving: Roving): void {
  if (pointerMode()) return;
  const to = rovingTarget(event.key, roving);
  if (to === undefined) return;
  event.preventDefault();
  event.stopPropagation();
  roving.go(to);
}
