// For the room and the pocket (issue 16): the diagram after a reset, the step keys after a mouse
// click, a locked attack embed, the lab's registration, the way back to a lesson, labels that are
// not cut, presenter mode at a projector's 1280x720, a phone's 390x844, and the app offline.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { textOf } from './harness';
import { answerAndGoOn } from './quiz';
import type { E2eTest, Session } from './harness';

const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const PROJECTOR = { width: 1280, height: 720 };

/**
 * The messages whose label is wholly on the canvas, clear of the pinned lane names and the
 * presenter bar, with the label's rendered text size (its font size times the diagram's zoom).
 */
async function labelsInView(page: Page): Promise<{ seq: number; px: number; kind: string }[]> {
  return page.evaluate(() => {
    const canvas = document.querySelector('.sim__canvas')?.getBoundingClientRect();
    if (!canvas) return [];
    // Whatever lies over the canvas's top: the pinned lane names, or the lane header row itself.
    const covers = [...document.querySelectorAll('.seq-sticky, .react-flow__node .seq-lane, .sim__top')]
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.height > 0 && r.bottom > canvas.top && r.top < canvas.top + 120);
    const top = Math.max(canvas.top, ...covers.map((r) => r.bottom));
    const viewport = document.querySelector('.react-flow__viewport');
    const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 1;
    return [...document.querySelectorAll<HTMLElement>('.seq-label')]
      .filter((label) => {
        const r = label.getBoundingClientRect();
        return (
          r.top >= top - 1 &&
          r.bottom <= canvas.bottom + 1 &&
          r.left >= canvas.left - 1 &&
          r.right <= canvas.right + 1
        );
      })
      .map((label) => ({
        seq: Number(label.dataset.seq),
        px: parseFloat(getComputedStyle(label).fontSize) * zoom,
        kind: [...label.classList].find((c) => c === 'seq-label--stop' || c === 'seq-label--stolen') ?? '',
      }));
  });
}

/** Every lane header within the canvas's width. */
async function assertLanesFit(page: Page, when: string): Promise<void> {
  const canvas = await page.locator('.sim__canvas').boundingBox();
  assert.ok(canvas, 'the canvas is laid out');
  const lanes = await page.locator('.react-flow__node .seq-lane').evaluateAll((els) =>
    els.map((e) => {
      const { left, right } = e.getBoundingClientRect();
      return { name: e.textContent ?? '', left, right };
    }),
  );
  assert.ok(lanes.length >= 4, `${when}: the lanes are drawn`);
  for (const lane of lanes)
    assert.ok(
      lane.left >= canvas.x - 1 && lane.right <= canvas.x + canvas.width + 1,
      `${when}: the lane "${lane.name}" is cut (${Math.round(lane.left)} to ${Math.round(lane.right)}, canvas ${Math.round(canvas.x)} to ${Math.round(canvas.x + canvas.width)})`,
    );
}

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
  {
    name: 'room, phone 390x844: no screen scrolls sideways, the consent window and every dialog fit',
    slug: 'room-phone',
    options: { viewport: PHONE },
    async run(s) {
      const { page } = s;
      const noSideways = async (where: string) => {
        await page.waitForTimeout(300);
        const { scroll, client } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        assert.ok(scroll <= client, `${where} is ${scroll} px wide on a ${client} px screen`);
      };
      const inView = async (locator: ReturnType<Page['locator']>, what: string) => {
        const box = await locator.boundingBox();
        assert.ok(box, `${what} is laid out`);
        assert.ok(
          box.x >= 0 && box.y >= 0 && box.x + box.width <= PHONE.width && box.y + box.height <= PHONE.height,
          `${what} is off screen (${Math.round(box.x)}, ${Math.round(box.y)}, ${Math.round(box.width)} × ${Math.round(box.height)})`,
        );
      };

      await s.go('#/sim?scenario=first-connection&reg=dcr&seed=demo');
      await noSideways('the simulator');
      // The four lanes fit the width.
      const canvas = await page.locator('.sim__canvas').boundingBox();
      assert.ok(canvas);
      for (const lane of await page.locator('.react-flow__node .seq-lane').all()) {
        const box = await lane.boundingBox();
        assert.ok(
          box && box.x >= canvas.x - 1 && box.x + box.width <= canvas.x + canvas.width + 1,
          'a lane is cut',
        );
      }
      // Step to the consent window with the Next button; its Approve button is on screen.
      const next = page.getByTestId('next');
      for (let i = 0; i < 40 && !(await page.getByRole('dialog').count()); i++) {
        await next.click();
        await s.waitSettled();
      }
      const consent = page.getByRole('dialog');
      await noSideways('the consent window');
      await inView(consent.getByRole('button', { name: 'Approve' }), 'Approve');
      await s.screenshot('room-phone-consent');
      await consent.getByRole('button', { name: 'Approve' }).click();
      await consent.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Run to end' }).click();
      await finished(s);
      await noSideways('the finished run');
      await s.screenshot('room-phone-sim');

      // The dialogs: their close button and their body on screen.
      for (const [opener, name] of [
        ['Keyboard shortcuts', 'Keyboard shortcuts'],
        ['Export…', 'Export this run'],
      ] as const) {
        await page.getByRole('button', { name: opener }).click();
        const dialog = page.getByRole('dialog', { name });
        await dialog.waitFor();
        await noSideways(`the "${name}" dialog`);
        await inView(dialog.getByRole('button', { name: 'Close' }), `the close button of "${name}"`);
        await inView(dialog, `the "${name}" dialog`);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
      }
      await page.getByRole('tab', { name: /Attack lab/ }).click();
      await page.locator('.lab-card[data-attack="mix-up"]').click();
      await s.waitSettled();
      await page.getByRole('button', { name: /Compare defence off and on/ }).click();
      const compare = page.getByRole('dialog', { name: /defence off and on$/ });
      await compare.waitFor();
      await noSideways('the comparison');
      await inView(compare.getByRole('button', { name: 'Close' }), 'the close button of the comparison');
      await page.keyboard.press('Escape');

      for (const hash of [
        '#/lessons',
        '#/lessons/discovery',
        '#/quiz',
        '#/quiz/pkce-and-request?q=pkce-and-request-4',
        '#/har',
        '#/sim?present=1',
      ]) {
        await s.go(hash);
        await page.waitForTimeout(300);
        await noSideways(hash);
      }
      await s.go('#/lessons/discovery');
      await s.screenshot('room-phone-lesson');
    },
  },
  {
    name: 'room, presenter at 1280x720: 8+ readable messages after 12 steps, one bar that hides, every zoom keeps every lane',
    slug: 'room-presenter',
    options: { viewport: PROJECTOR },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=first-connection&reg=cimd&seed=demo&present=1');
      await page.locator('.app--present').waitFor();
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('ArrowRight');
        await s.waitSettled();
      }
      // The bar slides away once the pointer rests; the diagram has the height.
      await page.locator('.sim[data-bar="hidden"]').waitFor();
      await page.waitForTimeout(400);
      const shown = await labelsInView(page);
      assert.ok(shown.length >= 8, `only ${shown.length} messages in view after 12 steps`);
      for (const label of shown)
        assert.ok(
          label.px >= 16,
          `message ${label.seq + 1}'s label is ${label.px.toFixed(1)} px, too small for a room`,
        );
      assert.ok(
        shown.some((l) => l.seq === 11),
        'the current message is in view',
      );
      await s.screenshot('room-presenter-1280');

      // One bar, one row: it comes back when the pointer moves, and keyboard focus keeps it.
      await page.mouse.move(600, 300);
      await page.mouse.move(640, 320);
      await page.locator('.sim:not([data-bar])').waitFor();
      const bar = await page.locator('.sim__top').boundingBox();
      assert.ok(bar && bar.height <= 60, `the presenter bar is ${bar?.height ?? 0} px high`);
      // All of it on screen (its last button was cut off at 1280 px), its buttons' names whole.
      assert.equal(await page.evaluate('document.documentElement.scrollWidth'), PROJECTOR.width);
      const exit = await page.getByRole('button', { name: 'Exit presenter', exact: true }).boundingBox();
      assert.ok(exit && exit.x + exit.width <= PROJECTOR.width, 'Exit presenter is off screen');
      assert.equal(await page.getByRole('button', { name: 'Speaker notes', exact: true }).count(), 1);
      assert.equal(await page.locator('.toolbar, .viewbar').count(), 2, 'the step and view controls');
      for (const part of await page.locator('.sim__top > .toolbar, .sim__top > .viewbar').all()) {
        const box = await part.boundingBox();
        assert.ok(
          box && bar && box.y >= bar.y && box.y + box.height <= bar.y + bar.height + 1,
          'a second bar',
        );
      }
      await page.getByRole('button', { name: 'Speaker notes' }).focus();
      await page.waitForTimeout(3000);
      assert.equal(await page.locator('.sim__top').evaluate((e) => getComputedStyle(e).opacity), '1');
      await page.getByRole('button', { name: 'Speaker notes' }).blur();

      // Every zoom level keeps every lane, an attack's five included.
      await s.go('#/sim?attack=mix-up&defence=off&present=1');
      await page.keyboard.press('End');
      await finished(s);
      for (let i = 0; i < 4; i++) await page.keyboard.press('-');
      for (let i = 0; i < 8; i++) {
        await page.waitForTimeout(250);
        await assertLanesFit(page, `scale ${await textOf(page.locator('.viewbar__scale'))}`);
        await page.keyboard.press('+');
      }
      await page.keyboard.press('0');
      // The theft is in view at the end of a run the attack won...
      await page.waitForTimeout(400);
      const stolen = (await labelsInView(page)).filter((l) => l.kind === 'seq-label--stolen');
      assert.ok(stolen.length > 0, 'no theft in view at the end of a successful attack');
    },
  },
  {
    name: 'room, presenter: a STOP in view; I the inspector in large type, A the lab, D the defence, one key each',
    slug: 'room-presenter-keys',
    options: { viewport: PROJECTOR },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?attack=wrong-audience&defence=on&present=1');
      await page.keyboard.press('End');
      await finished(s);
      await page.waitForTimeout(400);
      const stop = (await labelsInView(page)).filter((l) => l.kind === 'seq-label--stop');
      assert.equal(stop.length, 1, 'the STOP is not in view at the end of a stopped attack');
      await page.keyboard.press('Home');
      await s.waitSettled();
      for (let i = 0; i < 24; i++) {
        await page.keyboard.press('ArrowRight');
        await s.waitSettled();
      }

      await page.keyboard.press('i');
      const inspector = page.locator('.inspector');
      await inspector.waitFor();
      const size = await inspector
        .locator('.inspector__title')
        .first()
        .evaluate(
          (e) =>
            parseFloat(getComputedStyle(e).fontSize) *
            Number(getComputedStyle(e.closest('.inspector') ?? e).zoom || 1),
        );
      assert.ok(size >= 18, `the inspector's title is ${size} px`);
      assert.ok(await page.locator('.app--present').count(), 'presenter mode was left');
      assert.ok(await inspector.getByRole('tab').count(), "the inspector's views");
      await s.screenshot('room-presenter-inspector-1280');
      await page.keyboard.press('i');
      await inspector.waitFor({ state: 'hidden' });

      await page.keyboard.press('a');
      await page.locator('.side-panel--lab').waitFor();
      await page.getByRole('switch', { name: /Defence/ }).waitFor();
      await page.keyboard.press('d');
      await page.waitForFunction(() => window.location.hash.includes('defence=off'));
      await page.keyboard.press('End');
      await finished(s);
      assert.equal(
        await page.getByRole('switch', { name: /Defence/ }).isChecked(),
        false,
        'the defence is still on',
      );
      assert.ok(await page.locator('.app--present').count(), 'presenter mode was left');
    },
  },
  {
    name: 'room, offline: after one visit the app reloads with no network, runs a flow and a quiz',
    slug: 'room-offline',
    async run(s) {
      const { page } = s;
      await s.go('#/lessons');
      // The worker installs after the first paint and precaches the whole build; it is active once
      // every file is in the cache (it controls the page from the next load on).
      let active = false;
      for (let i = 0; i < 120 && !active; i++) {
        active = await page.evaluate(
          async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated',
        );
        if (!active) await page.waitForTimeout(250);
      }
      assert.ok(active, 'no service worker became active');
      const cached = await page.evaluate(async () => {
        const names = await caches.keys();
        let count = 0;
        for (const name of names) count += (await (await caches.open(name)).keys()).length;
        return count;
      });
      assert.ok(cached > 20, `only ${cached} files cached`);

      await page.context().setOffline(true);
      await page.reload();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      assert.ok(
        await page.evaluate(() => navigator.serviceWorker.controller !== null),
        'the page is not the worker’s',
      );
      // A flow: the simulator core (a lazy chunk) and the run, all from the cache.
      await s.go('#/sim?scenario=first-connection&reg=dcr&seed=demo');
      await page.reload();
      await s.waitSettled();
      await page.getByRole('button', { name: 'Run to end' }).click();
      await finished(s);
      assert.ok((await s.messageCount()) >= 30, 'the flow ran to its end offline');
      await page.locator('.seq-label--current').waitFor();
      // A lesson and a quiz, to its score.
      await s.go('#/lessons/discovery');
      await page.getByRole('heading', { level: 1, name: /Discovery/ }).waitFor();
      await s.go('#/quiz/discovery');
      for (let i = 0; i < 30; i++) {
        const results = page.getByRole('heading', { name: /Your score: \d+ of \d+/ });
        if (await results.isVisible().catch(() => false)) break;
        await answerAndGoOn(page);
      }
      await page.getByRole('heading', { name: /Your score: \d+ of \d+/ }).waitFor();
      await s.screenshot('room-offline-quiz');
      await page.context().setOffline(false);
    },
  },
  {
    name: 'room, lessons on a wide screen: the text centred, the outline beside it, a section one press away',
    slug: 'room-lesson-wide',
    options: { viewport: WIDE },
    async run(s) {
      const { page } = s;
      await s.go('#/lessons/discovery');
      const outline = page.getByRole('complementary', { name: 'In this lesson' });
      await outline.waitFor();
      const article = await page.locator('article.lesson').boundingBox();
      const rail = await outline.boundingBox();
      assert.ok(article && rail, 'the lesson and its outline are laid out');
      assert.ok(article.x > 150, `the text is flush left (x ${Math.round(article.x)})`);
      assert.ok(rail.x > article.x + article.width, 'the outline is beside the text');
      assert.ok(rail.x + rail.width > WIDE.width * 0.75, 'the outline leaves the right of the screen empty');
      await outline.getByRole('button', { name: 'Step 4: the issuer check' }).click();
      const heading = page.getByRole('heading', { level: 2, name: 'Step 4: the issuer check' });
      await page.waitForFunction(() => document.activeElement?.textContent === 'Step 4: the issuer check');
      const top = (await heading.boundingBox())?.y ?? -1;
      assert.ok(top >= 0 && top < 200, `the section is not at the top (y ${Math.round(top)})`);
      // The outline follows the reader down the page.
      assert.ok(((await outline.boundingBox())?.y ?? -1) >= 0, 'the outline scrolled away');
      await s.screenshot('room-lesson-wide-1440');
    },
  },
];
