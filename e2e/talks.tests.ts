// For talks and courses, in a real Chromium: deep links restore their exact view (and Back/Forward
// move between runs), presenter mode and its speaker-notes window stay in step both ways, the
// exported Mermaid parses with mermaid's own parser and the HAR has every exchange, an embedding
// course page receives the documented events, axe finds nothing in any mode or theme, and the app
// runs with Web Crypto removed (plain http from a classroom laptop's LAN address).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { arrayAt, at, parseJson, stringAt } from '../tests/json';
import { assertNoAxeViolations, textOf } from './harness';
import type { E2eTest } from './harness';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HD = { width: 1920, height: 1080 };
const query = (hash: string) => new URLSearchParams(hash.slice(hash.indexOf('?') + 1));

/** Waits until the message list (drawn a moment after the diagram) shows `count` messages. */
async function messages(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[role="listbox"] [role="option"]').length === n,
    count,
  );
}

const axeOn = assertNoAxeViolations;

/**
 * Whether presenter mode's message list drawer is painted: in presenter mode the list is always
 * laid out (and in the accessibility tree) but clipped away until focus is inside it.
 */
async function drawerShown(page: Page): Promise<boolean> {
  return page.locator('.sim__list').evaluate((list) => {
    const style = getComputedStyle(list);
    const box = list.getBoundingClientRect();
    return style.clipPath === 'none' && style.display !== 'none' && box.width > 200 && box.height > 200;
  });
}

/** Console errors, page errors and requests leaving the origin, for a page the harness does not watch. */
function watch(page: Page, origin: string): () => void {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (
      !url.startsWith(`${origin}/`) &&
      !url.startsWith('data:') &&
      !url.startsWith('blob:') &&
      url !== 'about:blank'
    )
      problems.push(`request left the origin: ${url}`);
  });
  return () => assert.deepEqual(problems, [], 'problems in a second page');
}

async function stepTitle(page: Page): Promise<string | undefined> {
  return (await page.locator('#step-title').textContent())?.trim();
}

async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; data: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), data: await readFile(path) };
}

export const talkTests: E2eTest[] = [
  {
    name: 'talks: a deep link restores its exact view, and Back/Forward move between runs',
    slug: 'talks-deep-link',
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=first-connection&reg=dcr&seed=class-7&step=12&sel=5');
      await messages(page, 12);
      const selected = page.locator('[role="option"][aria-selected="true"]');
      assert.equal(await selected.getAttribute('data-seq'), '4', 'message 5 is selected, not the newest');
      assert.match(await textOf(page.locator('.inspector .panel__count')), /message 5/);
      assert.equal(await page.locator('[role="option"][aria-current="step"]').getAttribute('data-seq'), '11');
      await page.waitForFunction(() => location.hash.includes('sel=5'));
      // The same seed gives the same values: the state in the URL of message 14 is the same twice.
      await s.screenshot('40-deep-link-selection-1280-light');

      // Another run is a new history entry; steps are not.
      await page.getByLabel('Scenario').selectOption('deny');
      await s.waitSettled();
      await page.waitForFunction(() => location.hash.includes('scenario=deny'));
      await page.keyboard.press('ArrowRight');
      await s.waitSettled();
      await page.keyboard.press('ArrowRight');
      await s.waitSettled();
      await page.waitForFunction(() => location.hash.includes('step=2'));
      await page.goBack();
      await s.waitSettled();
      await page.waitForFunction(() => location.hash.includes('scenario=first-connection'));
      await messages(page, 12); // Back returns to the previous run, at its step.
      await page.waitForFunction(
        () =>
          document.querySelector('[role="option"][aria-selected="true"]')?.getAttribute('data-seq') === '4',
      );
      await page.goForward();
      await s.waitSettled();
      await page.waitForFunction(() => location.hash.includes('scenario=deny'));
      await messages(page, 2);

      // An attack link with presenter mode and hidden secrets opens exactly that.
      await s.go('#/sim?attack=stolen-code-no-pkce&defence=off&step=21&present=1&mask=1');
      await messages(page, 21);
      await page.locator('.app--present').waitFor();
      assert.equal(await stepTitle(page), 'The attacker sends a request');
      assert.match(await textOf(page.locator('.seq-label--current')), /POST \/token/);
      const hash = await page.evaluate(() => location.hash);
      assert.equal(query(hash).get('attack'), 'stolen-code-no-pkce');
      assert.equal(query(hash).get('defence'), 'off');
      assert.equal(query(hash).get('mask'), '1');
      // Nothing secret ever goes into the URL: only choices and a seed.
      await page.waitForFunction(() => location.hash.includes('step='));
      assert.doesNotMatch(await page.evaluate(() => location.hash), /eyJ|code_verifier|access_token/);
    },
  },
  {
    name: 'talks: presenter mode and the speaker notes window stay in step both ways',
    slug: 'talks-presenter',
    options: { viewport: HD },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=first-connection&reg=cimd&seed=demo&step=5');
      await page.keyboard.press('p');
      await page.locator('.app--present').waitFor();
      assert.equal(await page.locator('header.app-header').count(), 0, 'no app header');
      assert.equal(await drawerShown(page), false, 'the message list is out of the picture');
      assert.equal(await page.locator('.inspector').isVisible(), false);
      // Readable from the back of the room: the explanation and the diagram labels are big.
      await page
        .waitForFunction(
          () => parseFloat(getComputedStyle(document.querySelector('#step-title')!).fontSize) >= 34,
          null,
          {
            timeout: 5000,
          },
        )
        .catch(() => undefined);
      const sizes = await page.evaluate(() => ({
        app: document.querySelector('.app')!.className,
        title: parseFloat(getComputedStyle(document.querySelector('#step-title')!).fontSize),
        text: parseFloat(getComputedStyle(document.querySelector('.explainer__text')!).fontSize),
        label: document.querySelector('.seq-label--current')!.getBoundingClientRect().height,
      }));
      assert.ok(sizes.title >= 34, `title ${sizes.title}px (${sizes.app})`);
      assert.ok(sizes.text >= 26, `text ${sizes.text}px`);
      assert.ok(sizes.label >= 34, `current label ${sizes.label}px tall`);
      await page.waitForTimeout(300);
      await s.screenshot('41-presenter-1920-light');
      await s.axe('presenter mode, light');

      const [notes] = await Promise.all([
        page.context().waitForEvent('page'),
        page.getByRole('button', { name: 'Speaker notes' }).click(),
      ]);
      const clean = watch(notes, s.origin);
      await notes.waitForLoadState();
      await notes.getByText(/In step with the simulator window/).waitFor();
      const heading = notes.locator('#notes-step-title');
      await notes.waitForFunction(
        () =>
          document.querySelector('#notes-step-title')?.textContent === 'Check the metadata names this server',
      );
      assert.match(await textOf(notes.locator('.notes-card__note').first()), /^Say: /);
      // The next message, for the speaker only.
      await notes.getByText('GET authorization server metadata').waitFor();
      await notes.setViewportSize({ width: 1000, height: 760 });
      await notes.screenshot({ path: join(root, 'e2e', 'screenshots', '42-speaker-notes-1000.png') });
      await axeOn(notes, 'the speaker notes window');

      // Next in the notes window steps the audience window…
      await notes.getByRole('button', { name: 'Next' }).click();
      await messages(page, 6);
      await notes.waitForFunction(
        () =>
          document.querySelector('#notes-step-title')?.textContent === 'GET authorization server metadata',
      );
      // …the audience window's keys (a clicker's Page Down) move the notes…
      await page.bringToFront();
      await page.keyboard.press('PageDown');
      await s.waitSettled();
      await notes.waitForFunction(
        () => document.querySelector('#notes-step-title')?.textContent === 'Authorization server metadata',
      );
      assert.equal(await textOf(heading), await stepTitle(page));
      // …and a clicker pointed at the notes window works too.
      await notes.bringToFront();
      await notes.keyboard.press('PageDown');
      await messages(page, 8);
      await notes.keyboard.press('PageUp');
      await messages(page, 7);

      // Scale and hidden secrets from the keyboard, kept in the URL.
      await page.bringToFront();
      await page.keyboard.press('+');
      await page.keyboard.press('+');
      await page.keyboard.press('h');
      await page.waitForFunction(
        () => location.hash.includes('scale=1.25') && location.hash.includes('mask=1'),
      );
      await page.keyboard.press('End');
      await s.waitSettled();
      await page.waitForTimeout(300);
      await s.screenshot('43-presenter-finished-125-1920-light');
      await notes.waitForFunction(() => /Outcome/.test(document.body.textContent ?? ''));
      clean();
      await notes.close();
    },
  },
  {
    name: 'talks: presenter mode, dark and high contrast at 1280x720, with secrets hidden on the consent window',
    slug: 'talks-presenter-dark',
    options: { colorScheme: 'dark' },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=first-connection&reg=dcr&seed=demo&step=14&present=1&mask=1');
      // Fullscreen: F, and the visible control, through the Fullscreen API.
      const fullscreen = page.getByRole('button', { name: 'Fullscreen' });
      await page.keyboard.press('f');
      await page.waitForFunction(() => Boolean(document.fullscreenElement));
      // The button follows the fullscreenchange event, a render after the API's state changes.
      await page.getByRole('button', { name: 'Fullscreen', pressed: true }).waitFor();
      await fullscreen.click();
      await page.waitForFunction(() => !document.fullscreenElement);
      await page.getByRole('button', { name: 'Fullscreen', pressed: false }).waitFor();
      await page.keyboard.press('ArrowRight');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const address = await textOf(dialog.getByRole('group', { name: 'Address bar' }));
      assert.match(address, /state=[A-Za-z0-9_-]{3}•••••/);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.contrast), 'high');
      await s.screenshot('44-presenter-consent-masked-1280-dark');
      await s.axe('presenter mode with the consent window, dark high contrast');
      await dialog.getByRole('button', { name: 'Approve' }).click();
      await s.waitSettled();
      await page.keyboard.press('End');
      await s.waitSettled();
      await page.waitForTimeout(300);
      await s.screenshot('45-presenter-finished-1280-dark');
      await s.axe('presenter mode, finished, dark');
      assert.doesNotMatch(await textOf(page.locator('body')), /eyJhbGciOi/);
    },
  },
  {
    name: 'talks: the help dialog lists the shortcuts, traps focus and gives it back',
    slug: 'talks-help',
    async run(s) {
      const { page } = s;
      await s.go('#/sim?step=3');
      await messages(page, 3);
      const opener = page.getByRole('button', { name: 'Keyboard shortcuts' });
      await opener.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await dialog.waitFor();
      assert.ok(
        await dialog
          .getByRole('heading', { name: 'Keyboard shortcuts' })
          .evaluate((h) => h === document.activeElement),
      );
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press('Tab');
        assert.ok(
          await dialog.evaluate((d) => d.contains(document.activeElement)),
          'focus stays in the dialog',
        );
      }
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(300);
      assert.equal(await s.messageCount(), 3, 'keys in the dialog do not step the flow');
      await s.screenshot('46-help-1280-light');
      await s.axe('the help dialog');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.ok(await opener.evaluate((b) => b === document.activeElement), 'focus returns to the ? button');
    },
  },
  {
    name: "talks: exports: the Mermaid parses with mermaid's parser, the HAR has every exchange, SVG and PNG",
    slug: 'talks-exports',
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=step-up&reg=dcr&seed=demo');
      await page.keyboard.press('End');
      await page.waitForSelector('.seq-ghost--ended');
      await s.waitSettled();
      const labels = await page.locator('[role="option"] .message__label').allTextContents();
      const responses = await page.locator('[role="option"].message--response').count();
      await page.keyboard.press('e');
      const dialog = page.getByRole('dialog', { name: 'Export this run' });
      await dialog.waitFor();
      await s.screenshot('47-export-1280-light');
      await s.axe('the export dialog');

      const mermaidText = await dialog.getByRole('textbox', { name: /Mermaid source/ }).inputValue();
      // Parsed in a blank page of its own: the app's page runs under its CSP, which refuses the inline
      // script addScriptTag makes (and mermaid is a test tool, not part of the app).
      const scratch = await page.context().newPage();
      await scratch.addScriptTag({ path: join(root, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js') });
      const parsed = await scratch.evaluate(async (text) => {
        const result = await window.mermaid!.parse(text);
        return result && result.diagramType;
      }, mermaidText);
      await scratch.close();
      assert.equal(parsed, 'sequence');
      assert.equal(
        mermaidText.split('\n').filter((l) => /->>|-->>|-\)|Note over/.test(l)).length,
        labels.length,
      );
      const mmd = await downloadText(page, () =>
        dialog.getByRole('button', { name: 'Download .mmd' }).click(),
      );
      assert.match(mmd.name, /^mcp-oauth-step-up-dcr-\d+\.mmd$/);
      assert.equal(mmd.data.toString('utf8'), mermaidText);

      const har = await downloadText(page, () =>
        dialog.getByRole('button', { name: 'Download .har' }).click(),
      );
      const harJson = parseJson(har.data.toString('utf8'));
      assert.equal(at(harJson, 'log', 'version'), '1.2');
      const entries = arrayAt(harJson, 'log', 'entries');
      assert.equal(entries.length, responses, 'one HAR entry per exchange');
      assert.ok(
        entries.every(
          (e) =>
            stringAt(e, 'request', 'url').startsWith('http') &&
            typeof at(e, 'response', 'status') === 'number',
        ),
      );
      assert.ok(
        entries.some((e) => at(e, 'response', 'status') === 403),
        'the insufficient_scope answer is in it',
      );

      const svg = await downloadText(page, () =>
        dialog.getByRole('button', { name: 'Download SVG' }).click(),
      );
      const titles = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        if (doc.querySelector('parsererror')) return null;
        return [...doc.querySelectorAll('g.message > title')].map((t) => t.textContent);
      }, svg.data.toString('utf8'));
      assert.ok(titles, 'the SVG is well-formed XML');
      assert.deepEqual(
        titles,
        labels.map(
          (label, i) => `${i + 1}. ${label.replace(/^[⚠✕⊘☠] (error|refused|blocked|attacker): /, '')}`,
        ),
      );

      const png = await downloadText(page, () =>
        dialog.getByRole('button', { name: 'Download PNG' }).click(),
      );
      assert.deepEqual([...png.data.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG file');
      const width = png.data.readUInt32BE(16);
      const svgWidth = Number(/width="(\d+)"/.exec(svg.data.toString('utf8'))?.[1]);
      assert.equal(width, svgWidth * 2, 'drawn at twice the size');
      assert.ok(png.data.length > 20_000, `PNG of ${png.data.length} bytes`);
    },
  },
  {
    name: 'talks: a course page embeds the app and receives the documented events',
    slug: 'talks-embed',
    options: { viewport: { width: 1280, height: 900 } },
    async run(s) {
      const { page } = s;
      const example = await readFile(join(root, 'docs', 'embed-example.html'));
      await page.route(`${s.origin}/__course.html**`, (route) =>
        route.fulfill({ body: example, contentType: 'text/html; charset=utf-8' }),
      );
      await page.goto(`${s.origin}/__course.html?app=/`);
      const frameEl = page.locator('#simulator');
      await frameEl.waitFor();
      const frame = page.frameLocator('#simulator');
      const events = () => page.evaluate(() => window.courseEvents!.map((e) => e.data));
      await frame.getByRole('button', { name: /Next/ }).waitFor();
      await page.waitForFunction(() => window.courseEvents!.some((e) => e.data.type === 'ready'));
      assert.equal(await frame.locator('header.app-header').count(), 0, 'no app header in an embed');
      await frame.getByRole('button', { name: /Next/ }).click();
      await frame.getByRole('button', { name: /Next/ }).click();
      await page.waitForFunction(() =>
        window.courseEvents!.some((e) => e.data.type === 'step' && e.data.step === 2),
      );
      const step = (await events()).find((e) => e.type === 'step' && e.step === 2);
      assert.deepEqual(step, {
        source: 'mcp-oauth-simulator',
        version: 1,
        type: 'step',
        run: { scenario: 'first-connection', registration: 'cimd', seed: 'demo', attack: null },
        step: 2,
        message: {
          number: 2,
          stepId: 'mcp-unauthenticated',
          part: 'response',
          title: '401 Unauthorized + WWW-Authenticate',
        },
        finished: false,
        outcome: null,
      });
      assert.ok(await page.evaluate(() => window.courseEvents!.every((e) => e.origin === location.origin)));
      await s.screenshot('48-embed-course-page-1280');
      await s.axe('a course page with the embedded simulator');

      // A locked attack: no selectors; the attack's verdict arrives.
      await page.getByRole('button', { name: 'Attack: mix-up' }).click();
      await frame.getByRole('button', { name: /Run to end/ }).waitFor();
      assert.equal(await frame.getByLabel('Scenario').isVisible(), false, 'locked: no scenario selector');
      assert.equal(
        await frame.getByRole('tab', { name: /Attack lab/ }).isVisible(),
        false,
        'locked: no attack choice',
      );
      await frame.getByRole('button', { name: /Run to end/ }).click();
      await page.waitForFunction(() => window.courseEvents!.some((e) => e.data.type === 'attack-completed'));
      const verdict = (await events()).find((e) => e.type === 'attack-completed');
      assert.ok(verdict?.type === 'attack-completed', 'the attack-completed event arrived');
      assert.equal(verdict.attack, 'mix-up');
      assert.equal(verdict.attackerWon, false);
      assert.deepEqual(verdict.stoppedAt, { message: 23, rule: 'C-19' });

      // A lesson, completed; its quiz, answered.
      await page.getByRole('button', { name: 'Lesson: discovery' }).click();
      // Reading to the end completes the lesson (the "Mark as read" button does it too).
      await frame.getByRole('heading', { level: 1 }).waitFor();
      await frame.locator('.lesson__end').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => window.courseEvents!.some((e) => e.data.type === 'lesson-completed'));
      await page.getByRole('button', { name: 'Quiz: discovery' }).click();
      const check = frame.getByRole('button', { name: /^Check (answer|order)$/ });
      await check.waitFor();
      if (await frame.getByRole('radio').count()) await frame.getByRole('radio').first().check();
      await check.click();
      await page.waitForFunction(() => window.courseEvents!.some((e) => e.data.type === 'quiz-answered'));
      const all = await events();
      assert.deepEqual(
        all.find((e) => e.type === 'lesson-completed'),
        { source: 'mcp-oauth-simulator', version: 1, type: 'lesson-completed', lessonId: 'discovery' },
      );
      const answered = all.find((e) => e.type === 'quiz-answered');
      assert.ok(answered, 'the quiz-answered event arrived');
      assert.deepEqual(Object.keys(answered).sort(), [
        'correct',
        'questionId',
        'quiz',
        'source',
        'type',
        'version',
      ]);
      assert.doesNotMatch(JSON.stringify(all), /eyJ|code=|state=|Bearer/);
      assert.match(await textOf(page.locator('#lessons')), /discovery/);
      await s.screenshot('49-embed-course-progress-1280');
    },
  },
  {
    name: 'talks: the embed fits a 640x480 iframe',
    slug: 'talks-embed-small',
    options: { viewport: { width: 640, height: 480 } },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?attack=stolen-code-no-pkce&defence=on&embed=1&lock=1&step=6');
      assert.equal(await page.locator('header.app-header').count(), 0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `no horizontal scroll (${overflow}px too wide)`);
      await page.keyboard.press('ArrowRight');
      await s.waitSettled();
      assert.equal(
        await page.evaluate(() => scrollY),
        0,
        'stepping does not scroll the page (or the course page)',
      );
      await s.screenshot('50-embed-640x480');
      await s.axe('the embed at 640x480');
      // The embedding page fixes a dark theme for this frame; the learner's own choice is not changed.
      await s.go('#/lessons/discovery?embed=1&lock=1&theme=dark');
      await page.getByRole('heading', { level: 1 }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
      assert.equal(await page.evaluate(() => localStorage.getItem('mcp-sim-theme')), null);
      const lessonOverflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(lessonOverflow <= 0, `the lesson fits (${lessonOverflow}px too wide)`);
      assert.equal(await page.locator('.lesson__pager').isVisible(), false, 'locked to this lesson');
      await s.screenshot('51-embed-lesson-640x480-dark');
      await s.axe('an embedded lesson at 640x480, dark');
    },
  },
  {
    name: 'talks: works without Web Crypto or the Clipboard API (plain http from a LAN address)',
    slug: 'talks-no-crypto',
    async run(s) {
      const { page } = s;
      await page.addInitScript(() => {
        // What a non-secure context lacks.
        Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true });
        Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
        Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
      });
      await s.go('#/sim?scenario=first-connection&reg=cimd&seed=demo');
      assert.equal(await page.evaluate(() => crypto.subtle), undefined);
      await page.keyboard.press('End');
      await page.waitForSelector('.seq-ghost--ended');
      const labels = await s.labels();
      assert.ok(
        labels.some((l) => l.startsWith('Authorized: the tool ran')),
        'the flow succeeds',
      );
      assert.ok(
        labels.some((l) => l.startsWith('Token valid')),
        'the MCP server verified the token',
      );
      await page.locator('[role="option"]', { hasText: 'PKCE verified' }).click();
      await page.getByRole('tab', { name: 'PKCE' }).click();
      await page.getByText('Match:', { exact: false }).first().waitFor();
      // Copying a link falls back to the old way (or shows the link to copy by hand).
      await page.keyboard.press('l');
      await page.waitForFunction(
        () =>
          document.querySelector('.viewbar__status')?.textContent === 'Link copied' ||
          document.querySelector('[role="dialog"] input'),
      );
      await s.screenshot('52-no-web-crypto-1280-light');
    },
  },
  {
    name: 'talks: presenter mode keeps the message list reachable, and a clicker steps from the side column',
    slug: 'talks-presenter-list',
    options: { viewport: HD },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=first-connection&reg=dcr&seed=demo&step=6&present=1');
      await page.locator('.app--present').waitFor();
      await messages(page, 6);
      // The projector layout: the diagram has the whole width, the list is out of the picture…
      const widths = await page.evaluate(() => ({
        body: document.querySelector('.sim__body')!.getBoundingClientRect().width,
        diagram: document.querySelector('.sim__diagram')!.getBoundingClientRect().width,
      }));
      assert.ok(widths.diagram >= widths.body - 2, `diagram ${widths.diagram}px of ${widths.body}px`);
      assert.equal(await drawerShown(page), false);
      // …but still the diagram's text alternative for assistive technology.
      const list = page.getByRole('listbox', { name: /Messages/ });
      assert.equal(await list.getByRole('option').count(), 6);
      const tree = await page.locator('body').ariaSnapshot();
      assert.match(tree, /listbox "Messages 6"/);
      await s.axe('presenter mode, message list closed');

      // Tab reaches it (after the diagram), and focus opens it as a drawer over the diagram.
      await page.locator('.sim__diagram').evaluate((diagram) => {
        diagram.tabIndex = -1;
        diagram.focus();
      });
      for (let i = 0; i < 40; i++) {
        if (await page.evaluate(() => Boolean(document.activeElement?.closest('.sim__list')))) break;
        await page.keyboard.press('Tab');
      }
      assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('aria-current')),
        'step',
        'Tab lands on the current message',
      );
      await page.waitForFunction(
        () => getComputedStyle(document.querySelector('.sim__list')!).clipPath === 'none',
      );
      assert.equal(await drawerShown(page), true, 'focus shows the list');
      const focused = await page.evaluate(() => {
        const option = document.activeElement!.getBoundingClientRect();
        const drawer = document.querySelector('.sim__list')!.getBoundingClientRect();
        return option.top >= drawer.top && option.bottom <= drawer.bottom && option.width > 100;
      });
      assert.ok(focused, 'the focused message is in view inside the drawer');
      await s.screenshot('53-presenter-message-drawer-1920-light');
      await s.axe('presenter mode, message list open');
      // A clicker from inside the list steps, and the list follows.
      await page.keyboard.press('PageDown');
      await s.waitSettled();
      await messages(page, 7);
      assert.equal(await drawerShown(page), true);
      // Escape gives focus to the Messages button, which closes the drawer; the button opens it again.
      await page.keyboard.press('Escape');
      const opener = page.getByRole('button', { name: 'Messages 7' });
      assert.ok(await opener.evaluate((b) => b === document.activeElement), 'focus on the Messages button');
      assert.equal(await drawerShown(page), false);
      await opener.click();
      await page.waitForFunction(() => Boolean(document.activeElement?.closest('.sim__list')));
      assert.equal(await drawerShown(page), true);

      // A clicker with focus in the side column (say after clicking a rule chip) still steps, both ways.
      const inSide = async () => {
        await page.locator('.sim__side button:visible').first().focus();
        assert.ok(await page.evaluate(() => Boolean(document.activeElement?.closest('.sim__side'))));
      };
      await inSide();
      assert.equal(await drawerShown(page), false, 'focus leaving the list closes it');
      const before = await stepTitle(page);
      await page.keyboard.press('PageDown');
      await s.waitSettled();
      await messages(page, 8);
      assert.notEqual(await stepTitle(page), before);
      await inSide();
      await page.keyboard.press('PageUp');
      await s.waitSettled();
      await messages(page, 7);
      assert.equal(await stepTitle(page), before);
    },
  },
];
