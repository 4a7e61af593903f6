// The course in a real browser: a lesson's "Try it" link opens the simulator at the step it names,
// and the final exam can be taken to the end with the keyboard and mouse, scored and reviewed.
import assert from 'node:assert/strict';

export const courseTests = [
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
        const check = page.getByRole('button', { name: /^Check (answer|order)$/ });
        await check.waitFor();
        const radios = page.getByRole('radio');
        // Choice questions: pick the first answer (right or wrong, the exam must score either).
        if ((await radios.count()) > 0) await radios.first().check();
        await check.click();
        await page.getByRole('region', { name: 'Feedback' }).waitFor();
        answered++;
        await page.getByRole('button', { name: /^(Next question|See your results)$/ }).click();
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
];
