// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { options, renderSim, settled } from './testing';

afterEach(cleanup);

describe('SimulatorScreen: stepping', () => {
  it('Next adds an arrow and a list entry, and updates the explanation', async () => {
    const user = userEvent.setup();
    const { container } = renderSim();
    await settled();
    expect(screen.getByRole('heading', { level: 2, name: /Watch an MCP client/ })).toBeInTheDocument();
    expect(screen.getByText(/Press Next to send the first request/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Next/ }));
    await settled();
    expect(options()).toHaveLength(1);
    expect(await screen.findByTestId('seq-arrow-0')).toHaveAccessibleName(
      'Message 1: POST /mcp (current step)',
    );
    expect(container.querySelector('.seq-label[data-seq="0"]')).toHaveTextContent('POST /mcp');
    expect(
      screen.getByRole('heading', { level: 2, name: 'MCP request without a token' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/with no Authorization header/)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Step 1: MCP request without a token');

    await user.click(screen.getByRole('button', { name: /Next/ }));
    await settled();
    expect(options()).toHaveLength(2);
    expect(await screen.findByTestId('seq-arrow-1')).toHaveAccessibleName(/^Message 2: 401 Unauthorized/);
    expect(screen.getByTestId('seq-arrow-0')).toHaveAccessibleName('Message 1: POST /mcp');
    expect(
      screen.getByRole('heading', { level: 2, name: '401 Unauthorized + WWW-Authenticate' }),
    ).toBeInTheDocument();
    // The newest arrow is the current one; the earlier one is drawn as past.
    expect(container.querySelector('.seq-label[data-seq="1"]')).toHaveAttribute('data-status', 'current');
    expect(container.querySelector('.seq-label[data-seq="0"]')).toHaveAttribute('data-status', 'past');
    expect(options()[1]).toHaveAttribute('aria-current', 'step');
    expect(options()[0]).not.toHaveAttribute('aria-current');
  });

  it('Next draws the arrow at once; the list, the announcement and the explanation follow a frame later', async () => {
    const { container } = renderSim({ target: { kind: 'count', count: 3 } });
    await settled();
    expect(options()).toHaveLength(3);
    const title = () => container.querySelector('.explainer__title')?.textContent;
    const before = title();
    // The next message is already built: the key shows its arrow in the same update (see PanelView).
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(container.querySelector('.seq-label[data-seq="3"]')).toHaveAttribute('data-status', 'current');
    expect(options()).toHaveLength(3);
    expect(title()).toBe(before);
    expect(screen.getByRole('group', { name: 'Step controls' })).toHaveAttribute('data-status', 'busy');
    await settled();
    expect(options()).toHaveLength(4);
    expect(options()[3]).toHaveAttribute('aria-current', 'step');
    expect(screen.getByRole('status')).toHaveTextContent(/^Step 4:/);
    expect(title()).not.toBe(before);
  });

  it('Back removes the newest message; the rule chips show the rule text', async () => {
    const user = userEvent.setup();
    renderSim({ target: { kind: 'count', count: 3 } });
    await settled();
    expect(options()).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: /Back/ }));
    await settled();
    expect(options()).toHaveLength(2);
    expect(
      screen.getByRole('heading', { level: 2, name: '401 Unauthorized + WWW-Authenticate' }),
    ).toBeInTheDocument();

    const chip = screen.getByRole('button', { name: 'S-02' });
    await user.click(chip);
    expect(chip).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText(/S-02/, { selector: 'strong' }).closest('.rules__panel')).toBeVisible();
  });

  it('selecting an arrow opens that message in the inspector and selects it in the list', async () => {
    const { container } = renderSim({ target: { kind: 'count', count: 4 } });
    await settled();
    const label = await waitFor(() => {
      const el = container.querySelector<HTMLElement>('.seq-label[data-seq="2"]');
      if (!el) throw new Error('no label yet');
      return el;
    });
    // A plain click: user-event's mousedown has no `view`, which d3-zoom's pan handler needs
    // (a real browser has one; the e2e suite clicks arrows for real).
    fireEvent.click(label);
    const inspector = screen.getByRole('region', { name: /Inspector/ });
    expect(within(inspector).getByText('GET protected resource metadata')).toBeInTheDocument();
    expect(
      within(inspector).getByText('https://mcp.example.com/.well-known/oauth-protected-resource/mcp'),
    ).toBeInTheDocument();
    expect(options()[2]).toHaveAttribute('aria-selected', 'true');
    expect(container.querySelector('.seq-label[data-seq="2"]')).toHaveClass('seq-label--selected');
  });

  it('the message list is keyboard navigable and drives the same selection', async () => {
    const user = userEvent.setup();
    renderSim({ target: { kind: 'count', count: 4 } });
    await settled();
    const current = options()[3]!;
    expect(current).toHaveAttribute('tabindex', '0');
    current.focus();
    await user.keyboard('{ArrowUp}');
    expect(options()[2]).toHaveAttribute('aria-selected', 'true');
    expect(options()[2]).toHaveFocus();
    await user.keyboard('{Home}');
    expect(options()[0]).toHaveAttribute('aria-selected', 'true');
    // Home inside the list moves the selection; it does not reset the run.
    expect(options()).toHaveLength(4);
    const inspector = screen.getByRole('region', { name: /Inspector/ });
    expect(within(inspector).getByText(/message 1/)).toBeInTheDocument();
  });

  it('Run to end finishes the flow and states the outcome', async () => {
    const user = userEvent.setup();
    const { container } = renderSim();
    await settled();
    await user.click(screen.getByRole('button', { name: /Run to end/ }));
    await settled();
    expect(options().length).toBeGreaterThan(30);
    expect(screen.getAllByText(/Authorized: the tool ran/).length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: /Next/ })).toHaveAttribute('aria-disabled', 'true');
    await waitFor(() => expect(container.querySelector('.seq-ghost--ended')).not.toBeNull());
  });

  it('Autoplay plays until the consent page opens', async () => {
    const user = userEvent.setup();
    renderSim();
    await settled();
    await user.click(screen.getByRole('button', { name: /Autoplay/ }));
    expect(await screen.findByRole('dialog', {}, { timeout: 10000 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Pause/ })).toHaveAttribute('aria-pressed', 'true');
  });
});
