/**
 * Every keyboard shortcut of the app, listed once for the help dialog, and the switch for the
 * single-character ones (P, F, N, H, Q, I, A, D, L, E, ?, +, -, 0). WCAG 2.2 SC 2.1.4 asks that shortcuts made
 * of one character can be turned off: speech-input users would otherwise trigger them by talking.
 */
import { useSyncExternalStore } from 'react';

export interface Shortcut {
  keys: readonly string[];
  action: string;
}

export interface ShortcutGroup {
  title: string;
  /** Where the keys work, when not everywhere on the simulator. */
  where?: string;
  /** One-character keys: off when the learner turns character shortcuts off. */
  character?: boolean;
  shortcuts: readonly Shortcut[];
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Stepping',
    shortcuts: [
      { keys: ['→', 'Space', 'Page Down'], action: 'Next message (a presentation clicker works too)' },
      { keys: ['←', 'Page Up'], action: 'Back one message' },
      { keys: ['Home'], action: 'Reset the run' },
      { keys: ['End'], action: 'Run to the end' },
    ],
  },
  {
    title: 'Presenting',
    character: true,
    shortcuts: [
      { keys: ['P'], action: 'Presenter mode on or off' },
      { keys: ['F'], action: 'Fullscreen on or off' },
      { keys: ['+', '−'], action: 'Bigger or smaller text and diagram (presenter mode)' },
      { keys: ['0'], action: 'Back to 100% (presenter mode)' },
      { keys: ['N'], action: 'Open the speaker notes window' },
      { keys: ['H'], action: 'Hide or show secrets (tokens, codes, verifier, state)' },
      { keys: ['Q'], action: 'Predict mode on or off: a question before each message' },
      { keys: ['I'], action: 'The inspector, in large type (presenter mode); in view otherwise' },
      { keys: ['A'], action: 'The attack lab, or back to the step' },
      { keys: ['D'], action: 'Defence on or off, for the attack that runs (the run restarts)' },
    ],
  },
  {
    title: 'Sharing',
    character: true,
    shortcuts: [
      { keys: ['L'], action: 'Copy a link to this step' },
      { keys: ['E'], action: 'Export the run (Mermaid, SVG, PNG, HAR)' },
      { keys: ['?'], action: 'This list of shortcuts' },
    ],
  },
  {
    title: 'Inside lists, tabs and dialogs',
    shortcuts: [
      { keys: ['↑', '↓'], action: 'Another message, in the message list' },
      { keys: ['Home', 'End'], action: 'First or last message, in the message list' },
      { keys: ['←', '→'], action: "Another view, in the inspector's tabs" },
      { keys: ['1', '2', '3', '4'], action: 'Answer the question, in the Predict card' },
      { keys: ['Tab', 'Shift+Tab'], action: 'Move between controls' },
      { keys: ['Esc'], action: 'Close a dialog, or the message drawer in presenter mode' },
      {
        keys: ['Page Down', 'Page Up'],
        action: 'Scroll a box whose text overflows it (outside presenter mode)',
      },
    ],
  },
];

const KEY = 'mcp-sim-character-shortcuts';
const listeners = new Set<() => void>();
let memory: boolean | null = null;

export function characterShortcutsOn(): boolean {
  if (memory !== null) return memory;
  try {
    return window.localStorage.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setCharacterShortcuts(on: boolean): void {
  memory = on;
  try {
    window.localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // Private mode: the choice lasts for this page.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useCharacterShortcuts(): boolean {
  return useSyncExternalStore(subscribe, characterShortcutsOn, () => true);
}
