// The attack lab in a real browser: for each attack, defence off → the attacker wins; defence on →
// she is stopped, the banner names the rule, the stopping arrow is marked on the diagram; the
// side-by-side view points at the first difference. Light and dark, 1280x720 and 1920x1080, axe
// with the lab (and the comparison) open, and one run driven by the keyboard alone.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ATTACK_IDS } from '../src/sim/attacks/ids';
import { PARTIES } from '../src/sim/parties';
import { textOf } from './harness';
import type { E2eTest, Session } from './harness';

/** A card names the party an attack targets (a rule party: client, MCP server, authorization server). */
const TARGETS = new RegExp(
  `Targets: (${[PARTIES.client.name, PARTIES.mcp.name, PARTIES.as.name, PARTIES.idp.name].join('|')})Rules: [ACSI]-\\d\\d`,
);

const HD = { width: 1920, height: 1080 };

const labTab = (page: Page) => page.getByRole('tab', { name: /Attack lab/ });
const lab = (page: Page) => page.getByRole('region', { name: /^Attack lab/ });
const outcome = (page: Page) => page.getByTestId('attack-outcome');

async function openLab(s: Session): Promise<void> {
  await labTab(s.page).click();
  await lab(s.page).waitFor();
}

/** Chooses an attack from the lab's list; the run restarts with the defence off. */
async function choose(s: Session, id: string): Promise<void> {
  const { page } = s;
  const card = lab(page).locator(`.lab-card[data-attack="${id}"]`);
  assert.equal(await card.getAttribute('aria-pressed'), 'false');
  await card.click();
  await page.waitForFunction((want) => location.hash.includes(want), `attack=${id}&defence=off`);
  await s.waitSettled();
}

/** Waits until the run has ended (the toolbar says so). */
async function finished(s: Session): Promise<void> {
  await s.page.waitForFunction(
    () => document.querySelector('.toolbar')?.getAttribute('data-status') === 'finished',
  );
}

/** The lanes drawn: the header boxes in view, or the pinned names once they have scrolled away. */
const lanesDrawn = (page: Page) => page.locator('.seq-lane, .seq-sticky__lane').allTextContents();

async function runToEnd(s: Session): Promise<void> {
  await lab(s.page).getByRole('button', { name: 'Run the attack to the end' }).click();
  await finished(s);
  await s.waitSettled();
  await outcome(s.page).waitFor();
}

/** Defence off: the banner says the attacker won, the live region says so, the theft is marked. */
async function expectSucceeded(s: Session, id: string): Promise<void> {
  const { page } = s;
  const banner = outcome(page);
  assert.match(await textOf(banner.getByRole('heading', { level: 4 })), /^Attack succeeded$/);
  assert.match(await textOf(page.getByTestId('announcer')), /the flow has ended\. Attack succeeded\. /);
  assert.match(await textOf(labTab(page)), /succeeded/);
  if (id !== 'missing-state') {
    assert.ok(await page.locator('.seq-label--stolen').count(), 'a stolen artefact is marked on the diagram');
  }
  assert.equal(await page.locator('.seq-label--stop').count(), 0, 'no stop mark when the attacker won');
}

/** Flips the defence on: the run restarts, and the URL says so. */
async function defenceOn(s: Session, id: string): Promise<void> {
  const { page } = s;
  const defence = lab(page).getByRole('switch', { name: /^Defence/ });
  assert.equal(await defence.isChecked(), false);
  await defence.click();
  await page.waitForFunction((want) => location.hash.includes(want), `attack=${id}&defence=on`);
  await s.waitSettled();
  assert.equal(await defence.isChecked(), true);
  assert.equal(await s.messageCount(), 0, 'the run restarted');
}

/** Defence on: stopped at message N by the rule; the arrow carries the stop sign and the rule. */
async function expectStopped(s: Session, rule: string): Promise<number> {
  const { page } = s;
  const head = await textOf(outcome(page).getByRole('heading', { level: 4 }));
  const match = /^Attack stopped at message (\d+) by rule ([A-Z]-\d+)$/.exec(head);
  assert.ok(match, `banner: ${head}`);
  assert.equal(match[2], rule);
  const n = Number(match[1]);
  assert.match(await textOf(outcome(page)), /The rule that stops it/);
  assert.match(
    await textOf(page.getByTestId('announcer')),
    new RegExp(`the flow has ended\\. Attack stopped at message ${n} by rule ${rule}\\.`),
  );
  const label = page.locator(`.seq-label[data-seq="${n - 1}"]`);
  assert.match((await label.getAttribute('class')) ?? '', /seq-label--stop/);
  assert.match(await textOf(label), new RegExp(`STOP · ${rule}`));
  assert.equal(await page.locator('.seq-label--stop').count(), 1, 'one stopping arrow');
  assert.equal(await page.locator('.seq-stop').count(), 1, 'the arrow carries the stop sign');
  assert.match(
    await textOf(page.locator(`[role="option"][data-seq="${n - 1}"]`)),
    new RegExp(`attack stopped here by rule ${rule}`),
  );
  return n;
}

/** The stop button selects the message in the list, the diagram and the inspector. */
async function showStop(s: Session, n: number): Promise<void> {
  const { page } = s;
  await outcome(page)
    .getByRole('button', { name: `Show message ${n}` })
    .click();
  const option = page.locator(`[role="option"][data-seq="${n - 1}"]`);
  await page.waitForFunction(
    (seq) =>
      document.querySelector(`[role="option"][data-seq="${seq}"]`)?.getAttribute('aria-selected') === 'true',
    n - 1,
  );
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-seq')), String(n - 1));
  assert.match(await textOf(page.locator('.inspector .panel__count')), new RegExp(`message ${n}$`));
  assert.match(
    (await page.locator(`.seq-label[data-seq="${n - 1}"]`).getAttribute('class')) ?? '',
    /seq-label--selected/,
  );
  await option.waitFor();
}

/** The side-by-side view: its first difference, said in words, at the stopping message here. */
interface Comparison {
  /** The message the defence stopped the attack at. */
  n: number;
  rule: string;
  shot?: string | undefined;
  axe?: string | undefined;
}

async function compare(s: Session, { n, rule, shot, axe }: Comparison): Promise<void> {
  const { page } = s;
  await openLab(s);
  const opener = lab(page).getByRole('button', { name: /Compare defence off and on/ });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: /defence off and on$/ });
  await dialog.getByRole('table').waitFor();
  const first = dialog.locator('tr[data-first-difference]');
  assert.equal(await first.count(), 1);
  const number = Number(/^\d+/.exec(await textOf(first.getByRole('rowheader')))?.[0]);
  // The runs part at the first message whose content differs: the stop, or a message before it
  // (a client that skips a check prepares a different request long before anyone refuses it).
  assert.ok(number >= 1 && number <= n, `the runs part at ${number}, at or before the stop ${n}`);
  assert.match(await textOf(first), /First difference/);
  const summary = await textOf(page.getByTestId('compare-summary'));
  assert.match(summary, new RegExp(`Message ${number} is the first difference`));
  if (number === n) {
    assert.match(await textOf(first), new RegExp(`STOP · ${rule}`));
    assert.match(summary, new RegExp(`That is where the defence stopped the attack \\(rule ${rule}\\)`));
  } else {
    assert.match(summary, new RegExp(`The defence stopped the attack at message ${n} \\(rule ${rule}\\)`));
  }
  // The parameter that differs is named under the first difference.
  assert.match(await textOf(dialog.locator('.compare__param-row')), /^What differs: /);
  assert.match(await textOf(dialog), /Defence off the vulnerable runAttack succeeded/);
  // The first difference is scrolled into view inside the table.
  const box = await first.boundingBox();
  const scroller = await dialog.locator('.compare__scroll').boundingBox();
  assert.ok(box && scroller && box.y >= scroller.y && box.y + box.height <= scroller.y + scroller.height);
  if (shot) await s.screenshot(shot);
  if (axe) await s.axe(`the side-by-side view (${axe})`);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await opener.evaluate((el) => el === document.activeElement), true, 'focus returns');
}

/** The whole lab loop for one attack. */
interface LabLoop {
  id: string;
  rule: string;
  /** Lanes the attack draws besides the usual four. */
  lanes?: string[];
  /** Screenshots to take at each stage, by name. */
  shots?: { list?: string; won?: string; stopped?: string; shown?: string; compare?: string };
  axe?: string;
}

async function labLoop(
  s: Session,
  { id, rule, lanes = ['Attacker'], shots = {}, axe }: LabLoop,
): Promise<number> {
  const { page } = s;
  await s.go('#/sim?scenario=first-connection&reg=dcr&seed=demo');
  await openLab(s);
  if (shots.list) await s.screenshot(shots.list);
  await choose(s, id);
  assert.match(await textOf(lab(page)), /What the attacker tries/);
  await lessonOf(s);
  await runToEnd(s);
  await expectSucceeded(s, id);
  const drawn = await lanesDrawn(page);
  for (const lane of lanes) assert.ok(drawn.includes(lane), `lane ${lane} in ${drawn.join(', ')}`);
  if (shots.won) await s.screenshot(shots.won);
  await defenceOn(s, id);
  await runToEnd(s);
  const n = await expectStopped(s, rule);
  if (shots.stopped) await s.screenshot(shots.stopped);
  if (axe) await s.axe(`the attack lab (${axe})`);
  await showStop(s, n);
  if (shots.shown) await s.screenshot(shots.shown);
  await compare(s, { n, rule, shot: shots.compare, axe });
  return n;
}

/** The lesson the lab links to: a link to `#/lessons/<the attack's lesson>`. */
async function lessonOf(s: Session): Promise<string> {
  const href = await lab(s.page)
    .getByRole('link', { name: 'Read the lesson on this attack' })
    .getAttribute('href');
  const id = /^#\/lessons\/([a-z0-9-]+)$/.exec(href ?? '')?.[1];
  assert.ok(id, `lesson link ${href}`);
  return id;
}

export const attackTests: E2eTest[] = [
  {
    name: 'attack lab, mix-up: defence off wins, defence on stops at the iss check (C-19), light 1280',
    slug: 'lab-mix-up',
    async run(s) {
      await labLoop(s, {
        id: 'mix-up',
        rule: 'C-19',
        axe: 'light',
        shots: {
          list: '20-lab-list-1280-light',
          won: '21-lab-mixup-succeeded-1280-light',
          stopped: '22-lab-mixup-stopped-1280-light',
          shown: '23-lab-mixup-stop-shown-1280-light',
          compare: '24-lab-mixup-compare-1280-light',
        },
      });
      // The lesson link leads to the lesson.
      const { page } = s;
      await openLab(s);
      await lab(page).getByRole('link', { name: 'Read the lesson on this attack' }).click();
      await page.waitForFunction(() => location.hash === '#/lessons/consent-code-iss');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
    },
  },
  {
    name: 'attack lab, token passthrough: the Downstream API lane, stopped by S-06, dark 1920',
    slug: 'lab-token-passthrough',
    options: { viewport: HD, colorScheme: 'dark' },
    async run(s) {
      await labLoop(s, {
        id: 'token-passthrough',
        rule: 'S-06',
        lanes: ['Attacker', 'Downstream API'],
        axe: 'dark',
        shots: {
          won: '25-lab-passthrough-succeeded-1920-dark',
          stopped: '26-lab-passthrough-stopped-1920-dark',
          compare: '27-lab-passthrough-compare-1920-dark',
        },
      });
    },
  },
  {
    name: 'attack lab, open redirect (authorization server, A-12): keyboard only, dark 1280',
    slug: 'lab-open-redirect-keyboard',
    options: { colorScheme: 'dark' },
    async run(s) {
      const { page } = s;
      const id = 'open-redirect';
      await s.go('#/sim?scenario=first-connection&reg=dcr&seed=demo');
      // Into the side tabs, then Right arrow to the lab; Tab moves into the panel.
      await page.getByRole('tab', { name: /Step & inspector/ }).focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(await labTab(page).getAttribute('aria-selected'), 'true');
      await lab(page).waitFor();
      assert.equal(await s.messageCount(), 0, 'the arrow switched tabs, it did not step the run');
      const card = lab(page).locator(`.lab-card[data-attack="${id}"]`);
      await card.waitFor();
      let reached = false;
      for (let i = 0; i < 20 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await card.evaluate((el) => el === document.activeElement);
      }
      assert.ok(reached, 'the attack card is reachable with Tab');
      await page.keyboard.press('Enter');
      await page.waitForFunction((want) => location.hash.includes(want), `attack=${id}&defence=off`);
      await s.waitSettled();
      // Focus moved to the chosen attack's heading; the run goes to its end from the keyboard.
      assert.equal(
        await page.evaluate(() => document.activeElement?.tagName),
        'H3',
        'focus lands on the attack',
      );
      await page.keyboard.press('End');
      await finished(s);
      await s.waitSettled();
      await outcome(page).waitFor();
      await expectSucceeded(s, id);
      await s.screenshot('28-lab-open-redirect-succeeded-1280-dark');
      const defence = lab(page).getByRole('switch', { name: /^Defence/ });
      await defence.focus();
      await page.keyboard.press('Space');
      await page.waitForFunction((want) => location.hash.includes(want), `attack=${id}&defence=on`);
      await s.waitSettled();
      assert.equal(await s.messageCount(), 0, 'Space flipped the switch; it did not step the run');
      // In a switch the keys are the switch's own: Tab on to the lab's run button.
      await page.keyboard.press('Tab');
      assert.equal(
        await page.evaluate(() => document.activeElement?.textContent),
        'Run the attack to the end',
      );
      await page.keyboard.press('Enter');
      await finished(s);
      await s.waitSettled();
      await outcome(page).waitFor();
      const n = await expectStopped(s, 'A-12');
      await s.screenshot('29-lab-open-redirect-stopped-1280-dark');
      await s.axe('the attack lab, open redirect stopped (dark)');
      await outcome(page)
        .getByRole('button', { name: `Show message ${n}` })
        .focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (seq) => document.activeElement?.getAttribute('data-seq') === String(seq),
        n - 1,
      );
      // The attack switch off: back to the normal flow, on the same victim activity.
      await labTab(page).focus();
      await page.keyboard.press('Enter');
      const attack = lab(page).getByRole('switch', { name: /^Attack/ });
      await attack.focus();
      await page.keyboard.press('Space');
      await page.waitForFunction(() => !location.hash.includes('attack='));
      await s.waitSettled();
      assert.match(await textOf(lab(page)), /The attack is off/);
      await page.getByRole('button', { name: 'Run to end', exact: true }).click();
      await finished(s);
      assert.ok(!(await lanesDrawn(page)).includes('Attacker'), 'no attacker lane');
    },
  },
  {
    name: 'attack lab, stolen code without PKCE (the authorization server enforces A-16), light 1920',
    slug: 'lab-stolen-code',
    options: { viewport: HD },
    async run(s) {
      await labLoop(s, {
        id: 'stolen-code-no-pkce',
        rule: 'A-16',
        axe: 'light 1920',
        shots: {
          stopped: '30-lab-stolen-code-stopped-1920-light',
          compare: '31-lab-stolen-code-compare-1920-light',
        },
      });
    },
  },
  {
    name: 'attack lab: every attack in the list, the confused deputy on the MCP lane, the catalogue in dark',
    slug: 'lab-catalogue',
    options: { colorScheme: 'dark' },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?attack=confused-deputy&defence=off');
      // Arriving on a fresh attack run, the lab explains it.
      assert.equal(await labTab(page).getAttribute('aria-selected'), 'true');
      await runToEnd(s);
      await expectSucceeded(s, 'confused-deputy');
      // The proxy is drawn on the MCP server lane: its /authorize is a Browser → MCP server arrow.
      const labels = await page.locator('[role="option"]').allTextContents();
      assert.ok(
        labels.some((l) => /Browser → MCP server.*GET \/authorize/.test(l)),
        'the proxy on the MCP lane',
      );
      await lab(page).getByRole('button', { name: 'All attacks' }).click();
      const cards = lab(page).locator('.lab-card');
      assert.equal(await cards.count(), ATTACK_IDS.length);
      assert.equal(
        await lab(page).locator('.lab-card[aria-pressed="true"]').getAttribute('data-attack'),
        'confused-deputy',
      );
      for (const text of await cards.allTextContents()) {
        assert.match(text, TARGETS);
      }
      await s.screenshot('32-lab-catalogue-1280-dark');
      await s.axe('the attack list (dark)');
      await lab(page).getByRole('button', { name: 'Back to the chosen attack' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H3');
    },
  },
  {
    name: 'attack lab variants: a link to the PKCE downgrade (C-28 stops it), then the radio group by keyboard',
    slug: 'lab-variants',
    async run(s) {
      const { page } = s;
      const id = 'stolen-code-no-pkce';
      await s.go(`#/sim?attack=${id}&defence=off&variant=downgrade&seed=demo`);
      assert.equal(await labTab(page).getAttribute('aria-selected'), 'true');
      const group = lab(page).getByRole('group', { name: 'Variant' });
      await group.waitFor();
      assert.equal(
        await group
          .getByRole('radio', { name: /^Downgrade: the metadata has no code_challenge_methods_supported/ })
          .isChecked(),
        true,
      );
      await runToEnd(s);
      await expectSucceeded(s, id);
      await defenceOn(s, id);
      assert.match(await page.evaluate(() => location.hash), /variant=downgrade/, 'the variant stays');
      await runToEnd(s);
      await expectStopped(s, 'C-28');
      await s.screenshot('33-lab-variant-downgrade-stopped-1280-light');
      await s.axe('the attack lab with its variants');
      // Arrow keys move within the radio group (they do not step the run); each choice restarts it.
      await group
        .getByRole('radio', { name: /^Downgrade: the metadata has no code_challenge_methods_supported/ })
        .focus();
      await page.keyboard.press('ArrowUp');
      await page.waitForFunction(() => location.hash.includes('variant=server-lax'));
      await s.waitSettled();
      assert.equal(await s.messageCount(), 0, 'the run restarted as the new variant');
      await runToEnd(s);
      await expectStopped(s, 'A-16');
      assert.match(await textOf(outcome(page)), /caught a redirect with nothing to redeem/);
    },
  },
];
