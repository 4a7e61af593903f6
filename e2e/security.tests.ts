// The built app under its own Content-Security-Policy (index.html's meta tag, the same policy that
// docs/hosting.md gives hosts that set headers): served from a folder, as a static host does, the
// simulator runs a whole flow with its consent window, the attack lab runs an attack, the export
// draws a PNG, a lesson is read to its end and a quiz question answered, and the browser reports
// no violation (the harness listens for `securitypolicyviolation` in every test; this one also
// checks that the policy is there and enforced).
import assert from 'node:assert/strict';
import type { E2eTest } from './harness';
import { SUB_PATH } from './server';
import { stepToEnd } from './tests';

export const securityTests: E2eTest[] = [
  {
    name: 'security: from a folder, under its own CSP, a flow, an attack, an export, a lesson and a quiz report no violation',
    slug: 'csp',
    async run(s) {
      const { page } = s;
      const base = `${s.origin}${SUB_PATH}`;

      await page.goto(`${base}#/sim?scenario=first-connection&reg=cimd&seed=demo`);
      await s.waitSettled();
      const policy = await page.evaluate(
        () =>
          document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ??
          null,
      );
      assert.ok(policy, 'index.html carries the policy');
      assert.match(policy, /(^|;)\s*default-src 'self'/);
      assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/, 'no escape hatch in the policy');
      // Every file came from the folder (relative asset URLs).
      const files = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      assert.ok(files.length > 0);
      assert.deepEqual(
        files.filter((url) => !url.startsWith(`${s.origin}${SUB_PATH}`)),
        [],
        'files loaded from outside the folder',
      );
      // The theme was applied before the first paint, by the script the policy allows.
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');

      // A whole flow through the in-page simulated network (MSW's getResponse: no fetch, no worker).
      await stepToEnd(s);
      assert.match(await page.locator('.seq-ghost--ended').innerText(), /\S/);

      // The export: the PNG is drawn from a data: image of the SVG (img-src allows data:).
      await page.keyboard.press('e');
      const dialog = page.getByRole('dialog', { name: 'Export this run' });
      await dialog.waitFor();
      const [png] = await Promise.all([
        page.waitForEvent('download'),
        dialog.getByRole('button', { name: 'Download PNG' }).click(),
      ]);
      assert.match(png.suggestedFilename(), /\.png$/);
      await page.keyboard.press('Escape');

      // An attack, defence on, to its end.
      await page.goto(`${base}#/sim?attack=mix-up&defence=on&seed=demo`);
      await s.waitSettled();
      await page.keyboard.press('End');
      await page.waitForSelector('.seq-ghost--ended');
      await s.waitSettled();

      // A lesson read to its end, and a quiz question answered.
      await page.goto(`${base}#/lessons/discovery`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.locator('.lesson__end').scrollIntoViewIfNeeded();
      await page.getByText('You have read this lesson.').waitFor();
      await page.goto(`${base}#/quiz/discovery`);
      await page.getByRole('heading', { level: 2, name: /^Question 1 of \d+$/ }).waitFor();
      const radios = page.getByRole('radio');
      if ((await radios.count()) > 0) await radios.first().check();
      await page.getByRole('button', { name: /^Check (answer|order)$/ }).click();
      await page.getByRole('region', { name: 'Feedback' }).waitFor();

      // A copy: asserting on s.violations itself would narrow it to an empty tuple for the rest of the test.
      assert.deepEqual([...s.violations], [], 'violations while using the app');
      // The policy is enforced, and a violation would be seen: an inline script is refused.
      const ran = await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineScriptRan = true;';
        document.head.append(script);
        script.remove();
        return window.__inlineScriptRan === true;
      });
      assert.equal(ran, false, 'an inline script ran');
      for (let i = 0; i < 50 && s.violations.length === 0; i++) await page.waitForTimeout(20);
      assert.equal(s.violations.length, 1, 'the refused script was reported');
      assert.match(s.violations[0] ?? '', /^script-src(-elem)? refused inline/);
      s.violations.length = 0;
      // Chromium also says so in the console.
      s.errors.splice(0, s.errors.length, ...s.errors.filter((e) => !/Content Security Policy/.test(e)));
    },
  },
];
