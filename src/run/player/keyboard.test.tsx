// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlayerContext } from './PlayerContext';
import { playerMachine } from './playerMachine';
import { DEFAULT_VIEW } from '../view/view';
import { ViewContext } from '../view/ViewContext';
import { SimulatorScreen } from '../../app/simulator/SimulatorScreen';
import { DEMO, options, renderSim, settled } from '../../app/simulator/testing';
import { shortcutFor } from './useKeyboardShortcuts';

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
});

const key = (k: string, target: EventTarget | null = document.body, presenting = false) =>
  shortcutFor({ key: k, altKey: false, ctrlKey: false, metaKey: false, target }, { presenting });

/** Makes `box` a scroll container with more content than it shows (happy-dom does no layout). */
function overflowing(box: HTMLElement, overflows = true): HTMLElement {
  box.style.overflowY = 'auto';
  Object.defineProperty(box, 'clientHeight', { configurable: true, value: 200 });
  Object.defineProperty(box, 'scrollHeight', { configurable: true, value: overflows ? 900 : 200 });
  return box;
}

/** `child` inside `parent`, attached to the document; returns the child. */
function inside<T extends Element>(parent: HTMLElement, child: T): T {
  parent.append(child);
  document.body.append(parent);
  return child;
}

describe('shortcutFor', () => {
  it('maps the step keys', () => {
    expect(key('ArrowRight')).toEqual({ type: 'NEXT' });
    expect(key(' ')).toEqual({ type: 'NEXT' });
    expect(key('ArrowLeft')).toEqual({ type: 'BACK' });
    expect(key('Home')).toEqual({ type: 'RESET' });
    expect(key('End')).toEqual({ type: 'RUN_TO_END' });
    expect(key('a')).toBeNull();
  });

  it('stays out of form controls, and leaves Space to buttons', () => {
    const select = document.createElement('select');
    const input = document.createElement('input');
    const button = document.createElement('button');
    expect(key('ArrowRight', select)).toBeNull();
    expect(key('End', input)).toBeNull();
    expect(key(' ', button)).toBeNull();
    expect(key('ArrowRight', button)).toEqual({ type: 'NEXT' });
    expect(
      shortcutFor({ key: 'ArrowRight', altKey: true, ctrlKey: false, metaKey: false, target: document.body }),
    ).toBeNull();
  });
});

describe('after a mouse click (pointer mode)', () => {
  const pointerKey = (k: string, target: Element) =>
    shortcutFor({ key: k, altKey: false, ctrlKey: false, metaKey: false, target }, { pointer: true });

  it('a select, a tab or a button gives the step keys back; a text field keeps them', () => {
    const select = document.createElement('select');
    const tab = document.createElement('button');
    tab.setAttribute('role', 'tab');
    const input = document.createElement('input');
    expect(pointerKey('ArrowRight', select)).toEqual({ type: 'NEXT' });
    expect(pointerKey('PageDown', select)).toEqual({ type: 'NEXT' });
    expect(pointerKey(' ', tab)).toEqual({ type: 'NEXT' });
    expect(pointerKey('End', tab)).toEqual({ type: 'RUN_TO_END' });
    expect(pointerKey('ArrowRight', input)).toBeNull();
    expect(pointerKey('PageDown', input)).toBeNull();
  });
});

describe('Page Down and Page Up (a presentation clicker)', () => {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K) => document.createElement(tag);

  it('step wherever focus is, the side column (a tab panel) included', () => {
    const panel = el('div');
    panel.setAttribute('role', 'tabpanel');
    const chip = inside(panel, el('button'));
    expect(key('PageDown', chip)).toEqual({ type: 'NEXT' });
    expect(key('PageUp', panel)).toEqual({ type: 'BACK' });
    expect(key('PageDown', null)).toEqual({ type: 'NEXT' });
    // A tab panel that scrolls but whose content fits has nothing to scroll.
    expect(key('PageDown', inside(overflowing(el('div'), false), el('button')))).toEqual({ type: 'NEXT' });
  });

  it('scroll a box whose content overflows it, except in presenter mode', () => {
    const box = overflowing(el('div'));
    const link = inside(box, el('a'));
    expect(key('PageDown', link)).toBeNull();
    expect(key('PageUp', box)).toBeNull();
    expect(key('PageDown', link, true)).toEqual({ type: 'NEXT' });
    expect(key('PageUp', box, true)).toEqual({ type: 'BACK' });
  });

  it('step in the message list, which keeps its selection in view itself', () => {
    const list = overflowing(el('div'));
    list.setAttribute('role', 'listbox');
    const option = inside(list, el('div'));
    option.setAttribute('role', 'option');
    expect(key('PageDown', option)).toEqual({ type: 'NEXT' });
  });

  it('keep their meaning in text fields always, and in a select outside presenter mode', () => {
    const editable = el('div');
    editable.setAttribute('contenteditable', 'true');
    const checkbox = el('input');
    checkbox.type = 'checkbox';
    for (const field of [el('input'), el('textarea'), editable]) {
      expect(key('PageDown', field)).toBeNull();
      expect(key('PageDown', field, true)).toBeNull();
    }
    expect(key('PageDown', el('select'))).toBeNull();
    expect(key('PageDown', el('select'), true)).toEqual({ type: 'NEXT' });
    expect(key('PageDown', checkbox)).toEqual({ type: 'NEXT' });
  });
});

describe('keyboard shortcuts on the screen', () => {
  it('Right/Space step forward, Left steps back, End runs to the end, Home resets', async () => {
    const user = userEvent.setup();
    renderSim();
    await settled();
    await user.keyboard('{ArrowRight}');
    await settled();
    expect(options()).toHaveLength(1);
    await user.keyboard(' ');
    await settled();
    expect(options()).toHaveLength(2);
    await user.keyboard('{ArrowLeft}');
    await settled();
    expect(options()).toHaveLength(1);
    await user.keyboard('{End}');
    await settled();
    expect(options().length).toBeGreaterThan(30);
    expect(screen.getByRole('status')).toHaveTextContent(/the flow has ended/);
    await user.keyboard('{Home}');
    await settled();
    expect(options()).toHaveLength(0);
  });

  it('does nothing while focus is in a select', async () => {
    const user = userEvent.setup();
    renderSim();
    await settled();
    screen.getByLabelText('Scenario').focus();
    await user.keyboard('{ArrowRight}{End}');
    await settled();
    expect(options()).toHaveLength(0);
  });

  it('Page Down steps with focus in the side column; in presenter mode even where it overflows', async () => {
    const user = userEvent.setup();
    const logic = playerMachine.provide({ delays: { autoplayDelay: 5 } });
    const screenWith = (present: boolean) => (
      <ViewContext.Provider value={{ view: { ...DEFAULT_VIEW, present }, update: () => undefined }}>
        <PlayerContext.Provider logic={logic} options={{ input: { config: DEMO } }}>
          <SimulatorScreen />
        </PlayerContext.Provider>
      </ViewContext.Provider>
    );
    const view = render(screenWith(false));
    await settled();
    const panel = screen.getAllByRole('tabpanel')[0];
    if (!panel) throw new Error('the side column is a tab panel');
    // Focus on something inside the side column, as after clicking a rule chip or a tab.
    panel.tabIndex = -1;
    panel.focus();
    await user.keyboard('{PageDown}');
    await settled();
    expect(options()).toHaveLength(1);

    // Now its content overflows: outside presenter mode Page Down scrolls it instead of stepping…
    overflowing(panel);
    await user.keyboard('{PageDown}');
    await settled();
    expect(options()).toHaveLength(1);
    // …and in presenter mode the clicker steps regardless, both ways.
    view.rerender(screenWith(true));
    panel.focus();
    await user.keyboard('{PageDown}');
    await settled();
    expect(options()).toHaveLength(2);
    await user.keyboard('{PageUp}');
    await settled();
    expect(options()).toHaveLength(1);
  });
});
