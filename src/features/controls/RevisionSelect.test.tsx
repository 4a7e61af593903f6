// @vitest-environment happy-dom
/**
 * The Spec revision picker in the simulator, over a real player and core: choosing a revision
 * restarts the run under it; what the revision cannot play is disabled in the other pickers, each
 * label saying when it arrived; the attack lab says which revision brought each defence, and will
 * not switch on an attack the revision cannot play.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ATTACKS } from '../../sim/attacks/registry';
import { BASE, currentConfig, renderLab } from '../attacks/testing';
import { settled } from '../../app/simulator/testing';

afterEach(cleanup);

const picker = (name: string) => screen.getByRole('combobox', { name });
const option = (select: HTMLElement, name: string | RegExp) => within(select).getByRole('option', { name });

async function openLab(user: ReturnType<typeof userEvent.setup>) {
  await settled();
  await user.click(screen.getByRole('tab', { name: /Attack lab/ }));
  return screen.findByRole('region', { name: /Attack lab/ }, { timeout: 10000 });
}

describe('the Spec revision picker', () => {
  it('runs the flow under the revision chosen, and disables what it cannot play, saying when it arrived', async () => {
    const user = userEvent.setup();
    renderLab({ ...BASE, registration: 'cimd' });
    await settled();
    const revision = picker('Spec revision');
    expect(revision).toHaveValue('2026-07-28');
    expect(option(picker('Registration'), 'Client ID Metadata Document')).toBeEnabled();

    await user.selectOptions(revision, '2025-06-18');
    await settled();
    // CIMD is not in 2025-06-18: the run falls back to DCR, from its first message.
    expect(currentConfig()).toEqual({ ...BASE, revision: '2025-06-18' });
    expect(picker('Registration')).toHaveValue('dcr');
    expect(
      option(picker('Registration'), 'Client ID Metadata Document (arrived in 2025-11-25, SEP-991)'),
    ).toBeDisabled();
    expect(option(picker('Scenario'), /^Step-up.*\(arrived in 2025-11-25, SEP-835\)$/)).toBeDisabled();
    expect(option(picker('Scenario'), 'First connection')).toBeEnabled();

    // Back to the latest: everything is there again, and the config names no revision.
    await user.selectOptions(picker('Spec revision'), '2026-07-28');
    await settled();
    expect(currentConfig()).toEqual(BASE);
    expect(option(picker('Registration'), 'Client ID Metadata Document')).toBeEnabled();
  });

  it('in the lab: mix-up runs before its rule under 2025-11-25, and cannot be switched on under 2025-06-18', async () => {
    const user = userEvent.setup();
    renderLab({ ...BASE, revision: '2025-11-25' });
    const lab = await openLab(user);
    await user.click(await within(lab).findByRole('button', { name: ATTACKS['mix-up'].title }));
    await settled();
    expect(currentConfig().attack).toEqual({ id: 'mix-up', defence: 'off' });
    expect(within(lab).getByText(/The defence \(C-19\) arrived in 2026-07-28\./)).toBeInTheDocument();
    expect(within(lab).getByText(/This run follows 2025-11-25, before the rule/)).toBeInTheDocument();
    expect(within(lab).getByRole('link', { name: 'Run it under 2026-07-28' })).toHaveAttribute(
      'href',
      '#/sim?attack=mix-up&defence=on',
    );
    await user.click(within(lab).getByRole('switch', { name: /^Defence/ }));
    await settled();
    expect(within(lab).getByRole('switch', { name: /^Defence/ })).toHaveAccessibleDescription(
      'On, but 2025-11-25 does not have C-19 yet: its parties do not enforce it.',
    );

    // 2025-06-18 has no Client ID Metadata Documents, which the victim of mix-up uses.
    await user.selectOptions(picker('Spec revision'), '2025-06-18');
    await settled();
    expect(currentConfig()).toEqual({ ...BASE, revision: '2025-06-18' });
    await waitFor(() =>
      expect(
        within(lab).getByText(
          /Under 2025-06-18 this attack cannot be played: Client ID Metadata Documents arrived in 2025-11-25/,
        ),
      ).toBeInTheDocument(),
    );
    const attack = within(lab).getByRole('switch', { name: /^Attack/ });
    expect(attack).not.toBeChecked();
    expect(attack).toBeDisabled();
    expect(within(lab).getByRole('link', { name: 'Run it under 2025-11-25' })).toHaveAttribute(
      'href',
      '#/sim?attack=mix-up&defence=on&rev=2025-11-25',
    );
  });

  it('a link to an attack its revision cannot play: the run gives no verdict, and the lab says why', async () => {
    const user = userEvent.setup();
    renderLab({ ...BASE, revision: '2025-06-18', attack: { id: 'mix-up', defence: 'on' } });
    const lab = await openLab(user);
    expect(
      within(lab).getByText(/Under 2025-06-18 this attack cannot be played: Client ID Metadata Documents/),
    ).toBeInTheDocument();
    // A link switched it on; it can still be switched off.
    expect(within(lab).getByRole('switch', { name: /^Attack/ })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Run to end' }));
    await settled();
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent(/the flow has ended/));
    expect(screen.getByTestId('announcer')).toHaveTextContent(
      /the flow has ended\. This revision cannot play the attack: no verdict\.$/,
    );
    expect(screen.queryByTestId('attack-outcome')).toBeNull();
    expect(screen.getByRole('tab', { name: /Attack lab/ })).toHaveTextContent(/on$/);
    expect(within(lab).getByText(/this run gives no verdict/)).toBeInTheDocument();
  });
});
