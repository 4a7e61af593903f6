// @vitest-environment happy-dom
/**
 * What changed, on screen, over the real core: two real runs, each difference marked (only in one,
 * changed) with the change behind it, its spec section and proposal linked, and one sentence why.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CHANGES } from '../../sim/revisions/changes';
import { ChangesView } from './ChangesView';
import { DEFAULT_PARAMS } from './params';
import TimeMachineRoute from './TimeMachineRoute';

afterEach(cleanup);

const summary = () =>
  screen.findByText(/messages the same,/, { selector: '.tm-summary' }, { timeout: 15000 });

describe('What changed', () => {
  it('2025-11-25 to 2026-07-28: each change with its section, its proposal and why; each message marked', async () => {
    render(<ChangesView params={DEFAULT_PARAMS} />);
    expect(await summary()).toHaveTextContent(
      /^2025-11-25 → 2026-07-28: \d+ messages the same, [1-9]\d* only in 2025-11-25, [1-9]\d* only in 2026-07-28, [1-9]\d* changed\./,
    );
    const changes = screen.getByRole('list', { name: 'The changes behind them' });
    const iss = within(changes).getByRole('heading', { name: /^iss in the authorization response/ });
    const card = iss.closest('li');
    if (!card) throw new Error('no card for iss');
    expect(card).toHaveTextContent(CHANGES.iss.why);
    expect(within(card).getByRole('link', { name: CHANGES.iss.spec.label })).toHaveAttribute(
      'href',
      CHANGES.iss.spec.href,
    );
    expect(within(card).getByRole('link', { name: 'SEP-2468' })).toHaveAttribute('href', CHANGES.iss.by.href);
    // Sessions and initialize went by two proposals: both are linked.
    const stateless = within(changes)
      .getByRole('heading', { name: /^No initialize, no session/ })
      .closest('li');
    if (!stateless) throw new Error('no card for the stateless transport');
    expect(
      within(stateless)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([CHANGES.stateless.spec.label, 'SEP-2575', 'SEP-2567']);
    // Only changes of 2026-07-28 explain a move from 2025-11-25 to it.
    for (const heading of within(changes).getAllByRole('heading'))
      expect(heading).toHaveTextContent(/2026-07-28$/);

    const rows = screen.getByRole('list', { name: 'Message by message' });
    // initialize is gone in 2026-07-28: a message only in 2025-11-25, linked to that run.
    const gone = within(rows)
      .getAllByText('Only in 2025-11-25')
      .map((el) => el.closest('li'))
      .find((li) => li?.textContent.includes('initialize'));
    expect(gone).toBeDefined();
    expect(gone).toHaveTextContent('No initialize, no session');
    expect(
      within(gone as HTMLElement).getByRole('link', { name: /^Open message \d+ in 2025-11-25$/ }),
    ).toHaveAttribute(
      'href',
      expect.stringMatching(
        /^#\/sim\?scenario=first-connection&reg=dcr&seed=demo&rev=2025-11-25&step=\d+&sel=\d+$/,
      ),
    );
    // The authorization response gains iss: a changed message naming the parameter.
    const changed = within(rows)
      .getAllByText('Changed')
      .map((el) => el.closest('li'))
      .filter((li) => li?.textContent.includes('iss in the authorization response'))
      .map((li) => li?.textContent ?? '');
    // The metadata now advertises it, and the redirect back carries it.
    expect(changed).toContainEqual(
      expect.stringMatching(
        /authorization_response_iss_parameter_supported \(in the JSON body\): absent → true/,
      ),
    );
    expect(changed).toContainEqual(
      expect.stringMatching(/iss \(in the redirect\): absent → https:\/\/auth\.example\.com/),
    );
  });

  it('a scenario one of the two revisions lacks is not run, and the reason is given', () => {
    render(<ChangesView params={{ ...DEFAULT_PARAMS, from: '2025-06-18', scenario: 'step-up' }} />);
    expect(screen.getByRole('status')).toHaveTextContent(
      'One of the two revisions cannot play this: Step-up on 403 insufficient_scope arrived in 2025-11-25 (SEP-835).',
    );
  });

  it('the route: each choice is a new address, and a scenario the older revision lacks is disabled', async () => {
    const user = userEvent.setup();
    const navigate = vi.fn();
    render(<TimeMachineRoute query="view=changes&from=2025-06-18&to=2026-07-28" navigate={navigate} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Spec time machine' })).toHaveFocus();
    expect(screen.getByRole('link', { name: 'What changed' })).toHaveAttribute('aria-current', 'page');
    const scenario = screen.getByRole('combobox', { name: 'Scenario' });
    expect(
      within(scenario).getByRole('option', { name: /^Step-up.*\(arrived in 2025-11-25, SEP-835\)$/ }),
    ).toBeDisabled();
    await user.selectOptions(screen.getByRole('combobox', { name: 'From revision' }), '2025-03-26');
    expect(navigate).toHaveBeenLastCalledWith(
      '#/revisions?view=changes&from=2025-03-26&to=2026-07-28&scenario=first-connection&reg=dcr',
    );
    expect(await summary()).toHaveTextContent(/^2025-06-18 → 2026-07-28/);
  });
});
