// @vitest-environment happy-dom
/**
 * Mixed eras and attacks across time on screen, over the real core: each cell is what a real run
 * decided, with the message (or the reason) that shows it and a link to it in the simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { ATTACKS } from '../../sim/attacks/registry';
import { AttacksView } from './AttacksView';
import { ErasView } from './ErasView';
import { DEFAULT_PARAMS } from './params';

afterEach(cleanup);

const cellsOf = async (name: RegExp) => {
  const table = await screen.findByRole('table', {}, { timeout: 60000 });
  return within(within(table).getByRole('row', { name })).getAllByRole('cell');
};

describe('the Time machine’s matrices', () => {
  it('mixed eras: where a client of 2026-07-28 breaks against older servers, and why', async () => {
    render(<ErasView params={{ ...DEFAULT_PARAMS, view: 'eras' }} />);
    const [old, , , same] = await cellsOf(/^Client of 2026-07-28/);
    expect(old).toHaveTextContent(
      /^✕ Breaks at message \d+: Metadata refused: Metadata found \(C-03\)Metadata found: no protected resource metadata at any well-known URL/,
    );
    expect(within(old as HTMLElement).getByRole('link', { name: /^See it/ })).toHaveAttribute(
      'href',
      expect.stringMatching(
        /^#\/sim\?scenario=first-connection&reg=dcr&seed=demo&rev=2025-03-26&client=2026-07-28&step=\d+&sel=\d+$/,
      ),
    );
    expect(same).toHaveTextContent(/^✓ Completes/);
    // The dual-era client completes everywhere.
    for (const cell of await cellsOf(/^Dual-era/)) expect(cell).toHaveTextContent(/Completes/);
  }, 60000);

  it('attacks across time: mix-up cannot be played before CIMD, works before iss, is stopped after', async () => {
    render(<AttacksView />);
    expect(screen.getByRole('status')).toHaveTextContent(/Playing every attack under every revision/);
    const [arrived, first, second, third, latest] = await cellsOf(new RegExp(`^${ATTACKS['mix-up'].title}`));
    expect(arrived).toHaveTextContent('2026-07-28 (C-19)');
    expect(first).toHaveTextContent(/^— Cannot be played: /);
    expect(second).toHaveTextContent(
      '— Cannot be played: Client ID Metadata Documents arrived in 2025-11-25 (SEP-991).',
    );
    expect(third).toHaveTextContent(/^☠ The attack works/);
    expect(within(third as HTMLElement).getByRole('link', { name: /^Run it/ })).toHaveAttribute(
      'href',
      '#/sim?attack=mix-up&defence=on&rev=2025-11-25',
    );
    expect(latest).toHaveTextContent(/^✓ Stopped \(C-19\)/);
  }, 60000);
});
