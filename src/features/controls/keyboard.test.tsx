// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { options, renderSim, settled } from '../simulator/testing';
import { shortcutFor } from './useKeyboardShortcuts';

afterEach(cleanup);

const key = (k: string, target: EventTarget | null = document.body) =>
  shortcutFor({ key: k, altKey: false, ctrlKey: false, metaKey: false, target });

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
});
