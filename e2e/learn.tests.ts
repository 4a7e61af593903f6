// Learners act instead of watching (issue 17): predict mode through a whole run by keyboard, a drill
// solved with hints, a missed quiz question back in the next day's review (the page's clock moved),
// and the example course page receiving the prediction and drill results.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { textOf } from './harness';
import type { E2eTest, Session } from './harness';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The predict card's question, if one is open. */
const questionOf = (page: Page) => page.locator('[data-testid="predict"] [role="group"]');

/**
 * Answers every question with a key (1-4, in turn) and steps past messages without one with →,
 * approving the consent window with the keyboard, until the card shows the score. Returns how many
 * questions were answered. Each answer is typed where focus is: the card must hold it.
 */
async function predictToEnd(s: Session, keyFocus = true): Promise<number> {
  const { page } = s;
  let answered = 0;
  for (let i = 0; i < 160; i++) {
    if (await page.getByText(/^Your predictions:/).count()) return answered;
    const dialog = page.getByRole('dialog');
    if (await dialog.count()) {
      await dialog.getByRole('button', { name: 'Approve' }).focus();
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
    } else if (await questionOf(page).count()) {
      if (keyFocus)
        assert.ok(
          await page.evaluate(() => document.activeElement?.closest('[data-testid="predict"]') != null),
          `the card holds focus at question ${answered + 1}`,
        );
      // 1-4 in turn, within the options this question has (some have two or three).
      const count = await questionOf(page).getByRole('button').count();
      await page.keyboard.press(String((answered % count) + 1));
      answered++;
      // The verdict comes at once, with the rule that decided it.
      await page.locator('.predict__verdict').waitFor();
    } else {
      // The next question is drawn a frame after the message: a message without one is stepped past.
      const asked = await questionOf(page)
        .waitFor({ timeout: 500 })
        .then(
          () => true,
          () => false,
        );
      if (asked) continue;
      await page.keyboard.press('ArrowRight');
    }
    await s.waitSettled();
  }
  throw new Error('the run did not end');
}

export const learnTests: E2eTest[] = [
  {
    name: 'learn: a learner answers predictions through a whole run by keyboard, and sees the score and the recap',
    slug: 'learn-predict',
    options: { viewport: { width: 1440, height: 900 } },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=first-connection&reg=cimd');
      // The switch, by its key; kept in the address.
      await page.keyboard.press('q');
      await page.waitForFunction(() => location.hash.includes('predict=1'));
      await questionOf(page).waitFor();
      assert.equal(await page.getByRole('switch', { name: 'Predict' }).getAttribute('aria-checked'), 'true');
      await s.screenshot('60-predict-question-1440');
      const answered = await predictToEnd(s);
      assert.ok(answered >= 10, `answered ${answered} questions`);
      const end = page.locator('.predict__end');
      const text = await textOf(end);
      const match = /Your predictions: (\d+) of (\d+) right/.exec(text);
      assert.ok(match, text);
      assert.equal(Number(match[2]), answered);
      assert.doesNotMatch(text, /skipped/, 'every question answered');
      const phases = await end
        .getByRole('list', { name: 'Score per phase' })
        .getByRole('listitem')
        .allTextContents();
      assert.ok(phases.length >= 3, phases.join('; '));
      const totals = phases.map((p) => Number(/of (\d+)$/.exec(p)?.[1]));
      assert.equal(
        totals.reduce((a, b) => a + b, 0),
        answered,
      );
      // The recap, with its next steps.
      const recap = page.getByRole('region', { name: 'Recap' });
      await recap.waitFor();
      assert.match(await textOf(recap), /First connection went through/);
      assert.equal(await recap.getByRole('link', { name: /attack that breaks this flow/ }).count(), 1);
      await s.screenshot('61-predict-score-recap-1440');
      await s.axe('predict mode, at the end of a run');
      // A link to this view opens predict mode again, at the end: the questions it passed on the way
      // were never shown, so none counts as skipped and no score is reported.
      await page.waitForFunction(() => location.hash.includes('predict=1'));
      const link = `#${page.url().split('#')[1] ?? ''}`;
      await page.goto('about:blank');
      await s.go(link);
      await page.locator('.predict__end').waitFor();
      assert.equal(await textOf(page.locator('.predict__end')), 'The run has ended.');
    },
  },
  {
    name: 'learn: a speaker shows the question to the room and reveals it with Next',
    slug: 'learn-predict-audience',
    options: { viewport: { width: 1280, height: 720 } },
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=step-up&reg=cimd&predict=1&present=1');
      const card = page.getByTestId('predict');
      await card.getByText(/Ask the room/).waitFor();
      assert.equal(await card.getByRole('button').count(), 0, 'nothing to click for the room');
      const options = await card.locator('.predict__options--list li').allTextContents();
      await s.screenshot('62-predict-audience-1280');
      await page.keyboard.press('PageDown');
      await s.waitSettled();
      await card.getByText('The answer:').waitFor();
      assert.ok(options.includes(await textOf(card.locator('.predict__answer'))));
    },
  },
  {
    name: 'learn: a learner solves a drill with hints',
    slug: 'learn-drill',
    options: { viewport: { width: 1440, height: 900 } },
    async run(s) {
      const { page } = s;
      await s.go('#/practice');
      await page
        .getByRole('link', { name: /Drill 4\b/ })
        .first()
        .click();
      await s.waitSettled();
      const panel = page.getByRole('region', { name: /Drill 4/ });
      await page.keyboard.press('End');
      await s.waitSettled();
      await panel.getByRole('button', { name: 'Hint 1 of 3' }).click();
      await panel.getByRole('button', { name: 'Hint 2 of 3' }).click();
      assert.equal(await panel.getByRole('list', { name: 'Hints' }).getByRole('listitem').count(), 2);
      // A first guess: the client, which refused the answer, is not the party breaking a rule.
      await panel.getByRole('radio', { name: 'MCP client' }).check();
      await panel.getByRole('combobox').selectOption('C-19');
      await panel.getByRole('button', { name: 'Check' }).click();
      await panel
        .getByRole('status')
        .getByText(/Not that party/)
        .waitFor();
      await panel.getByRole('radio', { name: 'Authorization server' }).check();
      await panel.getByRole('combobox').selectOption('A-08');
      await panel.getByRole('button', { name: 'Check' }).click();
      await panel.getByRole('heading', { name: /Found it: the authorization server breaks A-08/ }).waitFor();
      assert.match(await textOf(panel), /Solved in 2 tries with 2 hints/);
      await s.screenshot('63-drill-solved-1440');
      await s.axe('a solved drill');
      // Kept: the list of drills says so, and the progress page counts it.
      await s.go('#/practice');
      assert.match(
        await textOf(
          page
            .getByRole('link', { name: /Drill 4\b/ })
            .first()
            .locator('..'),
        ),
        /Solved/i,
      );
    },
  },
  {
    name: 'learn: a missed question comes back in the next day’s review',
    slug: 'learn-review',
    options: { viewport: { width: 1280, height: 720 } },
    async run(s) {
      const { page } = s;
      const start = new Date('2026-03-02T09:00:00Z');
      await page.clock.install({ time: start });
      const quiz = JSON.parse(await readFile(join(root, 'lessons', 'quiz', '04-discovery.json'), 'utf8')) as {
        id: string;
        kind: string;
        prompt: string;
        answers?: { text: string; correct: boolean }[];
      }[];
      const question = quiz.find((q) => q.kind === 'choice');
      const wrong = question?.answers?.find((a) => !a.correct);
      assert.ok(question && wrong, 'a choice question with a wrong answer');
      await s.go(`#/quiz/discovery?q=${question.id}`);
      await page.getByRole('radio', { name: wrong.text, exact: true }).check();
      await page.getByRole('button', { name: 'Check answer' }).click();
      await page.getByRole('region', { name: 'Feedback' }).waitFor();

      // The same day: nothing is due yet; tomorrow is named.
      await s.go('#/review');
      await page.getByText('Nothing to review today.').waitFor();
      await s.screenshot('64-review-nothing-due-1280');

      // The next day (the page's clock moved on): the missed question is asked again.
      await page.clock.setSystemTime(new Date(start.getTime() + 24 * 60 * 60 * 1000 + 60_000));
      await page.reload();
      await page.getByRole('heading', { name: 'Today’s review' }).waitFor();
      await page.getByText(question.prompt).waitFor();
      await s.screenshot('65-review-due-1280');
      await s.axe('the review with a question due');
      // Answered right this time: it is scheduled again in three days, so nothing is left today.
      const right = question.answers?.find((a) => a.correct);
      assert.ok(right);
      await page.getByRole('radio', { name: right.text, exact: true }).check();
      await page.getByRole('button', { name: 'Check answer' }).click();
      await page.getByRole('region', { name: 'Feedback' }).waitFor();
      await page.reload();
      await page.getByText('Nothing to review today.').waitFor();
    },
  },
  {
    name: 'learn: the example course page receives prediction scores and drill results',
    slug: 'learn-embed',
    options: { viewport: { width: 1280, height: 900 } },
    async run(s) {
      const { page } = s;
      const example = await readFile(join(root, 'docs', 'embed-example.html'));
      await page.route(`${s.origin}/__course.html**`, (route) =>
        route.fulfill({ body: example, contentType: 'text/html; charset=utf-8' }),
      );
      await page.goto(`${s.origin}/__course.html?app=/`);
      const frame = page.frameLocator('#simulator');
      const events = () => page.evaluate(() => window.courseEvents!.map((e) => e.data));

      await page.getByRole('button', { name: 'Drill 4' }).click();
      const panel = frame.getByRole('region', { name: /Drill 4/ });
      await panel.getByRole('button', { name: 'Hint 1 of 3' }).click();
      await panel.getByRole('button', { name: 'Show the answer' }).click();
      await page.waitForFunction(() => window.courseEvents!.some((e) => e.data.type === 'drill-completed'));
      assert.deepEqual(
        (await events()).find((e) => e.type === 'drill-completed'),
        {
          source: 'mcp-oauth-simulator',
          version: 1,
          type: 'drill-completed',
          drill: '4',
          fault: 'as-iss-missing',
          party: 'as',
          rule: 'A-08',
          solved: false,
          hints: 1,
          attempts: 0,
        },
      );

      await page.getByRole('button', { name: 'Predict: machine to machine' }).click();
      const card = frame.getByTestId('predict');
      for (let i = 0; i < 60; i++) {
        if (await card.getByText(/^Your predictions:/).count()) break;
        const option = card.locator('.predict__option').first();
        if (await option.count()) await option.click();
        else await frame.getByRole('button', { name: /^Next/ }).click();
        await page.waitForTimeout(80);
      }
      await page.waitForFunction(() => window.courseEvents!.some((e) => e.data.type === 'prediction-scored'));
      const scored = (await events()).find((e) => e.type === 'prediction-scored');
      assert.ok(scored?.type === 'prediction-scored');
      assert.deepEqual(scored.run, {
        scenario: 'client-credentials',
        registration: 'preregistered',
        seed: 'demo',
        attack: null,
      });
      assert.ok(scored.total > 0 && scored.correct <= scored.total);
      assert.equal(
        scored.phases.reduce((n, p) => n + p.total, 0),
        scored.total,
      );
      await page.locator('#predictions', { hasText: /in client-credentials/ }).waitFor();
      assert.match(
        await textOf(page.locator('#predictions')),
        /^\d+\/\d+( \(\d+ skipped\))? in client-credentials$/,
      );
      assert.match(await textOf(page.locator('#drills')), /drill 4: answer shown \(A-08\)/);
      await s.screenshot('66-embed-predict-drill-1280');
    },
  },
];
