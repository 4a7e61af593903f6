import { describe, expect, it } from 'vitest';
import { ATTACK_IDS } from '../sim/attacks/ids';
import { ATTACKS } from '../sim/attacks/registry';
import { createRng } from '../sim/world/random';
import { drawExam, loadContent, parseLesson } from './content';
import { FrontMatterError, parseFrontMatter } from './frontmatter';
import {
  classifyHref,
  extractLinks,
  formatSimHref,
  isTryItLink,
  parseLessonHref,
  parseSimHref,
  parseStepRef,
} from './links';
import {
  choiceQuestionSchema,
  lessonFrontMatterSchema,
  orderQuestionSchema,
  questionLinkSchema,
} from './schema';
import type { ChoiceQuestion, Question } from './schema';
import { lessonSources, quizSources } from './sources';

const content = loadContent(lessonSources, quizSources);
const { lessons, questions } = content;

const choices = questions.filter((q): q is ChoiceQuestion => q.kind === 'choice');
const correctAnswer = (q: ChoiceQuestion): string => q.answers.find((a) => a.correct)?.text ?? '';

describe('front matter parser', () => {
  const example = [
    '---',
    'id: discovery',
    'order: 4',
    'title: Discovery: finding the authorization server',
    'summary: "A \\"quoted\\" summary, with a comma"',
    'rules: [S-01, C-06]',
    'attacks: []',
    'steps: [mcp-unauthenticated, "prm-discovery"]',
    '---',
    '',
    '## Body',
  ].join('\n');

  it('parses integers, plain and quoted strings, and inline lists', () => {
    const { data, body, bodyLine } = parseFrontMatter(example);
    expect(data).toEqual({
      id: 'discovery',
      order: 4,
      title: 'Discovery: finding the authorization server',
      summary: 'A "quoted" summary, with a comma',
      rules: ['S-01', 'C-06'],
      attacks: [],
      steps: ['mcp-unauthenticated', 'prm-discovery'],
    });
    expect(body).toBe('\n## Body');
    expect(bodyLine).toBe(10);
  });

  it('accepts CRLF line endings and quoted list items containing commas', () => {
    const { data } = parseFrontMatter('---\r\ntags: ["a, b", c]\r\n---\r\nbody');
    expect(data['tags']).toEqual(['a, b', 'c']);
  });

  it.each([
    ['no opening fence', 'id: x\n---\n', /start with a line "---"/],
    ['no closing fence', '---\nid: x\n', /no closing "---"/],
    ['a line without a key', '---\nid: x\njust text\n---\n', /line 3: expected "key: value"/],
    ['a duplicate key', '---\nid: x\nid: y\n---\n', /line 3: duplicate key "id"/],
    ['an empty value', '---\nid:\n---\n', /line 2: key "id" has no value/],
    ['an unterminated string', '---\ntitle: "open\n---\n', /unterminated/],
    ['text after a closing quote', '---\ntitle: "a" b\n---\n', /after the closing quote/],
    ['single quotes', "---\ntitle: 'a'\n---\n", /single-quoted/],
    ['an unclosed list', '---\nrules: [a, b\n---\n', /must end with "]"/],
    ['a trailing comma', '---\nrules: [a, b,]\n---\n', /must not end with ","/],
    ['an empty list item', '---\nrules: [a, , b]\n---\n', /empty list item/],
    ['a nested list', '---\nrules: [a, [b]]\n---\n', /quote or bracket/],
  ])('rejects %s', (_name, source, message) => {
    expect(() => parseFrontMatter(source)).toThrow(FrontMatterError);
    expect(() => parseFrontMatter(source)).toThrow(message);
  });
});

describe('links', () => {
  it('parses a scenario link with a step part', () => {
    const parsed = parseSimHref('#/sim?scenario=first-connection&reg=dcr&at=token:response');
    expect(parsed).toEqual({
      ok: true,
      value: { scenario: 'first-connection', reg: 'dcr', at: { step: 'token', part: 'response' } },
    });
    if (parsed.ok)
      expect(formatSimHref(parsed.value)).toBe('#/sim?scenario=first-connection&reg=dcr&at=token:response');
  });

  it('parses an attack link with a variant, and formats it back', () => {
    const href = '#/sim?attack=stolen-code-no-pkce&defence=on&variant=downgrade';
    expect(parseSimHref(href)).toEqual({
      ok: true,
      value: { attack: 'stolen-code-no-pkce', defence: 'on', variant: 'downgrade' },
    });
    expect(formatSimHref({ attack: 'stolen-code-no-pkce', defence: 'on', variant: 'downgrade' })).toBe(href);
  });

  it('parses an attack link', () => {
    expect(parseSimHref('#/sim?attack=open-redirect&defence=off')).toEqual({
      ok: true,
      value: { attack: 'open-redirect', defence: 'off' },
    });
  });

  it.each([
    ['an unknown step', '#/sim?scenario=first-connection&at=no-such-step', /unknown step id/],
    [
      'a part on an internal step',
      '#/sim?scenario=first-connection&at=validate-callback:response',
      /no response part/,
    ],
    ['an unknown suffix', '#/sim?scenario=first-connection&at=token:body', /suffix/],
    ['an unknown scenario', '#/sim?scenario=nope', /unknown scenario/],
    [
      'an unknown registration mode',
      '#/sim?scenario=first-connection&reg=magic',
      /unknown registration mode/,
    ],
    ['an unknown attack', '#/sim?attack=sql-injection', /unknown attack id/],
    ['a bad defence value', '#/sim?attack=mix-up&defence=maybe', /defence must be/],
    [
      'a variant the attack does not have',
      '#/sim?attack=mix-up&variant=downgrade',
      /not a variant of mix-up/,
    ],
    ['a variant without an attack', '#/sim?scenario=refresh&variant=downgrade', /not a variant/],
    ['an unknown parameter', '#/sim?scenario=first-connection&speed=2', /unknown parameter/],
    ['a repeated parameter', '#/sim?scenario=first-connection&scenario=deny', /repeated/],
    ['an empty parameter', '#/sim?scenario=', /empty/],
    ['neither scenario nor attack', '#/sim?at=token', /needs a scenario or an attack/],
    ['defence without an attack', '#/sim?scenario=first-connection&defence=on', /only applies to an attack/],
    ['DCR without reg=dcr', '#/sim?scenario=first-connection&reg=cimd&at=dcr', /needs reg=dcr/],
    [
      'a refresh outside the refresh scenario',
      '#/sim?scenario=first-connection&reg=cimd&at=refresh',
      /does not happen/,
    ],
    ['a token after a denial', '#/sim?scenario=deny&reg=cimd&at=token', /does not happen/],
    [
      'a browser step for a machine client',
      '#/sim?scenario=client-credentials&at=authorize',
      /does not happen/,
    ],
    ['not a sim link', '#/lessons/roles', /not a #\/sim link/],
  ])('rejects %s', (_name, href, message) => {
    const parsed = parseSimHref(href);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('accepts a request or response part only on exchange steps', () => {
    expect(parseStepRef('authorize:request').ok).toBe(true);
    expect(parseStepRef('prepare-authorization').ok).toBe(true);
    expect(parseStepRef('prepare-authorization:request').ok).toBe(false);
    expect(parseStepRef('token:response:extra').ok).toBe(false);
  });

  it('extracts links outside code, and leaves images out', () => {
    const markdown = [
      'See [the 401](#/sim?scenario=first-connection&at=mcp-unauthenticated) and `[not](#/x)`.',
      '```http',
      '[inside a fence](#/sim?scenario=nope)',
      '```',
      '![diagram](image.png) then [Try it: more](#/sim?attack=mix-up&defence=on "title")',
    ].join('\n');
    const links = extractLinks(markdown);
    expect(links).toEqual([
      { text: 'the 401', href: '#/sim?scenario=first-connection&at=mcp-unauthenticated', line: 1 },
      { text: 'Try it: more', href: '#/sim?attack=mix-up&defence=on', line: 5 },
    ]);
    expect(links.map(isTryItLink)).toEqual([false, true]);
  });

  it('classifies hrefs and reads lesson ids', () => {
    expect(classifyHref('#/sim?attack=mix-up')).toBe('sim');
    expect(classifyHref('#/lessons/roles')).toBe('lesson');
    expect(classifyHref('https://example.com')).toBe('external');
    expect(classifyHref('other.md')).toBe('other');
    expect(parseLessonHref('#/lessons/token-lifecycle')).toBe('token-lifecycle');
    expect(parseLessonHref('#/lessons/Bad_Id')).toBeNull();
  });
});

describe('schemas reject broken content', () => {
  const valid: ChoiceQuestion = {
    id: 'access-99',
    lesson: 'access',
    kind: 'choice',
    style: 'which-check',
    prompt: 'Which check stops a token issued for another server?',
    answers: [
      { text: 'The audience check', correct: true, feedback: 'It names where the token may be used.' },
      { text: 'The state check', correct: false, feedback: 'state protects the callback.' },
      { text: 'The iss check', correct: false, feedback: 'iss protects against mix-up.' },
      { text: 'The PKCE check', correct: false, feedback: 'PKCE protects the code.' },
    ],
    link: { lesson: 'access', attack: 'wrong-audience', defence: 'on' },
  };
  const withAnswers = (
    edit: (answers: ChoiceQuestion['answers']) => ChoiceQuestion['answers'],
  ): ChoiceQuestion => ({
    ...valid,
    answers: edit(valid.answers.map((a) => ({ ...a }))),
  });

  it('accepts a valid question', () => {
    expect(choiceQuestionSchema.safeParse(valid).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ['two correct answers', withAnswers((a) => a.map((x, i) => (i === 1 ? { ...x, correct: true } : x)))],
    ['no correct answer', withAnswers((a) => a.map((x) => ({ ...x, correct: false })))],
    [
      'a distractor equal to the answer',
      withAnswers((a) => a.map((x, i) => (i === 2 ? { ...x, text: ' the AUDIENCE check ' } : x))),
    ],
    [
      'two equal distractors',
      withAnswers((a) => a.map((x, i) => (i === 3 ? { ...x, text: 'The state check' } : x))),
    ],
    ['empty feedback', withAnswers((a) => a.map((x, i) => (i === 0 ? { ...x, feedback: '   ' } : x)))],
    ['three answers', withAnswers((a) => a.slice(0, 3))],
    [
      'a which-check question without an attack',
      { ...valid, link: { lesson: 'access', scenario: 'first-connection' } },
    ],
    [
      'a next-message question without a step',
      { ...valid, style: 'next-message', link: { lesson: 'access', attack: 'mix-up' } },
    ],
    ['a spot-the-bug question without HTTP', { ...valid, style: 'spot-the-bug' }],
    ['a link to another lesson', { ...valid, link: { ...valid.link, lesson: 'roles' } }],
    ['an id that does not start with the lesson', { ...valid, id: 'roles-99' }],
    ['an unknown attack', { ...valid, link: { lesson: 'access', attack: 'sql-injection' } }],
    ['a variant the attack does not have', { ...valid, link: { ...valid.link, variant: 'downgrade' } }],
    ['an unknown field', { ...valid, hint: 'extra' }],
  ])('rejects %s', (_name, question) => {
    expect(choiceQuestionSchema.safeParse(question).success).toBe(false);
  });

  it('rejects invalid order questions', () => {
    const order = {
      id: 'access-98',
      lesson: 'access',
      kind: 'order',
      prompt: 'Put in order.',
      items: ['a', 'b', 'c', 'd'],
      feedback: 'Because.',
      link: { lesson: 'access' },
    };
    expect(orderQuestionSchema.safeParse(order).success).toBe(true);
    expect(orderQuestionSchema.safeParse({ ...order, items: ['a', 'b', 'c'] }).success).toBe(false);
    expect(orderQuestionSchema.safeParse({ ...order, items: ['a', 'b', 'c', 'A'] }).success).toBe(false);
    expect(orderQuestionSchema.safeParse({ ...order, feedback: '' }).success).toBe(false);
  });

  it('rejects links with unknown ids or impossible combinations', () => {
    expect(
      questionLinkSchema.safeParse({ lesson: 'access', scenario: 'first-connection', at: 'nope' }).success,
    ).toBe(false);
    expect(questionLinkSchema.safeParse({ lesson: 'access', scenario: 'nope' }).success).toBe(false);
    expect(questionLinkSchema.safeParse({ lesson: 'access', reg: 'dcr' }).success).toBe(false);
    expect(questionLinkSchema.safeParse({ lesson: 'access', at: 'token' }).success).toBe(false);
    expect(questionLinkSchema.safeParse({ lesson: 'access', scenario: 'deny', at: 'token' }).success).toBe(
      false,
    );
    expect(
      questionLinkSchema.safeParse({ lesson: 'access', scenario: 'deny', at: 'callback:request' }).success,
    ).toBe(true);
  });

  it('rejects front matter with unknown rule, step or attack ids', () => {
    const front = {
      id: 'x',
      order: 1,
      title: 'T',
      summary: 'S',
      rules: ['C-01'],
      attacks: ['mix-up'],
      steps: ['token'],
    };
    expect(lessonFrontMatterSchema.safeParse(front).success).toBe(true);
    expect(lessonFrontMatterSchema.safeParse({ ...front, rules: ['C-99'] }).success).toBe(false);
    expect(lessonFrontMatterSchema.safeParse({ ...front, steps: ['tokens'] }).success).toBe(false);
    expect(lessonFrontMatterSchema.safeParse({ ...front, attacks: ['csrf'] }).success).toBe(false);
    expect(lessonFrontMatterSchema.safeParse({ ...front, rules: ['C-01', 'C-01'] }).success).toBe(false);
    expect(lessonFrontMatterSchema.safeParse({ ...front, order: 0 }).success).toBe(false);
  });

  it('reports broken files and cross-file problems instead of hiding them', () => {
    const good =
      '---\nid: alpha\norder: 1\ntitle: A\nsummary: S\nrules: [C-01]\nattacks: []\nsteps: [token]\n---\nBody';
    const broken = loadContent(
      {
        'lessons/01-alpha.md': good,
        'lessons/02-beta.md': good.replace('id: alpha', 'id: beta'),
        'lessons/03-gamma.md': good
          .replace('id: alpha', 'id: gamma')
          .replace('order: 1', 'order: 3')
          .replace('Body', '[Try it](#/sim?scenario=deny&at=token) and [next](#/lessons/nowhere)'),
      },
      { 'lessons/quiz/09-missing.json': [] },
    );
    expect(broken.problems.join('\n')).toMatch(/02-beta\.md: the file number 02 does not match order 1/);
    expect(broken.problems.join('\n')).toMatch(/03-gamma\.md:10: .*does not happen in scenario "deny"/);
    expect(broken.problems.join('\n')).toMatch(/no lesson for "#\/lessons\/nowhere"/);
    expect(broken.problems.join('\n')).toMatch(/09-missing\.json/);
    expect(() =>
      parseLesson('lessons/01-alpha.md', good.replace('steps: [token]', 'steps: [tokens]')),
    ).toThrow(/unknown step id "tokens"/);
  });
});

describe('the lessons', () => {
  it('load without problems', () => {
    expect(content.problems).toEqual([]);
  });

  it('are the 17 lessons, with orders 1 to 17 and unique ids', () => {
    expect(Object.keys(lessonSources)).toHaveLength(17);
    expect(lessons.map((l) => l.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(new Set(lessons.map((l) => l.id)).size).toBe(17);
    expect(lessons.map((l) => l.id)).toEqual([
      'why-authorization',
      'when-it-applies',
      'roles',
      'discovery',
      'registration',
      'pkce-and-request',
      'consent-code-iss',
      'access',
      'token-lifecycle',
      'scopes',
      'client-credentials',
      'rules-and-attacks',
      'defense-in-depth',
      'how-authorization-grew-up',
      'machine-identity',
      'enterprise-managed-authorization',
      'sender-constrained-tokens',
    ]);
  });

  it.each(Object.entries(lessonSources))('%s has valid links and at least 2 try-it links', (path, source) => {
    const lesson = parseLesson(path, source);
    const links = extractLinks(lesson.body);
    for (const link of links) {
      const kind = classifyHref(link.href);
      expect(kind, `${lesson.file}:${link.line} ${link.href}`).not.toBe('other');
      if (kind === 'sim') {
        const parsed = parseSimHref(link.href);
        expect(parsed.ok ? '' : parsed.error, `${lesson.file}:${link.line}`).toBe('');
      }
      if (kind === 'lesson') {
        expect(
          lessons.map((l) => l.id),
          `${lesson.file}:${link.line}`,
        ).toContain(parseLessonHref(link.href));
      }
    }
    expect(links.filter(isTryItLink).length).toBeGreaterThanOrEqual(2);
  });

  it('cite every rule they list, and cite only rules they list', () => {
    for (const lesson of lessons) {
      const inBody = new Set(lesson.body.match(/\b[CSAI]-\d{2}\b/g) ?? []);
      expect(
        [...inBody].filter((rule) => !lesson.rules.some((listed) => listed === rule)),
        `${lesson.file}: cited, not listed`,
      ).toEqual([]);
      expect(
        lesson.rules.filter((rule) => !inBody.has(rule)),
        `${lesson.file}: listed, not cited`,
      ).toEqual([]);
    }
  });

  it('link every attack they list to the attack lab', () => {
    for (const lesson of lessons) {
      const attacks = extractLinks(lesson.body).flatMap((link) => {
        const parsed = classifyHref(link.href) === 'sim' ? parseSimHref(link.href) : null;
        return parsed?.ok && parsed.value.attack ? [parsed.value.attack] : [];
      });
      for (const attack of lesson.attacks) expect(attacks, `${lesson.file}: ${attack}`).toContain(attack);
    }
  });

  it('teach every attack with defence off and on, and the lesson the attack lab names exists', () => {
    for (const attack of ATTACK_IDS) {
      const teaching = lessons.filter((l) => l.attacks.some((a) => a === attack));
      expect(teaching.length, attack).toBeGreaterThan(0);
      const bodies = teaching.map((l) => l.body).join('\n');
      expect(bodies, attack).toContain(`(#/sim?attack=${attack}&defence=off)`);
      expect(bodies, attack).toContain(`(#/sim?attack=${attack}&defence=on)`);
      // The attack lab links each attack to its lesson (AttackDetail).
      expect(
        lessons.map((l) => l.id),
        attack,
      ).toContain(ATTACKS[attack].lesson);
    }
  });
});

describe('the quiz', () => {
  it('has at least 4 questions for every lesson, and unique ids', () => {
    for (const lesson of lessons) {
      expect(questions.filter((q) => q.lesson === lesson.id).length, lesson.id).toBeGreaterThanOrEqual(4);
    }
    expect(questions.length).toBeGreaterThanOrEqual(52);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
  });

  it('every question passes the schema and links to an existing lesson', () => {
    const ids = new Set(lessons.map((l) => l.id));
    for (const question of questions) {
      const schema = question.kind === 'choice' ? choiceQuestionSchema : orderQuestionSchema;
      expect(schema.safeParse(question).success, question.id).toBe(true);
      expect(ids.has(question.link.lesson), question.id).toBe(true);
    }
  });

  it('contains the four required questions verbatim, with the expected correct answers', () => {
    const answerTo = (prompt: string): string => {
      const question = choices.find((q) => q.prompt === prompt);
      if (!question) throw new Error(`missing required question: ${prompt}`);
      return correctAnswer(question);
    };
    expect(answerTo("Which transport does MCP's authorization specification apply to?")).toMatch(
      /^HTTP-based transports.*stdio.*environment/,
    );
    expect(answerTo("In MCP's OAuth 2.1 model, what role does the MCP server play?")).toMatch(
      /resource server.*validates.*not issue/,
    );
    expect(
      answerTo('Why must an MCP server never pass a received token through to a downstream API?'),
    ).toMatch(/audience.*own token/);
    expect(answerTo('Which of these is a required client-side protection in MCP authorization?')).toMatch(
      /PKCE.*S256/,
    );
  });

  it('has at least 5 order questions and at least 3 of each simulator style', () => {
    const count = (predicate: (q: Question) => boolean): number => questions.filter(predicate).length;
    expect(count((q) => q.kind === 'order')).toBeGreaterThanOrEqual(5);
    for (const style of ['next-message', 'which-check', 'spot-the-bug'] as const) {
      expect(
        count((q) => q.kind === 'choice' && q.style === style),
        style,
      ).toBeGreaterThanOrEqual(3);
    }
  });

  it('does not give the answer away by length or position', () => {
    // The correct answer's rank by length: how many distractors are longer than it (0: the longest,
    // 3: the shortest). If length is no cue, each rank comes up about as often as chance says, one
    // question in four, whether a test-wise learner bets on the longest answer or against it.
    const chance = 1 / 4;
    const margin = 0.1;
    const ranks = [0, 0, 0, 0];
    for (const q of choices) {
      const length = correctAnswer(q).length;
      const rank = q.answers.filter((a) => !a.correct && a.text.length > length).length;
      ranks[rank] = (ranks[rank] ?? 0) + 1;
    }
    ranks.forEach((count, rank) => {
      expect(
        count / choices.length,
        `share of questions whose answer has rank ${rank} by length`,
      ).toBeGreaterThanOrEqual(chance - margin);
      expect(
        count / choices.length,
        `share of questions whose answer has rank ${rank} by length`,
      ).toBeLessThanOrEqual(chance + margin);
    });
    // And no single answer stands out: the correct one is never more than 20% longer than the
    // longest distractor.
    const standsOut = choices.filter((q) => {
      const longestDistractor = Math.max(...q.answers.filter((a) => !a.correct).map((a) => a.text.length));
      return correctAnswer(q).length > 1.2 * longestDistractor;
    });
    expect(standsOut.map((q) => q.id)).toEqual([]);
    const positions = new Set(choices.map((q) => q.answers.findIndex((a) => a.correct)));
    expect(positions.size).toBe(4);
  });
});

describe('load.ts and the final exam', () => {
  it('exports the validated lessons in order and every question', async () => {
    const load = await import('./load');
    expect(load.LESSONS.map((l) => l.id)).toEqual(lessons.map((l) => l.id));
    expect(load.QUESTIONS).toHaveLength(questions.length);
    expect(load.getLesson('scopes')?.order).toBe(10);
    expect(load.questionsFor('scopes').every((q) => q.lesson === 'scopes')).toBe(true);
  });

  it('draws distinct questions across all lessons, the same for the same seed', async () => {
    const { finalExam } = await import('./load');
    const exam = finalExam(createRng('exam-1'), 20);
    expect(exam).toHaveLength(20);
    expect(new Set(exam.map((q) => q.id)).size).toBe(20);
    expect(new Set(exam.map((q) => q.lesson)).size).toBe(lessons.length);
    expect(finalExam(createRng('exam-1'), 20).map((q) => q.id)).toEqual(exam.map((q) => q.id));
    expect(finalExam(createRng('exam-2'), 20).map((q) => q.id)).not.toEqual(exam.map((q) => q.id));
  });

  it('never draws more than there is, and rejects a bad count', () => {
    expect(drawExam(questions, createRng('all'), 10_000)).toHaveLength(questions.length);
    expect(drawExam(questions, createRng('none'), 0)).toEqual([]);
    expect(() => drawExam(questions, createRng('x'), -1)).toThrow(RangeError);
    expect(() => drawExam(questions, createRng('x'), 2.5)).toThrow(RangeError);
  });
});
