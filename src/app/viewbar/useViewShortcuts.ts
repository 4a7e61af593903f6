/**
 * The one-character shortcuts of presenting and sharing: P presenter mode, F fullscreen, N speaker
 * notes, H hide secrets, Q predict mode, + and - scale, 0 scale 100%, L copy link, E export, ? help. Like the step
 * keys, never while typing in a form control or with Ctrl/Alt/Cmd held; and all of them can be
 * turned off in the help dialog (WCAG 2.1.4, see features/help/shortcuts.ts).
 */
import { useEffect } from 'react';
import { characterShortcutsOn } from '../../features/help/shortcuts';

export type ViewAction =
  | 'present'
  | 'fullscreen'
  | 'notes'
  | 'mask'
  | 'predict'
  | 'bigger'
  | 'smaller'
  | 'reset-scale'
  | 'link'
  | 'export'
  | 'help';

const FORM_CONTROLS = 'input, select, textarea, [contenteditable=""], [contenteditable="true"]';

const KEYS: Record<string, ViewAction> = {
  p: 'present',
  f: 'fullscreen',
  n: 'notes',
  h: 'mask',
  q: 'predict',
  '+': 'bigger',
  '=': 'bigger',
  '-': 'smaller',
  _: 'smaller',
  '0': 'reset-scale',
  l: 'link',
  e: 'export',
  '?': 'help',
};

/** A key typed into a form control is the control's. */
export function inFormControl(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(FORM_CONTROLS) !== null;
}

export function viewActionFor(
  event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'target'>,
): ViewAction | null {
  if (event.altKey || event.ctrlKey || event.metaKey || inFormControl(event.target)) return null;
  return KEYS[event.key.length === 1 ? event.key.toLowerCase() : ''] ?? null;
}

export function useViewShortcuts(run: (action: ViewAction) => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !characterShortcutsOn()) return;
      const action = viewActionFor(event);
      if (!action) return;
      event.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [run]);
}
