// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from './App';
import { setCharacterShortcuts } from '../features/help/shortcuts';
import { settled } from './simulator/testing';

afterEach(cleanup);

beforeEach(() => {
  window.history.replaceState(null, '', '/');
  setCharacterShortcuts(true);
});

const app = () => document.querySelector('.app');
const hashParams = () =>
  new URLSearchParams(window.location.hash.slice(window.location.hash.indexOf('?') + 1));

describe('presenter mode', () => {
  it('P switches to the presenter layout; + and − scale it; the URL keeps both', async () => {
    window.location.hash = '#/sim?scenario=first-connection&reg=dcr&seed=demo&step=2';
    const user = userEvent.setup();
    render(<App />);
    await settled();
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(app()).not.toHaveClass('app--present');

    await user.keyboard('p');
    expect(app()).toHaveClass('app--present');
    // No header, the high-contrast palette, and the presenter's own controls.
    expect(screen.queryByRole('banner')).toBeNull();
    expect(document.documentElement.dataset.contrast).toBe('high');
    expect(screen.getByRole('button', { name: 'Speaker notes' })).toBeInTheDocument();
    expect(hashParams().get('present')).toBe('1');
    // The run is untouched by the change of layout.
    expect(hashParams().get('step')).toBe('2');

    await user.keyboard('+');
    expect(hashParams().get('scale')).toBe('1.125');
    expect((app() as HTMLElement).style.getPropertyValue('--present-scale')).toBe('1.125');
    await user.click(screen.getByRole('button', { name: 'Bigger' }));
    expect(hashParams().get('scale')).toBe('1.25');
    expect(screen.getByText('125%')).toBeInTheDocument();
    await user.keyboard('-');
    expect(hashParams().get('scale')).toBe('1.125');
    await user.keyboard('0');
    expect(hashParams().has('scale')).toBe(false);
    for (let i = 0; i < 12; i++) await user.keyboard('-');
    expect(hashParams().get('scale')).toBe('0.75');
    expect(screen.getByRole('button', { name: 'Smaller' })).toHaveAttribute('aria-disabled', 'true');

    const exit = screen.getByRole('button', { name: 'Exit presenter' });
    await user.click(exit);
    expect(app()).not.toHaveClass('app--present');
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(document.documentElement.dataset.contrast).toBeUndefined();
    expect(hashParams().has('present')).toBe(false);
    expect(hashParams().has('scale')).toBe(false);
    // The keyboard stays on the toggle, now in the header.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Present' })).toHaveFocus());
  });

  it('opens in presenter mode at the scale the link says', async () => {
    window.location.hash = '#/sim?scenario=deny&step=1&present=1&scale=1.5';
    render(<App />);
    await settled();
    expect(app()).toHaveClass('app--present');
    expect((app() as HTMLElement).style.getPropertyValue('--present-scale')).toBe('1.5');
    expect(screen.getByText('150%')).toBeInTheDocument();
  });

  it('Page Down and Page Up step like a presentation clicker', async () => {
    window.location.hash = '#/sim?scenario=first-connection&reg=dcr&seed=demo&present=1';
    const user = userEvent.setup();
    render(<App />);
    await settled();
    await user.keyboard('{PageDown}');
    await settled();
    await user.keyboard('{PageDown}');
    await settled();
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 2, name: /401 Unauthorized/ })).toBeInTheDocument(),
    );
    await user.keyboard('{PageUp}');
    await settled();
    await waitFor(() =>
      expect(
        screen.getByRole('heading', { level: 2, name: 'MCP request without a token' }),
      ).toBeInTheDocument(),
    );
  });

  it('character shortcuts can be turned off (WCAG 2.1.4); the buttons still work', async () => {
    window.location.hash = '#/sim?step=1';
    const user = userEvent.setup();
    render(<App />);
    await settled();
    setCharacterShortcuts(false);
    await user.keyboard('p');
    expect(app()).not.toHaveClass('app--present');
    await user.click(screen.getByRole('button', { name: 'Present' }));
    expect(app()).toHaveClass('app--present');
  });

  it('keeps the message list, the diagram’s text alternative, reachable: Messages opens it, Escape closes', async () => {
    window.location.hash = '#/sim?scenario=first-connection&reg=dcr&seed=demo&step=3&present=1';
    const user = userEvent.setup();
    render(<App />);
    await settled();
    expect(app()).toHaveClass('app--present');
    // Still in the accessibility tree with its messages (presenter.css only clips it out of sight).
    const list = screen.getByRole('listbox', { name: /Messages/ });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(3));
    const opener = screen.getByRole('button', { name: 'Messages 3' });
    expect(opener).toHaveAttribute('aria-disabled', 'false');
    await user.click(opener);
    const newest = within(list).getByRole('option', { current: 'step' });
    expect(newest).toHaveFocus();
    expect(document.activeElement?.closest('.sim__list')).not.toBeNull();
    // Up and down move through the messages as usual; a clicker still steps from inside the list.
    await user.keyboard('{ArrowUp}');
    expect(within(list).getAllByRole('option')[1]).toHaveFocus();
    await user.keyboard('{PageDown}');
    await settled();
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(4));
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'Messages 4' })).toHaveFocus();
  });

  it('a clicker steps with focus in the side column', async () => {
    window.location.hash = '#/sim?scenario=first-connection&reg=dcr&seed=demo&step=1&present=1';
    const user = userEvent.setup();
    render(<App />);
    await settled();
    const panel = screen.getAllByRole('tabpanel')[0];
    if (!panel) throw new Error('the side column is a tab panel');
    // A control in the explanation (a rule chip), as after the speaker clicked it.
    within(panel).getAllByRole('button')[0]?.focus();
    expect(panel.contains(document.activeElement)).toBe(true);
    await user.keyboard('{PageDown}');
    await settled();
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 2, name: /401 Unauthorized/ })).toBeInTheDocument(),
    );
  });
});
