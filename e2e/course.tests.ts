// The course in a real browser: a lesson's "Try it" link opens the simulator at the step it names,
// the final exam can be taken to the end with the keyboard and mouse, scored and reviewed, and a
// quiz link (`#/quiz/<lesson>?q=<question id>`) opens its exact question, in a fresh tab and an embed.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { arrayAt, parseJson, stringAt } from '../tests/json';
import { assertNoAxeViolations } from './harness';
import { answerAndGoOn } from './quiz';
import type { E2eTest } from './harness';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface AuthoredQuestion {
  id: string;
  prompt: string;
}

/** The questions of one quiz file, as authored (ids and prompts). */
async function quizFile(name: string): Promise<AuthoredQuestion[]> {
  const questions = arrayAt(parseJson(await readFile(join(root, 'lessons', 'quiz', name), 'utf8')));
  return questions.map((q) => ({ id: stringAt(q, 'id'), prompt: stringAt(q, 'prompt') }));
}

/** The prompt of the question with this id (the test fails if there is none). */
function promptOf(questions: readonly AuthoredQuestion[], id: string): string {
  const question = questions.find((q) => q.id === id);
  assert.ok(question, `no question ${id}`);
  return question.prompt;
}

/** The question on screen: its heading ("Question n of m") and its prompt. */
async function shownQuestion(page: Page): Promise<{ heading: string; prompt: string }> {
  const heading = page.getByRole('heading', { level: 2, name: /^Question \d+ of \d+$/ });
  await heading.waitFor();
  return {
    heading: (await heading.innerText()).trim(),
    prompt: (await page.locator('.quiz-question legend').first().innerText()).trim(),
  };
}

export const courseTests: E2eTest[] = [
  {
    name: 'course: a lesson\'s "Try it" link puts the simulator at its step',
    slug: 'course-try-it',
    async run(s) {
      const { page } = s;
      await s.go('#/lessons/discovery');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      const link = page.locator('.md-tryit').first();
      const href = await link.getAttribute('href');
      assert.match(href ?? '', /^#\/sim\?/, 'the first Try it link points into the simulator');
      const at = new URLSearchParams((href ?? '').split('?')[1]).get('at') ?? '';
      assert.ok(at, 'the link names a step');
      await link.click();
      await s.waitSettled();
      assert.match(page.url(), /#\/sim\?/);
      // The current (last) message is the step the link named.
      const current = page.locator('[role="listbox"] [role="option"][aria-current="step"]');
      await current.waitFor();
      // The discovery lesson's first link names the 401 that starts discovery (steps.ts titles it).
      assert.equal(at, 'mcp-unauthenticated:response');
      assert.equal(await s.messageCount(), 2, 'positioned right after the request and its 401');
      assert.match(await current.innerText(), /401/);
      assert.match(
        await page.locator('#step-title').first().innerText(),
        /401 Unauthorized \+ WWW-Authenticate/,
      );
      await s.axe('simulator opened from a lesson');
      await s.screenshot('60-course-try-it-1280-light');
    },
  },
  {
    name: 'course: on a wide screen a "Try it" link plays its step beside the lesson',
    slug: 'course-try-beside',
    options: { viewport: { width: 1440, height: 900 } },
    async run(s) {
      const { page } = s;
      await s.go('#/lessons/discovery');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      const link = page.getByRole('link', { name: 'Try it: the 401 and its WWW-Authenticate header' });
      await link.click();
      // The lesson stays where it is; the simulator opens beside it at the link's step.
      const pane = page.getByRole('complementary', {
        name: /Try it the 401 and its WWW-Authenticate header/,
      });
      await pane.waitFor();
      assert.match(page.url(), /#\/lessons\/discovery$/);
      const frame = page.frameLocator('iframe[title^="Simulator:"]');
      const options = frame.locator('[role="listbox"] [role="option"]');
      // Settled as the harness's waitSettled has it: the diagram drawn and the player neither
      // loading nor positioning the run at the link's step.
      await page.waitForFunction(() => {
        const doc = document.querySelector<HTMLIFrameElement>('iframe[title^="Simulator:"]')?.contentDocument;
        const status = doc?.querySelector('.toolbar')?.getAttribute('data-status') ?? 'loading';
        return Boolean(doc?.querySelector('.react-flow')) && !['loading', 'busy'].includes(status);
      });
      await frame.locator('[role="listbox"] [role="option"][aria-current="step"]').waitFor();
      assert.equal(await options.count(), 2, 'positioned right after the request and its 401');
      // Focus went to the simulator: the next key steps it, not the lesson.
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(
        () =>
          (document
            .querySelector<HTMLIFrameElement>('iframe[title^="Simulator:"]')
            ?.contentDocument?.querySelectorAll('[role="listbox"] [role="option"]').length ?? 0) === 3,
      );
      // Both side by side on the screen, the pane the whole height of the page box.
      const [text, side] = await Promise.all([page.locator('.lesson').boundingBox(), pane.boundingBox()]);
      assert.ok(text && side && side.x >= text.x + text.width, 'the simulator is beside the text');
      assert.ok(side && side.height > 700, `the simulator is tall enough to use (${side?.height} px)`);
      await s.axe('a lesson with the simulator beside it');
      await s.screenshot('62-course-try-beside-1440-light');
      await pane.getByRole('button', { name: 'Close the simulator' }).click();
      await page.locator('iframe[title^="Simulator:"]').waitFor({ state: 'detached' });
      assert.equal(
        await link.evaluate((a) => a === document.activeElement),
        true,
        'focus is back on the link',
      );
    },
  },
  {
    name: 'course: the final exam, taken to the end and scored, with the wrong answers reviewed',
    slug: 'course-exam',
    async run(s) {
      const { page } = s;
      await s.go('#/quiz/exam');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      let answered = 0;
      for (let i = 0; i < 40; i++) {
        const results = page.getByRole('heading', { name: /Your score: \d+ of \d+/ });
        if (await results.isVisible().catch(() => false)) break;
        // Choice questions: the first answer (right or wrong, the exam must score either).
        await answerAndGoOn(page);
        answered++;
      }
      const heading = page.getByRole('heading', { name: /Your score: \d+ of \d+/ });
      await heading.waitFor();
      const [, correct, total] = /Your score: (\d+) of (\d+)/.exec(await heading.innerText()) ?? [];
      assert.equal(Number(total), answered, 'every question answered is counted');
      assert.ok(Number(total) >= 10, 'an exam of at least ten questions');
      assert.ok(Number(correct) <= Number(total));
      // Picking the first answer every time gets some wrong: each is in the review, with its feedback.
      const wrong = Number(total) - Number(correct);
      assert.ok(wrong > 0, 'always choosing the first answer is not a perfect score (answers are shuffled)');
      await page.getByRole('heading', { name: 'Review your wrong answers' }).waitFor();
      assert.equal(await page.locator('.quiz-review__item').count(), wrong);
      await s.axe('exam results');
      await s.screenshot('61-course-exam-results-1280-light');
    },
  },
  {
    name: 'course: a quiz link opens its exact question, also in a fresh tab and in an embed',
    slug: 'course-quiz-link',
    async run(s) {
      const { page } = s;
      const questions = await quizFile('06-pkce-and-request.json');
      const prompt = (id: string) => promptOf(questions, id);
      const total = questions.length;

      // From a lesson to its quiz: a link, so Back returns to the lesson.
      await s.go('#/lessons/pkce-and-request');
      await page.getByRole('link', { name: 'Take this lesson’s quiz' }).click();
      assert.deepEqual(await shownQuestion(page), {
        heading: `Question 1 of ${total}`,
        prompt: prompt('pkce-and-request-1'),
      });
      assert.match(page.url(), /#\/quiz\/pkce-and-request$/, 'question 1 is the quiz’s own address');
      const entries = await page.evaluate(() => history.length);
      await answerAndGoOn(page);
      await answerAndGoOn(page);
      assert.equal((await shownQuestion(page)).prompt, prompt('pkce-and-request-3'));
      await page.waitForFunction(() => location.hash === '#/quiz/pkce-and-request?q=pkce-and-request-3');
      assert.equal(await page.evaluate(() => history.length), entries, 'moving between questions replaces');
      const link = page.url();

      // The address, opened in a fresh tab, shows exactly that question (answers shuffled anew).
      const tab = await page.context().newPage();
      const problems: string[] = [];
      tab.on('pageerror', (e) => problems.push(e.message));
      tab.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      await tab.goto(link);
      assert.deepEqual(await shownQuestion(tab), {
        heading: `Question 3 of ${total}`,
        prompt: prompt('pkce-and-request-3'),
      });
      await assertNoAxeViolations(tab, 'a quiz opened at its third question');
      await tab.screenshot({ path: join(root, 'e2e', 'screenshots', '62-course-quiz-link-1280-light.png') });
      // The rest of the quiz follows, then the questions before the linked one: all are asked once.
      const asked = [];
      for (let n = 0; n < total; n++) {
        asked.push((await shownQuestion(tab)).prompt);
        await answerAndGoOn(tab);
      }
      assert.deepEqual(
        asked,
        [...questions.keys()].map((i) => prompt(`pkce-and-request-${((i + 2) % total) + 1}`)),
      );
      await tab.getByRole('heading', { name: new RegExp(`Your score: \\d+ of ${total}`) }).waitFor();
      assert.match(tab.url(), /#\/quiz\/pkce-and-request$/, 'the results name no question');
      assert.deepEqual(problems, [], 'no errors in the fresh tab');
      await tab.close();

      // Back leaves the quiz for the lesson it was opened from.
      await page.goBack();
      await page.getByRole('link', { name: 'Take this lesson’s quiz' }).waitFor();
      assert.match(page.url(), /#\/lessons\/pkce-and-request$/);

      // An unknown question: the quiz from its start, with a note.
      await s.go('#/quiz/pkce-and-request?q=pkce-and-request-77');
      assert.equal((await shownQuestion(page)).heading, `Question 1 of ${total}`);
      await page.getByText('This quiz has no question “pkce-and-request-77”').waitFor();
      await page.waitForFunction(() => location.hash === '#/quiz/pkce-and-request');
      await s.axe('a quiz link naming an unknown question');

      // Embedded: no header, the embed switches stay next to q as the learner moves on.
      await s.go('#/quiz/discovery?q=discovery-4&embed=1&lock=1');
      const discovery = await quizFile('04-discovery.json');
      assert.equal((await shownQuestion(page)).prompt, promptOf(discovery, 'discovery-4'));
      assert.equal(await page.locator('header.app-header').count(), 0, 'no app header in an embed');
      await answerAndGoOn(page);
      await page.waitForFunction(() => location.hash === '#/quiz/discovery?q=discovery-5&embed=1&lock=1');
      assert.equal((await shownQuestion(page)).prompt, promptOf(discovery, 'discovery-5'));
      await s.axe('an embedded quiz opened at a question');
    },
  },
];
