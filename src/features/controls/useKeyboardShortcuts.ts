/**
 * Right arrow or Space: next. Left arrow: back. Home: reset. End: run to end. Page Down and Page Up
 * step too, as a presentation clicker sends them (except inside a scrolling tab panel, which they scroll).
 * Not while typing or choosing in a form control, and Space is left alone on buttons, links and
 * other widgets that Space activates, so the keyboard keeps its usual meaning there.
 */
import { useEffect } from 'react';
import type { PlayerEvent } from '../player/playerMachine';

const FORM_CONTROLS = 'input, select, textarea, [contenteditable=""], [contenteditable="true"]';
const SCROLLERS = '[role="tabpanel"]';
const SPACE_WIDGETS =
  'button, a[href], summary, [role="button"], [role="tab"], [role="checkbox"], [role="switch"], [role="menuitem"]';

export function shortcutFor(
  event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'target'>,
): PlayerEvent | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest(FORM_CONTROLS)) return null;
  switch (event.key) {
    case 'ArrowRight':
      return { type: 'NEXT' };
    case ' ':
    case 'Spacebar':
      return target?.closest(SPACE_WIDGETS) ? null : { type: 'NEXT' };
    case 'ArrowLeft':
      return { type: 'BACK' };
    case 'PageDown':
      return target?.closest(SCROLLERS) ? null : { type: 'NEXT' };
    case 'PageUp':
      return target?.closest(SCROLLERS) ? null : { type: 'BACK' };
    case 'Home':
      return { type: 'RESET' };
    case 'End':
      return { type: 'RUN_TO_END' };
    default:
      return null;
  }
}

export function useKeyboardShortcuts(send: (event: PlayerEvent) => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = shortcutFor(event);
      if (!action) return;
      event.preventDefault();
      send(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [send]);
}
