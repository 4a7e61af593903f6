/**
 * Whether the learner is working with the pointer or the keyboard, so the step keys (→, Space,
 * Page Down...) keep stepping after a mouse click on a select or a tab, while a keyboard user who
 * tabbed into that widget keeps its own keys (WAI-ARIA APG: a tab list's arrow keys, a select's
 * arrows). A click leaves focus on what was clicked (Chromium focuses selects and buttons), and
 * without this the next → would change the scenario or the inspector's tab instead of stepping.
 *
 * The rule, as the `:focus-visible` heuristics of browsers have it: a pointer press puts the page in
 * pointer mode; any key that is not a step key (Tab, an arrow the widget uses alone, Enter, a
 * letter) puts it in keyboard mode, and so does focus that moves without a pointer press (a script
 * moving it, as the lab's "Show message" does). The step keys themselves change nothing, so → can
 * be pressed again and again after a click. Keys pressed in a select's open list never reach the
 * page, so choosing there, with the mouse or the keys, leaves the mode as the click set it.
 */

/** The keys that step the flow (useKeyboardShortcuts): they never switch the mode. */
const STEP_KEYS = new Set(['ArrowRight', 'ArrowLeft', ' ', 'Spacebar', 'PageDown', 'PageUp', 'Home', 'End']);
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

let mode: 'pointer' | 'keyboard' = 'keyboard';
let tracking = false;
/** From a pointer press until just after its click: focus that moves then is the pointer's doing. */
let pressing = false;
let released: ReturnType<typeof setTimeout> | undefined;

function onPointerDown(): void {
  mode = 'pointer';
  pressing = true;
  clearTimeout(released);
}

function onPointerUp(): void {
  // The click (and the focus a label's click moves) comes after pointerup, in the same task.
  clearTimeout(released);
  released = setTimeout(() => (pressing = false), 0);
}

function onFocusIn(): void {
  if (!pressing) mode = 'keyboard';
}

function onKeyDown(event: KeyboardEvent): void {
  if (!STEP_KEYS.has(event.key) && !MODIFIERS.has(event.key)) mode = 'keyboard';
}

/** Starts following the learner's input (once per page; capture phase, before any widget sees it). */
export function trackInteraction(doc: Document = document): void {
  if (tracking) return;
  tracking = true;
  doc.addEventListener('pointerdown', onPointerDown, true);
  doc.addEventListener('pointerup', onPointerUp, true);
  doc.addEventListener('pointercancel', onPointerUp, true);
  doc.addEventListener('focusin', onFocusIn, true);
  doc.addEventListener('keydown', onKeyDown, true);
}

/** True when the last thing the learner did was press the pointer (and no key has been used since but step keys). */
export function pointerMode(): boolean {
  return mode === 'pointer';
}

/** For tests: back to the state of a fresh page, which starts in keyboard mode. */
export function resetInteraction(): void {
  mode = 'keyboard';
  pressing = false;
}
