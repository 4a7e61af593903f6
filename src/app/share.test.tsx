// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from './App';
import { settled } from './simulator/testing';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

beforeEach(() => window.history.replaceState(null, '', '/'));

/** After userEvent.setup(), which puts its own clipboard stub on navigator. */
function stubClipboard(value: unknown) {
  Object.defineProperty(navigator, 'clipboard', { value, configurable: true });
}

describe('copy link to this step', () => {
  it('copies the absolute link of the exact view, without the embedding switches, and says so', async () => {
    window.location.hash = '#/sim?scenario=deny&reg=preregistered&seed=class-7&step=3&embed=1&lock=1&mask=1';
    const user = userEvent.setup();
    const clipboard = { writeText: vi.fn((_text: string) => Promise.resolve()) };
    stubClipboard(clipboard);
    render(<App />);
    await settled();
    await user.click(screen.getByRole('button', { name: /Next/ }));
    await settled();
    // Copied at once, before the address bar's debounced update: the link comes from the run itself.
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(clipboard.writeText).toHaveBeenCalledOnce();
    const url = new URL(String(clipboard.writeText.mock.calls[0]?.[0]));
    expect(url.origin).toBe(window.location.origin);
    const params = new URLSearchParams(url.hash.slice(url.hash.indexOf('?') + 1));
    expect(url.hash.startsWith('#/sim?')).toBe(true);
    expect(Object.fromEntries(params)).toEqual({
      scenario: 'deny',
      reg: 'preregistered',
      seed: 'class-7',
      step: '4',
      mask: '1',
    });
    expect(await screen.findByText('Link copied')).toBeInTheDocument();
  });

  it('shows the link to copy by hand when the clipboard is not available (plain http)', async () => {
    window.location.hash = '#/sim?scenario=deny&step=2';
    const user = userEvent.setup();
    stubClipboard(undefined);
    Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
    render(<App />);
    await settled();
    await user.keyboard('l');
    const dialog = await screen.findByRole('dialog', { name: 'Copy this link' });
    const input = within(dialog).getByRole('textbox', { name: 'Link to this step' });
    expect((input as HTMLInputElement).value).toMatch(/#\/sim\?scenario=deny&.*step=2/);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
