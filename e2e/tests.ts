// The end-to-end tests: plain async functions over a session from harness.ts.
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { textOf } from './harness';
import type { E2eTest, Session } from './harness';

/** Holds back the requests matching `pattern` (a slow network) until the returned function is called. */
async function holdBack(page: Page, pattern: RegExp): Promise<() => void> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return () => release();
}

const HD = { width: 1920, height: 1080 };

/** Presses → until the run ends, approving the consent page in the simulated browser window. */
export async function stepToEnd(
  s: Session,
  {
    decision = 'Approve',
    onConsent,
  }: { decision?: string; onConsent?: (dialog: Locator) => Promise<void> } = {},
): Promise<void> {
  const { page } = s;
  for (let i = 0; i < 120; i++) {
    if (await page.locator('.seq-ghost--ended').count()) return;
    const dialog = page.getByRole('dialog');
    if (await dialog.count()) {
      await onConsent?.(dialog);
      // The window took focus when it opened; answer it with the keyboard too.
      await dialog.getByRole('button', { name: decision }).focus();
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
    } else {
      await page.keyboard.press('ArrowRight');
    }
    await s.waitSettled();
  }
  throw new Error('the run did not end within 120 steps');
}

export const tests: E2eTest[] = [
  {
    name: 'steps through the whole flow with the keyboard, approving consent in the browser window',
    slug: 'keyboard-flow',
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=first-connection&reg=cimd&seed=demo');
      assert.equal(await s.messageCount(), 0);
      await s.screenshot('01-ready-1280-light');
      await page.keyboard.press('ArrowRight');
      await s.waitSettled();
      assert.equal(await s.messageCount(), 1);
      assert.deepEqual(await s.labels(), ['POST /mcp']);
      assert.match(await textOf(page.locator('#step-title')), /MCP request without a token/);
      await page.keyboard.press('ArrowRight');
      await s.waitSettled();
      assert.equal((await s.labels())[1] ?? '', '401 · challenge: resource_metadata');
      await page.waitForFunction(() => location.hash.includes('step=2'));
      let sawConsent = false;
      await stepToEnd(s, {
        onConsent: async (dialog) => {
          sawConsent = true;
          // Next while the window waits points the learner back to it.
          await page.keyboard.press('ArrowRight');
          assert.match(await textOf(page.getByTestId('announcer')), /Approve or Deny/);
          const address = await textOf(
            dialog.getByRole('group', { name: 'Address bar' }).locator('.browser__url'),
          );
          assert.match(address, /^https:\/\/auth\.example\.com\/authorize\?response_type=code&client_id=/);
          assert.match(address, /code_challenge_method=S256/);
          await s.screenshot('03-consent-1280-light');
          await s.axe('the consent window');
        },
      });
      assert.ok(sawConsent, 'the consent window never opened');
      const labels = await s.labels();
      const count = await s.messageCount();
      assert.equal(labels.length, count, 'the diagram and the list show the same messages');
      assert.ok(count >= 30, `expected a full run, got ${count} messages`);
      for (const expected of [
        'GET /authorize?…',
        'POST /token',
        '302 · code, state, iss',
        'Token valid',
        'Authorized: the tool ran',
      ]) {
        assert.ok(
          labels.some((l) => l.startsWith(expected)),
          `missing "${expected}" on the diagram`,
        );
      }
      assert.equal(await page.locator('.seq-label[data-status="current"]').count(), 1);
      assert.equal(await page.locator('[role="option"][aria-current="step"]').count(), 1);
      await page.waitForFunction((c) => location.hash.endsWith(`step=${c}&consent=approve`), count);
      await s.screenshot('04-finished-1280-light');
      await s.axe('the finished run');
      // Back one step, then Home resets.
      await page.keyboard.press('ArrowLeft');
      await s.waitSettled();
      assert.equal(await s.messageCount(), count - 1);
      await page.keyboard.press('Home');
      await s.waitSettled();
      assert.equal(await s.messageCount(), 0);
    },
  },
  {
    name: 'opens the inspector on the token response and shows the decoded JWT',
    slug: 'inspector-jwt',
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=first-connection&reg=dcr&seed=demo&at=token:response');
      const current = page.locator('[role="option"][aria-current="step"]');
      assert.match(await textOf(current), /200 · access \+ refresh token/);
      await page.getByRole('tab', { name: 'JWT' }).click();
      // The inspector's tab panel (the side column's own panels are tab panels too).
      const panel = page.locator('.inspector').getByRole('tabpanel');
      await panel.getByRole('table', { name: 'Payload (claims)' }).waitFor();
      const text = await textOf(panel);
      assert.match(text, /aud.*https:\/\/mcp\.example\.com\/mcp/s);
      assert.match(text, /2026-07-28 10:00:00 UTC/, 'exp shown as a human time');
      assert.match(text, /at\+jwt/);
      await s.screenshot('05-inspector-jwt-1280-light');
      await s.axe('the inspector with a JWT');
      // Clicking an arrow's label selects that message in the inspector and the list.
      await page.locator('.seq-label[data-seq="20"]').click();
      assert.match(await textOf(page.locator('.inspector__title')), /Check state and iss/);
      assert.equal(
        await page.locator('[role="option"][aria-selected="true"]').getAttribute('data-seq'),
        '20',
      );
      // The PKCE view at the token endpoint's recomputation.
      await page.locator('[role="option"]', { hasText: 'PKCE verified' }).click();
      await page.getByRole('tab', { name: 'PKCE' }).click();
      await page.getByText('Match:', { exact: false }).first().waitFor();
      assert.match(
        await textOf(page.locator('.inspector').getByRole('tabpanel')),
        /SHA-256 \(hex\)[0-9a-f]{64}/,
      );
    },
  },
  {
    name: 'changes registration mode and scenario, which restarts the run',
    slug: 'selectors',
    options: { viewport: HD },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=first-connection&reg=cimd&step=6');
      assert.equal(await s.messageCount(), 6);
      await page.getByLabel('Registration').selectOption('dcr');
      await s.waitSettled();
      assert.equal(await s.messageCount(), 0);
      await page.waitForFunction(() => location.hash.includes('reg=dcr'));
      await page.locator('body').press('End');
      await page.waitForSelector('.seq-ghost--ended');
      assert.ok((await s.labels()).includes('POST /register'));
      await page.getByLabel('Scenario').selectOption('step-up');
      await s.waitSettled();
      assert.equal(await s.messageCount(), 0);
      await page.getByRole('button', { name: 'Run to end' }).click();
      await page.waitForSelector('.seq-ghost--ended');
      const labels = await s.labels();
      assert.ok(labels.length >= 50, `step-up has ${labels.length} messages`);
      assert.ok(
        labels.some((l) => l.includes('insufficient_scope')),
        'the 403 insufficient_scope is on the diagram',
      );
      assert.ok(await page.locator('.seq-label--tone-refused').count(), 'the refused token check is flagged');
      // No two labels overlap on screen.
      const boxes = await page.locator('.seq-label').evaluateAll((els) =>
        els.map((e) => {
          const { left, right, top, bottom } = e.getBoundingClientRect();
          return { left, right, top, bottom };
        }),
      );
      for (const [i, a] of boxes.entries()) {
        for (const [j, b] of boxes.entries()) {
          if (j <= i) continue;
          const overlap =
            a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
          assert.ok(!overlap, `labels ${i + 1} and ${j + 1} overlap`);
        }
      }
      await s.screenshot('06-step-up-1920-light');
      await s.axe('the step-up run');
    },
  },
  {
    name: 'dark theme at 1920x1080, the theme toggle, and the deny path',
    slug: 'dark',
    options: { viewport: HD, colorScheme: 'dark' },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=deny&reg=preregistered');
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
      await s.screenshot('07-ready-1920-dark');
      await stepToEnd(s, { decision: 'Deny', onConsent: () => s.screenshot('08-consent-1920-dark') });
      assert.ok((await s.labels()).some((l) => l.startsWith('The user said no')));
      await page.locator('[role="option"]', { hasText: 'GET /callback' }).click();
      await s.screenshot('09-denied-1920-dark');
      await s.axe('the denied run, dark');
      await page.getByRole('button', { name: 'Switch to light theme' }).click();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
      await page.waitForTimeout(300);
      await s.screenshot('10-denied-1920-light');
    },
  },
  {
    name: 'dark theme at 1280x720 mid-flow, with the token checklist',
    slug: 'dark-1280',
    options: { colorScheme: 'dark' },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=refresh&reg=cimd&at=validate-token');
      await page.waitForSelector('.checklist');
      assert.match(await textOf(page.locator('.checklist')), /Audience/);
      await s.screenshot('11-checklist-1280-dark');
      await s.axe('the checklist, dark');
      await page.keyboard.press('End');
      await page.waitForSelector('.seq-ghost--ended');
      await s.screenshot('12-refresh-finished-1280-dark');
    },
  },
  {
    name: 'an attack link adds the Attacker lane, fitted in view, and flags what happened',
    slug: 'attack',
    async run(s) {
      const { page } = s;
      await s.go('#/sim?attack=stolen-code-no-pkce&defence=on');
      await page.keyboard.press('End');
      await page.waitForSelector('.seq-ghost--ended');
      const lanes = await page.locator('.seq-lane').allTextContents();
      assert.ok(lanes.includes('Attacker'), `lanes: ${lanes.join(', ')}`);
      await page.waitForTimeout(300);
      const canvas = await page.locator('.sim__canvas').boundingBox();
      const attacker = await page.locator('.seq-lane--attacker').boundingBox();
      assert.ok(canvas && attacker, 'the canvas and the Attacker lane are laid out');
      assert.ok(
        attacker.x >= canvas.x && attacker.x + attacker.width <= canvas.x + canvas.width,
        'the Attacker lane is in view',
      );
      assert.ok(
        await page
          .locator('.seq-label--tone-blocked, .seq-label--tone-refused, .seq-label--tone-attacker')
          .count(),
      );
      await page.waitForFunction(() => location.hash.includes('attack=stolen-code-no-pkce&defence=on'));
      await s.screenshot('13-attack-1280-light');
      await s.axe('an attack run');
    },
  },
  {
    name: 'the lessons and quiz routes, and the way back to the same step',
    slug: 'routes',
    async run(s) {
      const { page } = s;
      await s.go('#/sim?step=3');
      const nav = page.getByRole('navigation', { name: 'Sections' });
      await page.waitForFunction(() => location.hash.includes('step=3'));
      // The link the page marks as current, once the click's navigation has been handled (the page
      // before it may have a level-1 heading too, so a heading alone does not say it has).
      const current = (name: string) => nav.locator('a[aria-current="page"]', { hasText: name });
      await nav.getByRole('link', { name: 'Lessons' }).click();
      await current('Lessons').waitFor();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await nav.getByRole('link', { name: 'Quiz' }).click();
      await current('Quiz').waitFor();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      assert.equal(await nav.locator('a[aria-current="page"]').count(), 1);
      await nav.getByRole('link', { name: 'Simulator' }).click();
      await s.waitSettled();
      assert.equal(await s.messageCount(), 3, 'back at the same step');
      assert.match(await page.title(), /MCP OAuth Flow Simulator/);
    },
  },
  {
    name: 'first paint: the simulator’s skeleton, replaced in place by the simulator (no layout shift); → steps at once',
    slug: 'first-paint-skeleton',
    async run(s) {
      const { page } = s;
      // The simulator's chunk is held back until the skeleton has been seen (a slow network).
      const release = await holdBack(page, /\/assets\/simulator-[^/]*\.js$/);
      await page.addInitScript(`
        window.__layoutShift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
      `);
      await page.goto(`${s.origin}/#/sim?scenario=first-connection&reg=cimd&seed=demo`);
      await page.locator('.sim-skeleton .seq-skeleton').waitFor();
      // The first paint: the header, and the simulator's layout with its four lifelines, nothing to operate.
      assert.equal(await page.getByRole('button', { name: 'Next' }).count(), 0);
      assert.equal(await page.locator('.seq-skeleton__lane').count(), 4);
      const box = async (selector: string) => {
        const b = await page.locator(selector).boundingBox();
        if (!b) throw new Error(`${selector} is not on screen`);
        return [b.x, b.y, b.width].map(Math.round);
      };
      const skeleton = { diagram: await box('.sim__diagram'), side: await box('.sim__side') };
      release();
      await s.waitSettled();
      assert.equal(await page.locator('.sim-skeleton').count(), 0);
      // The simulator took the skeleton's place: the same boxes (to 2 px: the step controls' height
      // is fractional), and no layout shift was recorded.
      const real = { diagram: await box('.sim__diagram'), side: await box('.sim__side') };
      for (const part of ['diagram', 'side'] as const)
        real[part].forEach((value, i) =>
          assert.ok(
            Math.abs(value - (skeleton[part][i] ?? NaN)) <= 2,
            `${part}: ${real[part].join()} vs ${skeleton[part].join()}`,
          ),
        );
      await page.keyboard.press('ArrowRight');
      await s.waitSettled();
      assert.equal(await s.messageCount(), 1);
      const shift = Number(await page.evaluate('window.__layoutShift'));
      assert.ok(shift < 0.05, `layout shift ${shift}`);
    },
  },
  {
    name: 'a link to a step: the diagram’s first frame already shows the run there, at the width it keeps',
    slug: 'first-frame',
    async run(s) {
      const { page } = s;
      // Each change to the page, as the diagram shows it: whether it is there, its messages, the
      // lanes' places and the player's status.
      await page.addInitScript(`
        window.__frames = [];
        new MutationObserver(() => {
          const flow = document.querySelector('.react-flow');
          if (!flow) return;
          window.__frames.push({
            messages: flow.querySelectorAll('[data-seq]').length,
            lanes: [...flow.querySelectorAll('.seq-lifeline')].map((l) => l.style.transform).join(' '),
            status: document.querySelector('.toolbar')?.getAttribute('data-status') ?? '',
          });
        }).observe(document, { subtree: true, childList: true, attributes: true });
      `);
      await page.goto(`${s.origin}/#/sim?scenario=first-connection&reg=cimd&seed=demo&step=3`);
      await s.waitSettled();
      assert.equal(await s.messageCount(), 3);
      type Frame = { messages: number; lanes: string; status: string };
      const frames = await page.evaluate<Frame[]>('window.__frames');
      const [first] = frames;
      // Not an empty diagram waiting for its player, nor lanes spaced for a width not yet measured.
      assert.deepEqual(first && { messages: first.messages, status: first.status }, {
        messages: 3,
        status: 'paused',
      });
      assert.equal(first?.lanes, frames.at(-1)?.lanes);
    },
  },
  {
    name: 'first paint before any script: the HTML carries the simulator’s shell (inert), on the simulator only; the app replaces it',
    slug: 'boot-shell',
    async run(s) {
      const { page } = s;
      // Every script is held back (a slow network): what shows is the HTML and the CSS alone.
      const release = await holdBack(page, /\/assets\/[^/]*\.js$/);
      const shell = page.locator('.boot-shell');
      // A lesson's address: the shell is in the HTML but not shown (no simulator flashes by).
      const open = async (hash: string) => {
        await page.goto('about:blank');
        await page.goto(`${s.origin}/${hash}`, { waitUntil: 'commit' });
        await shell.waitFor({ state: 'attached' });
        // What shows is decided by the stylesheet: until it has loaded, every part of the shell
        // lays out as visible (a race the CI met once).
        await page.waitForFunction(() =>
          [...document.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')].every((link) => link.sheet),
        );
      };
      await open('#/lessons');
      assert.equal(await shell.count(), 1);
      assert.equal(await shell.isVisible(), false);
      // A speaker's presenter link draws no header: not shown either.
      await open('#/sim?present=1');
      assert.equal(await shell.isVisible(), false);
      // A link to a step: the side column is a plain box until the simulator arrives.
      const startSide = shell.locator('.sim-skeleton__side--start');
      const boxSide = shell.locator('.sim-skeleton__side--box');
      await open('#/sim?scenario=first-connection&reg=cimd&step=3');
      await boxSide.waitFor();
      assert.equal(await startSide.isVisible(), false);
      // Every largest-contentful-paint candidate, to hold the largest paint to the first one below.
      await page.addInitScript(`
        window.__largest = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.__largest.push(entry.startTime);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      `);
      await open('#/sim?scenario=first-connection&reg=cimd&seed=demo');
      await shell.locator('.seq-skeleton__lane').first().waitFor();
      assert.equal(await shell.locator('.seq-skeleton__lane').count(), 4);
      assert.equal(await shell.getAttribute('inert'), '');
      // At the start of a scenario, the side column is already the simulator's: its introduction
      // and the inspector's guide.
      await startSide.getByText('Watch an MCP client earn its access token').waitFor();
      assert.equal(await startSide.getByText('Select a message on the diagram').isVisible(), true);
      assert.equal(await boxSide.isVisible(), false);
      // Painted, with no script run: the first contentful paint is the HTML's.
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length === 1);
      assert.equal(await page.locator('.toolbar[data-status]').count(), 0);
      // Nothing in it takes focus: it is a picture of what is coming.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
      release();
      await s.waitSettled();
      assert.equal(await shell.count(), 0);
      await page
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('link', { name: 'Simulator', exact: true })
        .waitFor();
      assert.equal(
        await page.getByRole('link', { name: 'Simulator', exact: true }).getAttribute('aria-current'),
        'page',
      );
      // The simulator drew nothing larger than the first paint had: the largest contentful paint
      // stays the HTML's (Lighthouse's LCP, issue 16), though the simulator replaced every element.
      await page.waitForTimeout(300);
      const firstPaint = Number(
        await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime),
      );
      const largest = await page.evaluate<number[]>('window.__largest');
      assert.ok(largest.length > 0, 'no largest-contentful-paint entry');
      assert.ok(
        Math.max(...largest) <= firstPaint + 1,
        `largest paints at ${largest.join()} after ${firstPaint}`,
      );
      await page.keyboard.press('ArrowRight');
      await s.waitSettled();
      assert.equal(await s.messageCount(), 1);
    },
  },
];
