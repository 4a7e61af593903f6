// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AttackId } from '../../sim/attacks/ids';
import { ATTACKS } from '../../sim/attacks/registry';
import { runFlow } from '../../sim/flow/simulation';
import type { RunConfig } from '../../sim/flow/simulation';
import { diffRuns } from '../../sim/trace/diff';
import * as core from '../../run/core/core';
import { CompareDialog } from './CompareDialog';

const BASE: RunConfig = { seed: 'demo', scenario: 'first-connection', registration: 'dcr' };

afterEach(cleanup);

/** The first difference, computed here from two headless runs, independently of the view. */
async function expectedDiff(id: AttackId) {
  const off = await runFlow({ ...BASE, attack: { id, defence: 'off' } });
  const on = await runFlow({ ...BASE, attack: { id, defence: 'on' } });
  return { index: diffRuns(off.trace, on.trace).firstDifference, off, on };
}

async function openCompare(id: AttackId) {
  const onClose = vi.fn();
  render(<CompareDialog core={core} config={BASE} attack={ATTACKS[id]} onClose={onClose} />);
  const dialog = screen.getByRole('dialog', { name: `${ATTACKS[id].title}: defence off and on` });
  await within(dialog).findByRole('table', {}, { timeout: 15000 });
  return { dialog, onClose };
}

function firstDifferenceRow(dialog: HTMLElement): HTMLElement {
  const rows = within(dialog)
    .getAllByRole('row')
    .filter((r) => within(r).queryByText('First difference'));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('the side-by-side view of the vulnerable and the defended run', () => {
  it('mix-up: highlights the callback check where the client discards the response', async () => {
    const { index, on } = await expectedDiff('mix-up');
    expect(index).not.toBeNull();
    const { dialog } = await openCompare('mix-up');
    const row = firstDifferenceRow(dialog);
    expect(within(row).getByRole('rowheader')).toHaveTextContent(`${(index ?? 0) + 1}First difference`);
    // Defence on: the iss check failed, and that is where the attack was stopped (C-19).
    const cells = within(row).getAllByRole('cell');
    expect(cells).toHaveLength(2);
    expect(cells[1]).toHaveTextContent(/Response discarded: iss check failed/);
    expect(cells[1]).toHaveTextContent(/attack stopped here by rule C-19/);
    expect(cells[0]).not.toHaveTextContent(/iss check failed/);
    expect(on.attack?.stoppedAt?.seq).toBe(index);
    expect(screen.getByTestId('compare-summary')).toHaveTextContent(
      `Message ${(index ?? 0) + 1} is the first difference`,
    );
    expect(screen.getByTestId('compare-summary')).toHaveTextContent(
      'That is where the defence stopped the attack (rule C-19).',
    );
    // Each side's outcome.
    const sides = within(dialog)
      .getAllByRole('region')
      .filter((r) => r.tagName === 'SECTION');
    expect(sides[0]).toHaveTextContent(/Defence off.*Attack succeeded/);
    expect(sides[1]).toHaveTextContent(
      new RegExp(`Defence on.*Attack stopped at message ${(index ?? 0) + 1} by rule C-19`),
    );
  });

  it('stolen code without PKCE: the first difference is the client skipping PKCE, named parameter by parameter', async () => {
    const { index, on } = await expectedDiff('stolen-code-no-pkce');
    const { dialog } = await openCompare('stolen-code-no-pkce');
    const row = firstDifferenceRow(dialog);
    expect(within(row).getByRole('rowheader')).toHaveTextContent(String((index ?? 0) + 1));
    const cells = within(row).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent(/Request ready without PKCE/);
    expect(cells[1]).toHaveTextContent(/PKCE, state and expected issuer ready/);
    // The parameter that differs, in the row right under the first difference.
    expect(row.nextElementSibling).toHaveTextContent(
      'What differs: PKCE verifier and challenge (check): "skipped" with the defence off, "pass" with it on',
    );
    // The stop comes later, where the server checks the verifier.
    const stop = on.attack?.stoppedAt;
    expect(stop).toMatchObject({ rule: 'A-16' });
    expect(screen.getByTestId('compare-summary')).toHaveTextContent(
      `The defence stopped the attack at message ${(stop?.seq ?? 0) + 1} (rule A-16).`,
    );
  });

  it('state-handle hijack: the refusing tool result (200 with isError) is the first difference', async () => {
    const { index, on } = await expectedDiff('state-handle-hijack');
    const stop = on.attack?.stoppedAt?.seq ?? -1;
    expect(index).toBe(stop);
    const { dialog } = await openCompare('state-handle-hijack');
    expect(within(firstDifferenceRow(dialog)).getByRole('rowheader')).toHaveTextContent(String(stop + 1));
    expect(screen.getByTestId('compare-summary')).toHaveTextContent('rule S-19');
  });

  it('folds the shared beginning, unfolds it from the keyboard, and closes', async () => {
    const user = userEvent.setup();
    const { dialog, onClose } = await openCompare('code-replay');
    const fold = within(dialog).getByRole('button', { name: /Show messages 1–\d+, the same in both runs/ });
    const before = within(dialog).getAllByRole('row').length;
    fold.focus();
    await user.keyboard('{Enter}');
    expect(fold).toHaveAttribute('aria-expanded', 'true');
    expect(within(dialog).getAllByRole('row').length).toBeGreaterThan(before);
    expect(within(dialog).getAllByText('same in both runs').length).toBeGreaterThan(10);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });
});
