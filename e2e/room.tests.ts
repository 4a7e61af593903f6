// For the room and the pocket (issue 16): the diagram after a reset, the step keys after a mouse
// click, a locked attack embed, the lab's registration, the way back to a lesson, labels that are
// not cut, presenter mode at a projector's 1280x720, a phone's 390x844, and the app offline.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { textOf } from './harness';
import type { E2eTest, Session } from './harness';

const WIDE = { width: 1440, height: 900 };

/** The toolbar's status: 'finished' once the run has ended. */
const status = (page: Page) => page.locator('.toolbar').getAttribute('data-status');

async function finished(s: Session): Promise<void> {
  await s.page.waitForFunction(
    () => document.querySelector('.toolbar')?.getAttribute('data-status') === 'finished',
  );
  await s.waitSettled();
}

/**
 * Whether the diagram's start is on screen: every lane header inside the canvas, and the
 * placeholder row ("The first message: press Next") too. Read after the view has had time to move.
 */
async function assertStartInView(page: Page, when: string): Promise<void> {
  await page.waitForTimeout(400);
  const canvas = await page.locator('.sim__canvas').boundingBox();
  assert.ok(canvas, 'the canvas is laid out');
  const boxes = await page.locator('.react-flow__node .seq-lane, .seq-ghost').evaluateAll((els) =>
    els.map((e) => {
      const { top, bottom } = e.getBoundingClientRect();
      return { name: e.textContent ?? '', top, bottom };
    }),
  );
  assert.ok(boxes.length >= 5, `${when}: lane headers and the placeholder are drawn`);
  for (const box of boxes) {
    assert.ok(
      box.top >= canvas.y - 1 && box.bottom <= canvas.y + canvas.height + 1,
      `${when}: "${box.name}" is off screen (top ${Math.round(box.top)}, canvas ${Math.round(canvas.y)} to ${Math.round(canvas.y + canvas.height)})`,
    );
  }
}

export const roomTests: E2eTest[] = [
  {
    name: 'room, bug 1: after End then Home, a new scenario at step 24 or an attack, the diagram shows its start',
    slug: 'room-reset-view',
    options: { viewport: WIDE },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=first-connection&reg=dcr&seed=demo');
      await page.keyboard.press('End');
      await finished(s);
      await page.keyboard.press('Home');
      await s.waitSettled();
      assert.equal(await s.messageCount(), 0);
      await assertStartInView(page, 'after End, Home');

      await s.go('#/sim?scenario=first-connection&reg=dcr&seed=demo&step=24');
      await page.waitForTimeout(300);
      await page.getByLabel('Scenario').selectOption('refresh');
      await s.waitSettled();
      assert.equal(await s.messageCount(), 0);
      await assertStartInView(page, 'after changing the scenario at step 24');

      await s.go('#/sim?scenario=first-connection&reg=dcr&seed=demo&step=24');
      await page.waitForTimeout(300);
      await page.getByRole('tab', { name: /Attack lab/ }).click();
      await page.locator('.lab-card[data-attack="mix-up"]').click();
      await s.waitSettled();
      assert.equal(await s.messageCount(), 0);
      await assertStartInView(page, 'after choosing an attack at step 24');
    },
  },
  {
    name: 'room, bug 2: after a mouse click on a select or a tab, → Space and End step; the keyboard keeps the tabs',
    slug: 'room-keys',
    options: { viewport: WIDE },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=first-connection&reg=dcr&seed=demo&step=3');
      // The scenario, chosen with the mouse (the select's own list takes the keys while it is open).
      const scenario = page.getByLabel('Scenario');
      await scenario.click();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await s.waitSettled();
      assert.equal(await scenario.inputValue(), 'step-up');
      assert.equal(await s.messageCount(), 0);
      await page.keyboard.press('ArrowRight');
      await s.waitSettled();
      assert.equal(await scenario.inputValue(), 'step-up', '→ changed the scenario instead of stepping');
      assert.equal(await s.messageCount(), 1, '→ after choosing a scenario steps the flow');
      await page.keyboard.press('PageDown');
      await s.waitSettled();
      assert.equal(await s.messageCount(), 2, 'Page Down steps too');
      await page.keyboard.press(' ');
      await s.waitSettled();
      assert.equal(await s.messageCount(), 3, 'Space steps too');

      // The inspector's JWT tab, clicked.
      await s.go('#/sim?scenario=first-connection&reg=dcr&seed=demo&at=token:response');
      const count = await s.messageCount();
      const jwt = page.locator('.inspector').getByRole('tab', { name: 'JWT' });
      await jwt.click();
      assert.equal(await jwt.getAttribute('aria-selected'), 'true');
      await page.keyboard.press('ArrowRight');
      await s.waitSettled();
      assert.equal(await s.messageCount(), count + 1, '→ after clicking a tab steps the flow');
      await page.keyboard.press(' ');
      await s.waitSettled();
      assert.equal(await s.messageCount(), count + 2, 'Space after clicking a tab steps the flow');
      await page.keyboard.press('End');
      await finished(s);
      assert.equal(await status(page), 'finished', 'End after clicking a tab runs to the end');

      // A keyboard user who tabs into the tab list moves between tabs with the arrow keys (APG).
      await s.go('#/sim?scenario=first-connection&reg=dcr&seed=demo&at=token:response');
      const before = await s.messageCount();
      const tabs = await page.locator('.inspector').getByRole('tab').allTextContents();
      const selected = page.locator('.inspector').getByRole('tab', { selected: true });
      const at = tabs.indexOf(await textOf(selected));
      await selected.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
      assert.equal(await focused(), tabs[at], 'Tab lands on the selected tab');
      await page.keyboard.press('ArrowRight');
      assert.equal(await focused(), tabs[(at + 1) % tabs.length], '→ moves to the next tab');
      await page.keyboard.press('End');
      assert.equal(await focused(), tabs.at(-1), 'End goes to the last tab');
      await s.waitSettled();
      assert.equal(await s.messageCount(), before, 'the arrow keys in the tab list did not step');
    },
  },
  {
    name: 'room, bug 3: a locked attack embed names the attack and its defence from the first screen',
    slug: 'room-embed-attack',
    options: { viewport: { width: 900, height: 640 } },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?embed=1&lock=1&attack=mix-up&defence=on');
      const panel = page.locator('.explainer');
      await page.waitForFunction(() =>
        /Mix-up/.test(document.querySelector('#step-title')?.textContent ?? ''),
      );
      const ready = await textOf(panel);
      assert.match(ready, /defence on/i, 'the defence state is said before the first step');
      assert.doesNotMatch(ready, /earn its access token/, 'not the first connection headline');
      await page.keyboard.press('ArrowRight');
      await s.waitSettled();
      assert.match(await textOf(panel), /Attack: Mix-up.*defence on/s, 'each step says an attack runs');
      await s.screenshot('room-embed-attack');
    },
  },
  {
    name: 'room, bug 4: choosing an attack says which of the learner’s choices its victim flow replaced',
    slug: 'room-lab-registration',
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=first-connection&reg=cimd&seed=demo');
      await page.getByRole('tab', { name: /Attack lab/ }).click();
      await page.locator('.lab-card[data-attack="stolen-code-no-pkce"]').click();
      await s.waitSettled();
      assert.equal(await page.getByLabel('Registration').inputValue(), 'preregistered');
      const note = await textOf(page.getByTestId('victim-flow'));
      assert.match(note, /First connection · Pre-registered/);
      assert.match(note, /changed the registration from Client ID Metadata Document to the victim/);
      // An attack whose victim registers as the learner did changes nothing, and says nothing of it.
      await page.getByRole('button', { name: 'All attacks' }).click();
      await page.locator('.lab-card[data-attack="wrong-audience"]').click();
      await s.waitSettled();
      assert.doesNotMatch(await textOf(page.getByTestId('victim-flow')), /changed/);
    },
  },
  {
    name: 'room, bug 5: Try it then Back keeps the lesson where it was; the simulator leads back to the lesson',
    slug: 'room-lesson-return',
    async run(s) {
      const { page } = s;
      await s.go('#/lessons/discovery');
      const link = page.getByRole('link', { name: 'Try it: the issuer check' });
      await link.scrollIntoViewIfNeeded();
      const scrolled = () =>
        page.evaluate(() =>
          Math.max(
            document.querySelector('.route-page')?.scrollTop ?? 0,
            document.scrollingElement?.scrollTop ?? 0,
          ),
        );
      const before = await scrolled();
      assert.ok(before > 500, `the lesson is scrolled down (${before} px)`);
      await link.click();
      await s.waitSettled();
      await page.goBack();
      await link.waitFor();
      await page.waitForTimeout(300);
      assert.ok(
        Math.abs((await scrolled()) - before) < 40,
        `Back returns to ${before} px, not ${await scrolled()}`,
      );

      await link.click();
      await s.waitSettled();
      const back = page.getByRole('link', { name: /Back to the lesson/ });
      assert.match(await textOf(back), /Discovery/);
      await back.click();
      await link.waitFor();
      await page.waitForTimeout(300);
      assert.ok(Math.abs((await scrolled()) - before) < 40, 'the way back returns to the same place');
      assert.equal(
        await page.evaluate(() => document.activeElement?.textContent ?? ''),
        '▶Try it: the issuer check',
        'focus is on the link the learner followed',
      );
    },
  },
  {
    name: 'room, bug 5: a spot-the-bug request shows every parameter inside its box, its tag clear of the code',
    slug: 'room-quiz-http',
    async run(s) {
      const { page } = s;
      await s.go('#/quiz/pkce-and-request?q=pkce-and-request-4');
      const pre = page.locator('.md-code--http pre');
      await pre.waitFor();
      const { scrollWidth, clientWidth } = await pre.evaluate((e) => ({
        scrollWidth: e.scrollWidth,
        clientWidth: e.clientWidth,
      }));
      assert.ok(
        scrollWidth <= clientWidth + 1,
        `the request is ${scrollWidth} px wide in a ${clientWidth} px box`,
      );
      assert.ok(await page.getByText('scope=files%3Aread').isVisible(), 'the last parameter is on screen');
      const tag = await page.locator('.md-code__lang').boundingBox();
      const first = await page.locator('.md-code--http .http-line').first().boundingBox();
      assert.ok(tag && first, 'the tag and the first line are laid out');
      const overlap =
        tag.x < first.x + first.width &&
        first.x < tag.x + tag.width &&
        tag.y < first.y + first.height &&
        first.y < tag.y + tag.height;
      assert.ok(!overlap, 'the HTTP tag overlaps the first line of the request');
      await s.screenshot('room-quiz-http');
    },
  },
  {
    name: 'room, bug 6: nothing cut or see-through: sticky lanes, lane names, the registration, a STOP label, a rule',
    slug: 'room-cut',
    options: { viewport: WIDE, colorScheme: 'dark' },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=first-connection&reg=cimd&seed=demo&step=30');
      await page.waitForTimeout(400);
      // The pinned lane names hide what scrolls under them.
      const sticky = page.locator('.seq-sticky');
      await sticky.waitFor();
      const background = await sticky.evaluate((e) => getComputedStyle(e).backgroundColor);
      assert.doesNotMatch(
        background,
        /rgba\(|\/ 0\.|color-mix/,
        `the sticky lane row is see-through: ${background}`,
      );

      // Every lane name whole, in its box.
      await page.keyboard.press('Home');
      await s.waitSettled();
      await page.waitForTimeout(300);
      const lanes = await page.locator('.react-flow__node .seq-lane').evaluateAll((els) =>
        els.map((e) => ({
          text: e.textContent ?? '',
          cut: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,
        })),
      );
      assert.ok(lanes.length >= 4);
      for (const lane of lanes) assert.ok(!lane.cut, `the lane name "${lane.text}" is cut`);

      // The registration select shows its whole choice.
      const registration = page.getByLabel('Registration');
      const fits = await registration.evaluate((select) => {
        if (!(select instanceof HTMLSelectElement)) return false;
        const probe = document.createElement('span');
        probe.style.font = getComputedStyle(select).font;
        probe.textContent = select.selectedOptions[0]?.textContent ?? '';
        document.body.append(probe);
        const needed = probe.getBoundingClientRect().width;
        probe.remove();
        // The text, its padding and the arrow.
        return select.clientWidth >= needed + 24;
      });
      assert.ok(fits, 'the registration select cuts "Client ID Metadata Document"');

      // Each scenario has its own headline.
      const firstHeadline = await textOf(page.locator('#step-title'));
      await registration.selectOption('dcr');
      await page.getByLabel('Scenario').selectOption('refresh');
      await s.waitSettled();
      assert.notEqual(
        await textOf(page.locator('#step-title')),
        firstHeadline,
        'refresh has the same headline',
      );

      // A STOP label keeps the words that matter, at a projector's 1280x720 too.
      await page.setViewportSize({ width: 1280, height: 720 });
      await s.go('#/sim?attack=wrong-audience&defence=on');
      await page.keyboard.press('End');
      await finished(s);
      const stop = page.locator('.seq-label--stop');
      await stop.waitFor();
      const text = await textOf(stop.locator('.seq-label__text'));
      assert.doesNotMatch(text, /…$/, `the STOP label is cut: "${text}"`);
      assert.ok(
        await stop.locator('.seq-label__text').evaluate((e) => e.scrollWidth <= e.clientWidth + 1),
        'the STOP label is cut by its pill',
      );

      // A rule opened from its chip is shown whole, not clipped by its panel.
      await s.go('#/sim?scenario=first-connection&reg=cimd&seed=demo&step=8');
      await page.waitForTimeout(300);
      await page.locator('.explainer .chip').first().click();
      const rule = await page.locator('.explainer .rules__panel').boundingBox();
      const box = await page.locator('.explainer').boundingBox();
      assert.ok(rule && box, 'the rule and its panel are laid out');
      assert.ok(rule.y + rule.height <= box.y + box.height + 1, 'the opened rule is cut off by its panel');
    },
  },
  {
    name: 'room, bug 6: a focused heading is marked without a box that looks like a text field',
    slug: 'room-heading-focus',
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=first-connection&reg=cimd&seed=demo');
      await page.getByRole('tab', { name: /Attack lab/ }).click();
      const card = page.locator('.lab-card[data-attack="mix-up"]');
      await card.focus();
      await page.keyboard.press('Enter');
      await s.waitSettled();
      const heading = page.getByRole('heading', { level: 3, name: /Mix-up/ });
      await page.waitForFunction(() => document.activeElement?.tagName === 'H3');
      const style = await heading.evaluate((e) => {
        const css = getComputedStyle(e);
        return { outline: css.outlineStyle, shadow: css.boxShadow, decoration: css.textDecorationLine };
      });
      assert.equal(style.outline, 'none', 'a focused heading draws an outline box');
      assert.ok(
        style.shadow !== 'none' || style.decoration !== 'none',
        'a focused heading shows no focus at all',
      );
    },
  },
];
