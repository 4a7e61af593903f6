/**
 * The shape of the teaching content (content is data, checked at build time, so a typo in a lesson fails
 * the build, not the page): lesson front matter and quiz questions. Every step, rule, attack, scenario
 * and registration id must exist in the simulator's own tables; a choice question has exactly one
 * correct answer and three distinct distractors, each with feedback.
 */
import './zodJitless';
import { z } from 'zod';
import { isAttackId } from '../sim/attacks/ids';
import { isRuleId } from '../sim/rules';
import { isRegistrationMode, isScenarioId } from '../sim/scenarios';
import { isStepId } from '../sim/steps';
import { isRevision } from '../sim/revisions/ids';
import { isClientKind } from '../sim/revisions/profile';
import { isDefence, isStepRef, parseStepRef, simLinkProblems, type SimLink } from './links';

const text = z.string().regex(/\S/, 'must not be empty');

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like "token-lifecycle"');

export const ruleIdSchema = z
  .string()
  .refine(isRuleId, { error: (issue) => `unknown rule id ${show(issue.input)}` });
export const stepIdSchema = z
  .string()
  .refine(isStepId, { error: (issue) => `unknown step id ${show(issue.input)}` });
export const attackIdSchema = z
  .string()
  .refine(isAttackId, { error: (issue) => `unknown attack id ${show(issue.input)}` });
export const scenarioIdSchema = z
  .string()
  .refine(isScenarioId, { error: (issue) => `unknown scenario id ${show(issue.input)}` });
export const registrationModeSchema = z
  .string()
  .refine(isRegistrationMode, { error: (issue) => `unknown registration mode ${show(issue.input)}` });
export const defenceSchema = z.string().refine(isDefence, { error: 'defence must be "on" or "off"' });
export const revisionSchema = z
  .string()
  .refine(isRevision, { error: (issue) => `unknown revision ${show(issue.input)}` });
export const clientKindSchema = z
  .string()
  .refine(isClientKind, { error: (issue) => `unknown client ${show(issue.input)}` });

/** A step id, optionally with ":request" or ":response" (only on exchange steps). */
export const stepRefSchema = z.string().refine(isStepRef, {
  error: (issue) => {
    const parsed = typeof issue.input === 'string' ? parseStepRef(issue.input) : null;
    return parsed && !parsed.ok ? parsed.error : `invalid step reference ${show(issue.input)}`;
  },
});

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function duplicates(values: readonly string[], normalize: (value: string) => string = (v) => v): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) {
    const key = normalize(value);
    if (seen.has(key)) repeated.add(value);
    seen.add(key);
  }
  return [...repeated];
}

const normalizeText = (value: string): string => value.trim().replace(/\s+/g, ' ').toLowerCase();

function uniqueList<T extends z.ZodType<string>>(item: T) {
  return z.array(item).superRefine((values, ctx) => {
    for (const value of duplicates(values))
      ctx.addIssue({ code: 'custom', message: `"${value}" is listed twice` });
  });
}

export const lessonFrontMatterSchema = z
  .object({
    id: slugSchema,
    order: z.number().int().positive(),
    title: text,
    summary: text,
    rules: uniqueList(ruleIdSchema).min(1),
    attacks: uniqueList(attackIdSchema),
    steps: uniqueList(stepIdSchema).min(1),
  })
  .strict();

export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;

export const questionLinkSchema = z
  .object({
    lesson: slugSchema,
    scenario: scenarioIdSchema.optional(),
    reg: registrationModeSchema.optional(),
    at: stepRefSchema.optional(),
    attack: attackIdSchema.optional(),
    defence: defenceSchema.optional(),
    // Checked against the attack's variants by simLinkProblems below.
    variant: z.string().optional(),
    rev: revisionSchema.optional(),
    client: clientKindSchema.optional(),
  })
  .strict()
  .superRefine((link, ctx) => {
    const { lesson: _lesson, at, ...rest } = link;
    const hasSimPart = Object.values(rest).some((value) => value !== undefined) || at !== undefined;
    if (!hasSimPart) return;
    const parsedAt = at === undefined ? undefined : parseStepRef(at);
    const sim: SimLink = { ...rest, at: parsedAt?.ok ? parsedAt.value : undefined };
    for (const message of simLinkProblems(sim)) ctx.addIssue({ code: 'custom', message });
  });

export type QuestionLink = z.infer<typeof questionLinkSchema>;

/**
 * Feedback opens with an explanation, not a verdict: the quiz says whether the answer was right, and
 * the correct answer's feedback is also shown to a learner who chose another one.
 */
const VERDICT = /^\s*(?:(?:right|correct|wrong|incorrect|exactly|yes|not quite)\b|no\s*[.,!:])/i;

export function opensWithVerdict(feedback: string): boolean {
  return VERDICT.test(feedback);
}

const explanation = text.refine((value) => !opensWithVerdict(value), {
  error: 'feedback explains; it must not open with a verdict such as "Right." (the quiz gives the verdict)',
});

export const answerSchema = z.object({ text, correct: z.boolean(), feedback: explanation }).strict();

export const QUESTION_STYLES = ['next-message', 'which-check', 'spot-the-bug'] as const;
export type QuestionStyle = (typeof QUESTION_STYLES)[number];

const questionId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*-\d+$/, 'must look like "<lesson id>-<number>"');

const questionBase = {
  id: questionId,
  lesson: slugSchema,
  prompt: text,
  link: questionLinkSchema,
};

function checkBase(question: { id: string; lesson: string; link: QuestionLink }, ctx: z.RefinementCtx): void {
  if (!question.id.startsWith(`${question.lesson}-`)) {
    ctx.addIssue({ code: 'custom', path: ['id'], message: `id must start with "${question.lesson}-"` });
  }
  if (question.link.lesson !== question.lesson) {
    ctx.addIssue({
      code: 'custom',
      path: ['link', 'lesson'],
      message: 'the link must lead back to the own lesson',
    });
  }
}

export const choiceQuestionSchema = z
  .object({
    ...questionBase,
    kind: z.literal('choice'),
    style: z.enum(QUESTION_STYLES).optional(),
    http: text.optional(),
    answers: z.array(answerSchema).length(4, 'a choice question has exactly 4 answers'),
  })
  .strict()
  .superRefine((question, ctx) => {
    checkBase(question, ctx);
    const correct = question.answers.filter((answer) => answer.correct).length;
    if (correct !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['answers'],
        message: `exactly 1 answer must be correct, found ${correct}`,
      });
    }
    for (const repeated of duplicates(
      question.answers.map((answer) => answer.text),
      normalizeText,
    )) {
      ctx.addIssue({ code: 'custom', path: ['answers'], message: `answer "${repeated}" appears twice` });
    }
    if (question.style === 'which-check' && question.link.attack === undefined) {
      ctx.addIssue({ code: 'custom', path: ['link'], message: 'a which-check question links to its attack' });
    }
    if (question.style === 'next-message' && question.link.at === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['link'],
        message: 'a next-message question links to its step (at)',
      });
    }
    if (question.style === 'spot-the-bug' && question.http === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['http'],
        message: 'a spot-the-bug question shows the HTTP message',
      });
    }
  });

export const orderQuestionSchema = z
  .object({
    ...questionBase,
    kind: z.literal('order'),
    items: z.array(text).min(4, 'at least 4 items').max(6, 'at most 6 items'),
    feedback: explanation,
  })
  .strict()
  .superRefine((question, ctx) => {
    checkBase(question, ctx);
    for (const repeated of duplicates(question.items, normalizeText)) {
      ctx.addIssue({ code: 'custom', path: ['items'], message: `item "${repeated}" appears twice` });
    }
  });

export const questionSchema = z.discriminatedUnion('kind', [choiceQuestionSchema, orderQuestionSchema]);
export const quizFileSchema = z.array(questionSchema).min(1, 'a quiz file has at least one question');

export type ChoiceQuestion = z.infer<typeof choiceQuestionSchema>;
export type OrderQuestion = z.infer<typeof orderQuestionSchema>;
export type Question = z.infer<typeof questionSchema>;

/** A readable one-line-per-issue summary of a zod error. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('\n');
}
