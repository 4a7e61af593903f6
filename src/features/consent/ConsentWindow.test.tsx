// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { options, renderSim, settled } from '../../app/simulator/testing';

afterEach(cleanup);

async function openConsent() {
  const user = userEvent.setup();
  renderSim({ target: { kind: 'count', count: 14 } });
  await settled();
  const next = screen.getByRole('button', { name: /Next/ });
  await user.click(next);
  const dialog = await screen.findByRole('dialog', { name: /wants to access your account/ });
  return { user, next, dialog };
}

describe('the consent window', () => {
  it('opens with the consent page, shows the real authorization URL and takes focus', async () => {
    const { dialog } = await openConsent();
    const authorize = options().find((o) => o.textContent?.includes('GET /authorize'));
    expect(authorize).toBeDefined();
    const address = within(dialog).getByRole('group', { name: 'Address bar' });
    expect(address).toHaveTextContent(
      /^https:\/\/auth\.example\.com\/authorize\?response_type=code&client_id=/,
    );
    expect(address).toHaveTextContent('code_challenge_method=S256');
    expect(within(dialog).getByText('Read your files')).toBeInTheDocument();
    expect(within(dialog).getByText('127.0.0.1:33418')).toBeInTheDocument();
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(within(dialog).getByRole('heading', { level: 2 })).toHaveFocus();
  });

  it('traps Tab inside the window', async () => {
    const { user, dialog } = await openConsent();
    const approve = within(dialog).getByRole('button', { name: 'Approve' });
    approve.focus();
    await user.tab();
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await user.tab({ shift: true });
    expect(approve).toHaveFocus();
  });

  it('Next while the window waits announces it and brings focus back to it', async () => {
    const { user, next, dialog } = await openConsent();
    next.focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('status')).toHaveTextContent(/choose Approve or Deny/);
    await waitFor(() =>
      expect(screen.getByRole('dialog')).toContainElement(document.activeElement as HTMLElement),
    );
    expect(options()).toHaveLength(15);
    expect(dialog).toBeInTheDocument();
  });

  it('Approve sends the decision, closes the window and returns focus', async () => {
    const { user, next, dialog } = await openConsent();
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await settled();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(options().at(-1)).toHaveTextContent('The user approves');
    expect(next).toHaveFocus();
    await user.click(next);
    await settled();
    expect(options().at(-1)).toHaveTextContent('POST /authorize/decision');
  });

  it('Deny leads to error=access_denied and no token', async () => {
    const { user, dialog } = await openConsent();
    await user.click(within(dialog).getByRole('button', { name: 'Deny' }));
    await settled();
    expect(options().at(-1)).toHaveTextContent('The user denies');
    await user.click(screen.getByRole('button', { name: /Run to end/ }));
    await settled();
    const texts = options().map((o) => o.textContent ?? '');
    expect(texts.some((t) => t.includes('The user said no'))).toBe(true);
    expect(texts.some((t) => t.includes('POST /token'))).toBe(false);
  });
});
