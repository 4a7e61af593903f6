// The spec time machine in a real browser: a revision picked in the simulator's toolbar and one
// arriving in a link (rev=), each running that revision's flow to the end; what the revision cannot
// play disabled with when it arrived; What changed opened from the header, another revision picked
// there, and one of its messages opened in the simulator under its revision; the mixed-era matrix;
// and the attack lab under a revision before the defence, where the attacker wins with it on.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { textOf } from './harness';
import type { E2eTest, Session } from './harness';

const DESKTOP = { width: 1440, height: 900 };

const revisionPicker = (page: Page) => page.getByRole('combobox', { name: 'Spec revision' });

async function runToEnd(s: Session): Promise<string[]> {
  await s.page.getByRole('button', { name: 'Run to end' }).click();
  await s.page.waitForSelector('.seq-ghost--ended');
  await s.waitSettled();
  return s.labels();
}

/** The summary of What changed, once both runs are in. */
async function changesSummary(page: Page): Promise<string> {
  const summary = page.locator('.tm-summary');
  await summary.waitFor({ timeout: 20000 });
  return textOf(summary);
}

export const revisionTests: E2eTest[] = [
  {
    name: 'Time machine: a revision picked in the toolbar runs its own flow; what it lacks is disabled',
    slug: 'revision-picker',
    options: { viewport: DESKTOP },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?reg=cimd');
      assert.equal(await revisionPicker(page).inputValue(), '2026-07-28');
      await revisionPicker(page).selectOption('2025-03-26');
      await page.waitForFunction(() => location.hash.includes('rev=2025-03-26'));
      await s.waitSettled();
      assert.equal(await s.messageCount(), 0, 'the run restarted');
      // CIMD is not in 2025-03-26: the run fell back to DCR, and the option says when it arrived.
      assert.equal(await page.getByLabel('Registration').inputValue(), 'dcr');
      const cimd = page.getByLabel('Registration').locator('option[value="cimd"]');
      assert.equal(await cimd.isDisabled(), true);
      assert.equal(await textOf(cimd), 'Client ID Metadata Document (arrived in 2025-11-25, SEP-991)');
      const labels = await runToEnd(s);
      // 2025-03-26: no protected resource metadata; the authorization server at the MCP server's origin.
      assert.ok(!labels.some((l) => l.includes('oauth-protected-resource')), labels.join(' | '));
      assert.ok(labels.includes('GET /.well-known/oauth-authorization-server'), labels.join(' | '));
      assert.match(await textOf(page.locator('.seq-ghost--ended')), /Authorized/);
      await s.axe('the simulator under 2025-03-26');
    },
  },
  {
    name: 'Time machine: a link with rev= opens that revision, and a link to what it lacks falls back',
    slug: 'revision-link',
    options: { viewport: DESKTOP },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=step-up&reg=cimd&rev=2025-06-18');
      assert.equal(await revisionPicker(page).inputValue(), '2025-06-18');
      assert.equal(await page.getByLabel('Scenario').inputValue(), 'first-connection');
      assert.equal(await page.getByLabel('Registration').inputValue(), 'dcr');
      const stepUp = page.getByLabel('Scenario').locator('option[value="step-up"]');
      assert.equal(await stepUp.isDisabled(), true);
      assert.match(await textOf(stepUp), /\(arrived in 2025-11-25, SEP-835\)$/);
      const labels = await runToEnd(s);
      // 2025-06-18: protected resource metadata, and the session transport: notifications/initialized,
      // answered 202 Accepted, which 2026-07-28 (no initialize) never sends.
      assert.ok(
        labels.some((l) => l.includes('oauth-protected-resource')),
        labels.join(' | '),
      );
      assert.ok(labels.includes('202 Accepted'), labels.join(' | '));
      assert.match(page.url(), /rev=2025-06-18/);
    },
  },
  {
    name: 'Time machine: What changed from the header, another revision, a message opened in the simulator',
    slug: 'what-changed',
    options: { viewport: DESKTOP },
    async run(s) {
      const { page } = s;
      await s.go('#/sim');
      await page
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('link', { name: 'Time machine' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Spec time machine' }).waitFor();
      assert.match(await changesSummary(page), /^2025-11-25 → 2026-07-28: /);
      const changes = page.getByRole('list', { name: 'The changes behind them' });
      assert.ok(await changes.getByRole('link', { name: 'SEP-2468' }).count(), 'iss links to SEP-2468');
      await page.getByRole('combobox', { name: 'From revision' }).selectOption('2025-03-26');
      await page.waitForFunction(() => location.hash.includes('from=2025-03-26'));
      assert.match(await changesSummary(page), /^2025-03-26 → 2026-07-28: /);
      const headings = await changes.getByRole('heading').allTextContents();
      assert.ok(
        headings.some((h) => h.startsWith('The MCP server names its authorization server')),
        headings.join(' | '),
      );
      await s.axe('What changed');
      // A message only in 2025-03-26 opens in the simulator, under that revision, selected.
      const open = page.getByRole('link', { name: /^Open message \d+ in 2025-03-26$/ }).first();
      const n = Number(/\d+/.exec(await textOf(open))?.[0]);
      await open.click();
      await page.waitForFunction(() => location.hash.startsWith('#/sim?'));
      await s.waitSettled();
      assert.equal(await revisionPicker(page).inputValue(), '2025-03-26');
      assert.match(await textOf(page.locator('.inspector .panel__count')), new RegExp(`message ${n}$`));
    },
  },
  {
    name: 'Time machine: mixed eras, which combinations complete and where the others break',
    slug: 'mixed-eras',
    options: { viewport: DESKTOP },
    async run(s) {
      const { page } = s;
      await s.go('#/revisions');
      await page.getByRole('link', { name: 'Mixed eras' }).click();
      const table = page.getByRole('table');
      await table.waitFor({ timeout: 20000 });
      const row = table.getByRole('row', { name: /^Client of 2026-07-28/ });
      const cells = row.getByRole('cell');
      assert.match(await textOf(cells.nth(0)), /^✕ Breaks at message \d+: Metadata refused/);
      assert.match(await textOf(cells.nth(0)), /no protected resource metadata at any well-known URL/);
      assert.match(await textOf(cells.nth(3)), /Completes/);
      const dual = table.getByRole('row', { name: /^Dual-era/ });
      assert.equal(await dual.getByText('Completes').count(), 4);
      await s.axe('Mixed eras');
      await cells
        .nth(0)
        .getByRole('link', { name: /^See it/ })
        .click();
      await s.waitSettled();
      assert.match(page.url(), /rev=2025-03-26&client=2026-07-28/);
      assert.match(await textOf(page.locator('.inspector')), /Metadata refused/);
    },
  },
  {
    name: 'Time machine: mix-up under 2025-11-25 wins with the defence on; the lab says why',
    slug: 'attack-before-rule',
    options: { viewport: DESKTOP },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?attack=mix-up&defence=on');
      const lab = page.getByRole('region', { name: /^Attack lab/ });
      if (!(await lab.isVisible())) await page.getByRole('tab', { name: /Attack lab/ }).click();
      assert.match(await textOf(lab), /The defence \(C-19\) arrived in 2026-07-28\./);
      await lab.getByRole('link', { name: 'Run it under 2025-11-25, before the rule' }).click();
      await page.waitForFunction(() => location.hash.includes('rev=2025-11-25'));
      await s.waitSettled();
      if (!(await lab.isVisible())) await page.getByRole('tab', { name: /Attack lab/ }).click();
      assert.equal(await revisionPicker(page).inputValue(), '2025-11-25');
      assert.equal(await lab.getByRole('switch', { name: /^Defence/ }).isChecked(), true);
      assert.match(await textOf(lab), /This run follows 2025-11-25, before the rule/);
      await lab.getByRole('button', { name: 'Run the attack to the end' }).click();
      const outcome = page.getByTestId('attack-outcome');
      await outcome.waitFor({ timeout: 20000 });
      assert.match(await textOf(outcome.getByRole('heading', { level: 4 })), /^Attack succeeded$/);
      await s.axe('the lab under 2025-11-25');
    },
  },
];
