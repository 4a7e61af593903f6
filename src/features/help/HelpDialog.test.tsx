// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { options, renderSim, settled } from '../../app/simulator/testing';
import { SHORTCUT_GROUPS, setCharacterShortcuts } from './shortcuts';

afterEach(cleanup);
beforeEach(() => setCharacterShortcuts(true));

async function openHelp() {
  const user = userEvent.setup();
  renderSim();
  await settled();
  const opener = screen.getByRole('button', { name: 'Keyboard shortcuts' });
  await user.click(opener);
  const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
  return { user, opener, dialog };
}

describe('the help dialog', () => {
  it('is a modal dialog that takes focus and lists every shortcut', async () => {
    const { dialog } = await openHelp();
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(within(dialog).getByRole('heading', { level: 2, name: 'Keyboard shortcuts' })).toHaveFocus();
    for (const group of SHORTCUT_GROUPS) {
      for (const shortcut of group.shortcuts)
        expect(within(dialog).getByText(shortcut.action)).toBeInTheDocument();
    }
    for (const key of ['P', 'F', 'N', 'H', 'L', 'E', '?', 'Page Down', 'Page Up', 'Home', 'End'])
      expect(within(dialog).getAllByText(key, { selector: 'kbd' }).length).toBeGreaterThan(0);
  });

  it('traps Tab, keeps keys from the page behind, and Escape returns focus to its button', async () => {
    const { user, opener, dialog } = await openHelp();
    const close = within(dialog).getByRole('button', { name: 'Close' });
    const checkbox = within(dialog).getByRole('checkbox');
    await user.tab();
    expect(close).toHaveFocus();
    await user.tab();
    expect(checkbox).toHaveFocus();
    await user.tab();
    expect(close).toHaveFocus();
    await user.tab({ shift: true });
    expect(checkbox).toHaveFocus();
    // An arrow key in the dialog must not step the flow behind it.
    await user.keyboard('{ArrowRight}');
    await settled();
    expect(options()).toHaveLength(0);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(opener).toHaveFocus();
  });

  it('opens with ?, closes with its button, and its switch turns the single-key shortcuts off', async () => {
    const user = userEvent.setup();
    renderSim();
    await settled();
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    await user.click(within(dialog).getByRole('checkbox'));
    expect(within(dialog).getAllByText('(turned off)').length).toBeGreaterThan(0);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('?');
    expect(screen.queryByRole('dialog')).toBeNull();
    // The step keys are not character shortcuts: they still work.
    await user.keyboard('{ArrowRight}');
    await settled();
    await waitFor(() => expect(options()).toHaveLength(1));
  });
});
