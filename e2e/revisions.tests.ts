// The spec time machine in a real browser: a revision picked in the simulator's toolbar and one
// arriving in a link (rev=), each running that revision's flow to the end; what the revision cannot
// play disabled with when it arrived; What changed opened from the header, another revision picked
// there, and one of its messages opened in the simulator under its revision; the mixed-era matrix;
// and the attack lab under a revision before the defence, where the attacker wins with it on. What
// changed drawn as one diagram and side by side (the choice in the address), on a desktop and on a
// phone, where side by side scrolls in its own region and never the page.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { textOf } from './harness';
import type { E2eTest, Session } from './harness';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The diagram's rows (and folds), in order. */
const diagramRows = (page: Page) =>
  page.getByRole('list', { name: 'Message by message' }).locator(':scope > li');

/** Whether the page itself scrolls sideways (it must not: only the diagram's own region may). */
const pageScrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

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
  {
    name: 'Time machine: What changed as one diagram and side by side, and a message opened from it',
    slug: 'what-changed-diagram',
    options: { viewport: DESKTOP },
    async run(s) {
      const { page } = s;
      await s.go('#/revisions?view=changes&from=2025-06-18&to=2026-07-28&scenario=first-connection&reg=dcr');
      assert.match(
        await changesSummary(page),
        /^2025-06-18 → 2026-07-28: \d+ messages the same, 8 only in 2025-06-18/,
      );
      const region = page.getByRole('region', { name: 'Diagram of 2025-06-18 and 2026-07-28, as one' });
      await region.waitFor();
      // The lanes of the parties, as the simulator names them, over the rows.
      assert.deepEqual(await page.locator('.tmd-head .tmd-lane__long').allTextContents(), [
        'Client',
        'User-Agent (Browser)',
        'MCP Server (Resource Server)',
        'Authorization Server',
      ]);
      // A message only in 2025-06-18 reads, to a screen reader, as one sentence with the change why.
      const removed = diagramRows(page).filter({ hasText: 'Only in 2025-06-18' }).first();
      assert.match(
        await textOf(removed.locator('.visually-hidden').first()),
        /^Message \d+ of 2025-06-18, only in 2025-06-18: .+\. Because of No initialize, no session \(2026-07-28\): /,
      );
      const folds = await page.getByRole('button', { name: /the same in both/ }).count();
      assert.ok(folds > 0, 'the messages the same in both are folded');
      await s.axe('What changed, one diagram');

      await page.getByRole('radio', { name: 'Side by side' }).check();
      await page.waitForFunction(() => location.hash.includes('layout=split'));
      await page.getByRole('region', { name: /side by side$/ }).waitFor();
      assert.equal(
        await page
          .locator('.tmd-head .tmd-runhead')
          .allTextContents()
          .then((t) => t.join(' | ')),
        '2025-06-18 | 2026-07-28',
      );
      assert.ok(
        await removed.getByText('Not in 2026-07-28').isVisible(),
        'the gap where 2026-07-28 has no such message',
      );
      await page.getByRole('radio', { name: 'All messages' }).check();
      await page.waitForFunction(() => location.hash.endsWith('layout=split&show=all'));
      assert.equal(await page.getByRole('button', { name: /the same in both/ }).count(), 0);
      await s.axe('What changed, side by side');
      assert.equal(await pageScrollsSideways(page), false);

      // A message only in 2026-07-28 opens in the simulator, under that revision, selected.
      const added = diagramRows(page).filter({ hasText: 'Only in 2026-07-28' }).first();
      const open = added.getByRole('link', { name: /^Open message \d+ in 2026-07-28$/ }).first();
      const n = Number(await textOf(open));
      assert.ok(n > 0, 'the number is the message');
      await open.click();
      await page.waitForFunction(() => location.hash.startsWith('#/sim?'));
      await s.waitSettled();
      assert.equal(await revisionPicker(page).inputValue(), '2026-07-28');
      assert.match(await textOf(page.locator('.inspector .panel__count')), new RegExp(`message ${n}$`));
      // Back to the diagram as it was left: the address kept every choice.
      await page.goBack();
      await page.getByRole('region', { name: /side by side$/ }).waitFor();
      assert.equal(await page.getByRole('radio', { name: 'All messages' }).isChecked(), true);
    },
  },
  {
    name: 'Time machine: What changed on a phone, in the dark; side by side scrolls in its own region',
    slug: 'what-changed-phone',
    options: { viewport: PHONE, colorScheme: 'dark' },
    async run(s) {
      const { page } = s;
      await s.go('#/revisions?view=changes&from=2025-03-26&to=2026-07-28&scenario=first-connection&reg=dcr');
      await changesSummary(page);
      const merged = page.getByRole('region', { name: /as one$/ });
      await merged.waitFor();
      // One diagram fits the phone: nothing to scroll, so no extra stop for the keyboard.
      assert.equal(await pageScrollsSideways(page), false);
      assert.equal(await merged.getAttribute('tabindex'), null);
      assert.deepEqual(
        await page
          .locator('.tmd-head .tmd-lane__short')
          .evaluateAll((els) => els.map((e) => getComputedStyle(e).display)),
        ['inline', 'inline', 'inline', 'inline'],
        'the short names on narrow lanes',
      );
      // Deep in the diagram, the lane names are still at the top of the screen.
      await diagramRows(page).nth(10).scrollIntoViewIfNeeded();
      const head = await page.locator('.tmd-head').boundingBox();
      assert.ok(head && Math.abs(head.y) < 2, `the lane names pinned: ${JSON.stringify(head)}`);
      await s.axe('What changed on a phone');
      await page.getByRole('radio', { name: 'Side by side' }).check();
      const split = page.getByRole('region', { name: /side by side$/ });
      await split.waitFor();
      assert.equal(await pageScrollsSideways(page), false);
      // Wider than the phone: its own region scrolls, and the keyboard can reach it to scroll it.
      await page.waitForFunction(
        () => document.querySelector('.tmd-scroll')?.getAttribute('tabindex') === '0',
      );
      assert.ok(await split.evaluate((el) => el.scrollWidth > el.clientWidth));
      await split.focus();
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => (document.querySelector('.tmd-scroll')?.scrollLeft ?? 0) > 0);
      // The notes stay on screen however far it is scrolled.
      await split.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
      const note = page.locator('.tmd-row .tmd-note').first();
      const box = await note.boundingBox();
      assert.ok(
        box && box.x >= 0 && box.x + box.width <= PHONE.width + 1,
        `the note in view: ${JSON.stringify(box)}`,
      );
      await s.axe('What changed side by side on a phone');
    },
  },
];
