// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from './App';
import { options, settled } from './simulator/testing';

afterEach(cleanup);
beforeEach(() => window.history.replaceState(null, '', '/'));

const inspector = () => screen.getByRole('region', { name: /Inspector/ });
const JWT_START = /eyJhbGciOi/;

describe('hide secrets', () => {
  it('masks the tokens in the inspector and the code and state in a URL, and shows them again when off', async () => {
    window.location.hash = '#/sim?scenario=first-connection&reg=dcr&seed=demo&at=token:response&mask=1';
    const user = userEvent.setup();
    render(<App />);
    await settled();
    const body = await waitFor(() => {
      const pre = inspector().querySelector('pre.code--json');
      if (!pre) throw new Error('no body yet');
      return pre;
    });
    expect(body.textContent).toMatch(/"access_token": "eyJ•••••"/);
    expect(body.textContent).toMatch(/"refresh_token": "[^"]{3}•••••"/);
    expect(inspector().textContent).not.toMatch(JWT_START);
    // The same secrets in the list: the callback's URL in the inspector, opened from the list.
    const callback = options().find((o) => o.textContent?.includes('GET /callback'));
    expect(callback).toBeDefined();
    fireEvent.click(callback as HTMLElement);
    await waitFor(() => expect(within(inspector()).getByText(/^&?state$/)).toBeInTheDocument());
    const values = [...inspector().querySelectorAll('.http__value')].map((v) => v.textContent ?? '');
    expect(values.filter((v) => v.includes('•••••'))).toHaveLength(2);
    expect(values).toContain('https://auth.example.com');

    const toggle = screen.getByRole('switch', { name: 'Hide secrets' });
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(window.location.hash).not.toContain('mask=1');
    await waitFor(() =>
      expect(
        [...inspector().querySelectorAll('.http__value')].some((v) => v.textContent?.includes('•')),
      ).toBe(false),
    );
  });

  it('H masks the consent window address bar', async () => {
    window.location.hash = '#/sim?scenario=first-connection&reg=dcr&seed=demo&step=14';
    const user = userEvent.setup();
    render(<App />);
    await settled();
    await user.click(screen.getByRole('button', { name: /Next/ }));
    const dialog = await screen.findByRole('dialog', { name: /wants to access your account/ });
    const address = () => within(dialog).getByRole('group', { name: 'Address bar' }).textContent ?? '';
    expect(address()).toMatch(/state=[A-Za-z0-9_-]{20,}/);
    // Focus is in the consent window; the shortcut works from the page too.
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('h');
    await waitFor(() => expect(address()).toMatch(/state=[A-Za-z0-9_-]{3}•••••&/));
    expect(address()).toContain('code_challenge_method=S256');
  });
});
