// The SCORM package in a real browser, under a real SCORM run-time: the built zip (scripts/build-scorm.ts)
// is unpacked next to a stand-in LMS page (e2e/lms/player.*) that runs scorm-again as window.API (1.2)
// or window.API_1484_11 (2004) with the SCO in a frame below it. A learner reads a lesson and passes its
// quiz; the run-time then holds the status, the score and one interaction per answer. The SCO is closed,
// the browser's own storage cleared, and the LMS relaunches it: the app resumes from the LMS's suspend
// data alone, where the learner was, with the lesson read and the quiz passed.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { packageZip } from '../scripts/build-scorm';
import { arrayAt, at, parseJson, stringAt } from '../tests/json';
import type { E2eTest, Session } from './harness';
import { startLrs, type LrsStub } from '../tests/lms/lrsStub';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.DIST_DIR ? resolve(process.env.DIST_DIR) : join(root, 'dist');
/** The stand-in LMS and the unpacked packages live in a folder of the served build, for the test's life. */
const FIXTURE = '__lms__';
const LESSON = 'why-authorization';
const PROGRESS_KEY = 'mcp-sim.progress.v1';

/** Unpacks the package the build script writes into the served folder, with the stand-in LMS. */
function setUp(version: '1.2' | '2004'): string {
  const dir = join(dist, FIXTURE);
  rmSync(dir, { recursive: true, force: true });
  const zip = packageZip(dist, {
    kind: version === '1.2' ? 'scorm-1.2' : 'scorm-2004',
    perLesson: true,
    connect: null,
  });
  for (const [name, data] of Object.entries(unzipSync(zip))) {
    const path = join(dir, 'pkg', name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  }
  for (const file of ['player.html', 'player.js']) cpSync(join(root, 'e2e', 'lms', file), join(dir, file));
  cpSync(join(root, 'node_modules', 'scorm-again', 'dist', 'scorm-again.js'), join(dir, 'scorm-again.js'));
  return `/${FIXTURE}/player.html?v=${version}&href=${encodeURIComponent(`pkg/sco-lesson-${LESSON}.html`)}`;
}

function tearDown(): void {
  rmSync(join(dist, FIXTURE), { recursive: true, force: true });
}

interface Choice {
  id: string;
  answers: { text: string; correct: boolean }[];
}

function quiz(): Choice[] {
  const file = readFileSync(join(root, 'lessons', 'quiz', `01-${LESSON}.json`), 'utf8');
  return arrayAt(parseJson(file)).map((q) => ({
    id: stringAt(q, 'id'),
    answers: arrayAt(q, 'answers').map((a) => ({
      text: stringAt(a, 'text'),
      correct: at(a, 'correct') === true,
    })),
  }));
}

const plain = (text: string): string => text.replace(/`/g, '').replace(/\s+/g, ' ').trim();

async function sco(page: Page): Promise<Frame> {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().includes('/pkg/sco-'));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error('the SCO frame did not load');
}

/** Answers the quiz in the order it comes (a lesson's quiz keeps its order): `wrong` names one to miss. */
async function takeQuiz(frame: Frame, questions: Choice[], wrong: number): Promise<void> {
  for (const [index, question] of questions.entries()) {
    await frame
      .getByRole('heading', { level: 2, name: `Question ${index + 1} of ${questions.length}` })
      .waitFor();
    const pick = question.answers.find((a) => a.correct !== (index === wrong));
    assert.ok(pick, `question ${question.id} has the answer to pick`);
    const label = frame.locator('label.quiz-choice').filter({ hasText: plain(pick.text).slice(0, 40) });
    await label.first().getByRole('radio').check();
    await frame.getByRole('button', { name: 'Check answer' }).click();
    await frame.getByRole('region', { name: 'Feedback' }).waitFor();
    await frame.getByRole('button', { name: /^(Next question|See your results)$/ }).click();
  }
  await frame
    .getByRole('heading', { name: new RegExp(`Your score: ${questions.length - 1} of ${questions.length}`) })
    .waitFor();
}

declare global {
  interface Window {
    /** The stand-in LMS of e2e/lms/player.js. */
    testLms?: { calls: string[]; saved(): unknown; unload(): void };
  }
}

/** What the stand-in LMS holds for the SCO (scorm-again's CMI as JSON). */
async function saved(page: Page): Promise<unknown> {
  return page.evaluate(() => window.testLms?.saved());
}

function scormTest(version: '1.2' | '2004'): E2eTest {
  return {
    name: `lms: SCORM ${version} package under scorm-again: a lesson read and its quiz passed, the status, score and interactions recorded, then resumed from suspend data`,
    slug: `lms-scorm-${version}`,
    async run(s: Session) {
      const { page } = s;
      const url = setUp(version);
      try {
        await page.goto(`${s.origin}${url}`);
        let frame = await sco(page);
        // The SCO opens at its lesson, as a locked embed.
        await frame.getByRole('heading', { level: 1 }).first().waitFor();
        assert.match(frame.url(), new RegExp(`#/lessons/${LESSON}\\?embed=1&lock=1$`));
        await frame.locator('.lesson__end').scrollIntoViewIfNeeded();
        await frame.getByText('You have read this lesson.').waitFor();
        await frame.getByRole('link', { name: 'Take this lesson’s quiz' }).click();
        const questions = quiz();
        await takeQuiz(frame, questions, 2);
        // Back to the lesson, the place to come back to.
        await frame.goto(frame.url().replace(/#.*$/, `#/lessons/${LESSON}?embed=1&lock=1`));
        await frame.getByText('You have read this lesson.').waitFor();

        const data = await saved(page);
        const cmi = at(data, 'cmi');
        const total = questions.length;
        const percent = String(Math.round(((total - 1) / total) * 100));
        if (version === '1.2') {
          assert.equal(at(cmi, 'core', 'lesson_status'), 'passed');
          assert.deepEqual(
            [
              at(cmi, 'core', 'score', 'raw'),
              at(cmi, 'core', 'score', 'min'),
              at(cmi, 'core', 'score', 'max'),
            ],
            [percent, '0', '100'],
          );
        } else {
          assert.equal(at(cmi, 'completion_status'), 'completed');
          assert.equal(at(cmi, 'success_status'), 'passed');
          assert.deepEqual(
            [
              at(cmi, 'score', 'raw'),
              at(cmi, 'score', 'min'),
              at(cmi, 'score', 'max'),
              at(cmi, 'score', 'scaled'),
            ],
            [percent, '0', '100', String((total - 1) / total)],
          );
        }
        // One interaction per answer, in order: the question, the learner's letter, right or wrong, a latency.
        const interactions = at(cmi, 'interactions');
        const list = Array.from({ length: total }, (_, i) => at(interactions, String(i)));
        assert.deepEqual(
          list.map((i) => [at(i, 'id'), at(i, 'type'), at(i, 'result')]),
          questions.map((q, i) => [
            q.id,
            'choice',
            i === 2 ? (version === '1.2' ? 'wrong' : 'incorrect') : 'correct',
          ]),
        );
        for (const [i, question] of questions.entries()) {
          const entry = list[i];
          const right = String.fromCharCode(97 + question.answers.findIndex((a) => a.correct));
          const response = at(entry, version === '1.2' ? 'student_response' : 'learner_response');
          assert.equal(response === right, i !== 2, `the recorded response of ${question.id}`);
          assert.equal(at(entry, 'correct_responses', '0', 'pattern'), right);
          assert.match(
            String(at(entry, 'latency')),
            version === '1.2' ? /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/ : /^PT/,
          );
        }
        assert.ok(String(at(cmi, 'suspend_data')).length > 0, 'suspend data');

        // The LMS closes the SCO; the learner's browser forgets everything; the LMS relaunches it.
        await page.evaluate(() => window.testLms?.unload());
        await page.waitForFunction(() =>
          window.testLms?.calls.some((c) => c === 'LMSFinish' || c === 'Terminate'),
        );
        const ended = await saved(page);
        assert.equal(
          at(ended, 'cmi', version === '1.2' ? 'core' : 'exit', ...(version === '1.2' ? ['exit'] : [])),
          'suspend',
        );
        assert.match(
          String(at(ended, 'cmi', ...(version === '1.2' ? ['core', 'session_time'] : ['session_time']))),
          /\d/,
        );
        await page.evaluate((key) => localStorage.removeItem(key), PROGRESS_KEY);
        await page.reload();
        frame = await sco(page);
        await frame.getByRole('heading', { level: 1 }).first().waitFor();
        // Where the learner left off, and what they had done, from the LMS alone.
        assert.match(frame.url(), new RegExp(`#/lessons/${LESSON}\\?embed=1&lock=1$`));
        await frame.getByText('You have read this lesson.').waitFor();
        await frame
          .locator('.lesson__eyebrow')
          .getByText(/quiz passed/i)
          .waitFor();
        const again = await saved(page);
        assert.equal(
          at(again, 'cmi', ...(version === '1.2' ? ['core', 'lesson_status'] : ['success_status'])),
          'passed',
          'the record did not go back',
        );
        await s.axe(`SCORM ${version} SCO in the test LMS`);
        await s.screenshot(`72-lms-scorm-${version}-resumed-1280-light`);
      } finally {
        tearDown();
      }
    },
  };
}

export const lmsTests: E2eTest[] = [scormTest('1.2'), scormTest('2004')];

const ACTOR = { objectType: 'Agent', account: { homePage: 'https://lms.example.edu', name: 'learner-7' } };

/** A cmi5 launch URL for `page`, as an LMS builds it (cmi5 §8.1). */
function cmi5Url(page: string, stub: LrsStub): string {
  const params = new URLSearchParams({
    endpoint: stub.endpoint,
    fetch: stub.fetchUrl,
    actor: JSON.stringify(ACTOR),
    registration: '6f4e7a3c-2b1d-4c5e-9a8b-1d2c3b4a5f60',
    activityId: 'https://lms.example.edu/au/42',
  });
  return `${page}?${params.toString()}`;
}

function setUpCmi5(): void {
  const dir = join(dist, FIXTURE);
  rmSync(dir, { recursive: true, force: true });
  // The launch pages may connect to the test's LRS on loopback, any port (built as an instructor would
  // with --connect); the site's own index.html keeps its tight policy.
  const zip = packageZip(dist, { kind: 'cmi5', perLesson: true, connect: ['http://127.0.0.1:*'] });
  for (const [name, data] of Object.entries(unzipSync(zip))) {
    const path = join(dir, 'cmi5', name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  }
  writeFileSync(
    join(dir, 'done.html'),
    '<!doctype html><title>Back in the LMS</title><h1>Back in the LMS</h1>',
  );
}

const cmi5Tests: E2eTest[] = [
  {
    name: 'lms: a cmi5 launch sends its statements to the LRS named at launch, and Exit returns to the LMS',
    slug: 'lms-cmi5',
    async run(s) {
      const { page } = s;
      setUpCmi5();
      const stub = await startLrs({
        contextTemplate: { extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 's-1' } },
        launchMode: 'Normal',
        masteryScore: 0.8,
        moveOn: 'CompletedAndPassed',
        returnURL: `${s.origin}/${FIXTURE}/done.html`,
      });
      s.allowOrigin(stub.url);
      try {
        await page.goto(cmi5Url(`${s.origin}/${FIXTURE}/cmi5/sco-lesson-${LESSON}.html`, stub));
        const frame = page.mainFrame();
        await frame.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForFunction(() => location.hash === '#/lessons/why-authorization?embed=1&lock=1');
        await frame.locator('.lesson__end').scrollIntoViewIfNeeded();
        await frame.getByText('You have read this lesson.').waitFor();
        await frame.getByRole('link', { name: 'Take this lesson’s quiz' }).click();
        const questions = quiz();
        await takeQuiz(frame, questions, 0);
        await s.axe('a cmi5 AU with its Exit button');
        await s.screenshot('70-lms-cmi5-au-1280-light');
        await Promise.all([
          page.waitForURL(/done\.html$/),
          page.getByRole('button', { name: 'Exit course' }).click(),
        ]);
        const verbs = stub.statements.map((st) =>
          String(at(st.statement, 'verb', 'id'))
            .split('/')
            .at(-1),
        );
        assert.deepEqual(verbs, [
          'initialized',
          ...questions.map(() => 'answered'),
          'passed',
          'completed',
          'terminated',
        ]);
        assert.ok(
          stub.requests.some((r) => r.method === 'OPTIONS'),
          'the browser asked before it sent (CORS)',
        );
      } finally {
        await stub.close();
        tearDown();
      }
    },
  },
  {
    name: 'lms: the site’s own page, launched from cmi5, keeps its tight policy: it says it cannot record, and tries nothing',
    slug: 'lms-cmi5-tight',
    async run(s) {
      const { page } = s;
      const stub = await startLrs({ contextTemplate: {}, launchMode: 'Normal' });
      try {
        await page.goto(cmi5Url(`${s.origin}/`, stub));
        const notice = page.getByRole('status').filter({ hasText: 'not being recorded' });
        await notice.waitFor();
        assert.match(
          await notice.innerText(),
          new RegExp(`may not connect to ${stub.url.replace(/\./g, '\\.')}`),
        );
        // The course still works, as without a platform.
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        assert.match(page.url(), /#\/lessons$/);
        assert.deepEqual(stub.requests, [], 'no request reached the LRS');
        await s.axe('the not-recorded notice');
        await s.screenshot('71-lms-not-recorded-1280-light');
      } finally {
        await stub.close();
      }
    },
  },
];

lmsTests.push(...cmi5Tests);
