/**
 * Right arrow or Space: next. Left arrow: back. Home: reset. End: run to end. Not while typing or
 * choosing in a form control, and Space is left alone on buttons, links and other widgets that
 * Space activates, so the keyboard keeps its usual meaning there.
 *
 * Page Down and Page Up step too: a presentation clicker sends them, and a speaker cannot see where
 * focus is. So they step wherever focus is (the side column included), except where they have a
 * job of their own: in a text field (they move the caret), a select (they change the choice), or a
 * box whose content overflows it (they scroll it: the reader wants the rest of that text). In
 * presenter mode a clicker wins: only a text field keeps them.
 *
 * After a mouse click (components/interaction.ts), a select, a tab or a button that keeps focus
 * gives the step keys back: a click must not leave the page where → changes the scenario or Space
 * presses Reset again. Only a text field keeps its keys then; a keyboard user keeps the widget's.
 */
import { useEffect } from 'react';
import { pointerMode, trackInteraction } from '../../components/interaction';
import type { PlayerEvent } from './playerMachine';
import { useViewOptions } from '../view/ViewContext';

const FORM_CONTROLS = 'input, select, textarea, [contenteditable=""], [contenteditable="true"]';
const SPACE_WIDGETS =
  'button, a[href], summary, [role="button"], [role="tab"], [role="checkbox"], [role="switch"], [role="menuitem"]';
/** Inputs without a caret: Page keys mean nothing to them. */
const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'reset', 'submit']);

export interface ShortcutOptions {
  /** Presenter mode, or the speaker notes window: Page Down and Page Up step unless typing. */
  presenting?: boolean;
  /** The last thing the learner did was a pointer press: widgets give the step keys back. */
  pointer?: boolean;
}

type KeyEventLike = Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'target'>;

export function shortcutFor(event: KeyEventLike, options: ShortcutOptions = {}): PlayerEvent | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  const target = event.target instanceof Element ? event.target : null;
  const pointer = options.pointer === true;
  if (event.key === 'PageDown' || event.key === 'PageUp') {
    const step: PlayerEvent = { type: event.key === 'PageDown' ? 'NEXT' : 'BACK' };
    return pageKeyStays(target, options.presenting === true || pointer) ? null : step;
  }
  if (target && (pointer ? isTextField(target) : target.closest(FORM_CONTROLS))) return null;
  switch (event.key) {
    case 'ArrowRight':
      return { type: 'NEXT' };
    case ' ':
    case 'Spacebar':
      return !pointer && target?.closest(SPACE_WIDGETS) ? null : { type: 'NEXT' };
    case 'ArrowLeft':
      return { type: 'BACK' };
    case 'Home':
      return { type: 'RESET' };
    case 'End':
      return { type: 'RUN_TO_END' };
    default:
      return null;
  }
}

/** Whether Page Down/Up keep their own meaning where focus is (see the module comment). */
function pageKeyStays(target: Element | null, onlyTextFields: boolean): boolean {
  if (!target) return false;
  if (isTextField(target)) return true;
  if (onlyTextFields) return false;
  return target.closest('select') !== null || inOverflowingBox(target);
}

function isTextField(target: Element): boolean {
  const field = target.closest(FORM_CONTROLS);
  if (!field || field.matches('select')) return false;
  return !(field instanceof HTMLInputElement) || !NON_TEXT_INPUTS.has(field.type);
}

/**
 * Whether focus is in a box that scrolls and has more content than it shows. A listbox is skipped:
 * it keeps its selected option in view itself (the message list), and steps there as before.
 */
function inOverflowingBox(target: Element): boolean {
  const view = target.ownerDocument.defaultView;
  if (!view) return false;
  const root = target.ownerDocument.documentElement;
  for (let box: Element | null = target; box && box !== root && box !== root.ownerDocument.body;) {
    if (!box.matches('[role="listbox"]')) {
      const { overflowY } = view.getComputedStyle(box);
      if ((overflowY === 'auto' || overflowY === 'scroll') && box.scrollHeight > box.clientHeight + 1) {
        return true;
      }
    }
    box = box.parentElement;
  }
  return false;
}

export function useKeyboardShortcuts(send: (event: PlayerEvent) => void): void {
  const presenting = useViewOptions().view.present;
  useEffect(() => {
    trackInteraction();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = shortcutFor(event, { presenting, pointer: pointerMode() });
      if (!action) return;
      event.preventDefault();
      send(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [send, presenting]);
}
