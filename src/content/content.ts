/**
 * Turns lesson and quiz files into validated data, with no dependence on how the files were read
 * (Vite's import.meta.glob in load.ts, anything else in a script). Problems are collected, not
 * thrown one at a time, so a test run lists every broken file at once.
 */
import { FrontMatterError, parseFrontMatter, type FrontMatter } from './frontmatter';
import { classifyHref, extractLinks, parseLessonHref, parseSimHref, type MarkdownLink } from './links';
import {
  formatIssues,
  lessonFrontMatterSchema,
  quizFileSchema,
  type LessonFrontMatter,
  type Question,
} from './schema';

export interface Lesson extends LessonFrontMatter {
  /** The Markdown after the front matter. */
  body: string;
  /** Where it came from, e.g. "04-discovery.md". */
  file: string;
  /** The line of the file on which the body starts, for messages that point into the body. */
  bodyLine: number;
}

export interface Content {
  lessons: Lesson[];
  questions: Question[];
  problems: string[];
}

const LESSON_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
const QUIZ_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.json$/;

export function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Parses one lesson file; throws an Error naming the file on the first problem. */
export function parseLesson(path: string, source: string): Lesson {
  const file = fileName(path);
  let parsed: FrontMatter;
  try {
    parsed = parseFrontMatter(source);
  } catch (error) {
    if (error instanceof FrontMatterError) throw new Error(`${file}: ${error.message}`);
    throw error;
  }
  const result = lessonFrontMatterSchema.safeParse(parsed.data);
  if (!result.success) throw new Error(`${file}:\n${formatIssues(result.error)}`);
  const name = LESSON_FILE.exec(file);
  if (!name) throw new Error(`${file}: a lesson file is named NN-slug.md`);
  if (Number(name[1]) !== result.data.order) {
    throw new Error(`${file}: the file number ${name[1]} does not match order ${result.data.order}`);
  }
  if (name[2] !== result.data.id) {
    throw new Error(`${file}: the file slug "${name[2]}" does not match id "${result.data.id}"`);
  }
  if (parsed.body.trim() === '') throw new Error(`${file}: the lesson has no body`);
  return { ...result.data, body: parsed.body, file, bodyLine: parsed.bodyLine };
}

/** Parses one quiz file (already JSON-decoded); throws an Error naming the file on failure. */
export function parseQuizFile(path: string, data: unknown): Question[] {
  const file = fileName(path);
  if (!QUIZ_FILE.test(file)) throw new Error(`${file}: a quiz file is named NN-slug.json`);
  const result = quizFileSchema.safeParse(data);
  if (!result.success) throw new Error(`${file}:\n${formatIssues(result.error)}`);
  return result.data;
}

/** Problems with the links in one lesson body: invalid simulator links, unknown lessons, relative links. */
export function lessonLinkProblems(lesson: Lesson, lessonIds: ReadonlySet<string>): string[] {
  return extractLinks(lesson.body).flatMap((link: MarkdownLink) => {
    const where = `${lesson.file}:${lesson.bodyLine + link.line - 1}`;
    switch (classifyHref(link.href)) {
      case 'sim': {
        const parsed = parseSimHref(link.href);
        return parsed.ok ? [] : [`${where}: ${parsed.error}`];
      }
      case 'lesson': {
        const id = parseLessonHref(link.href);
        return id !== null && lessonIds.has(id) ? [] : [`${where}: no lesson for "${link.href}"`];
      }
      case 'external':
        return [];
      case 'other':
        return [`${where}: "${link.href}" is neither a #/sim, a #/lessons/ nor an http(s) link`];
    }
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Parses every lesson and quiz file and checks them against each other: unique ids and orders, quiz
 * files named after a lesson, questions belonging to that lesson, links that resolve.
 */
export function loadContent(
  lessonSources: Record<string, string>,
  quizSources: Record<string, unknown>,
): Content {
  const problems: string[] = [];
  const lessons: Lesson[] = [];
  for (const [path, source] of Object.entries(lessonSources)) {
    try {
      lessons.push(parseLesson(path, source));
    } catch (error) {
      problems.push(message(error));
    }
  }
  lessons.sort((a, b) => a.order - b.order);

  const lessonIds = new Set<string>();
  const orders = new Set<number>();
  for (const lesson of lessons) {
    if (lessonIds.has(lesson.id)) problems.push(`${lesson.file}: duplicate lesson id "${lesson.id}"`);
    if (orders.has(lesson.order)) problems.push(`${lesson.file}: duplicate order ${lesson.order}`);
    lessonIds.add(lesson.id);
    orders.add(lesson.order);
  }
  for (const lesson of lessons) problems.push(...lessonLinkProblems(lesson, lessonIds));

  const lessonByBase = new Map(lessons.map((lesson) => [lesson.file.replace(/\.md$/, ''), lesson]));
  const questions: Question[] = [];
  const questionIds = new Set<string>();
  for (const [path, data] of Object.entries(quizSources)) {
    const file = fileName(path);
    let parsed: Question[];
    try {
      parsed = parseQuizFile(path, data);
    } catch (error) {
      problems.push(message(error));
      continue;
    }
    const lesson = lessonByBase.get(file.replace(/\.json$/, ''));
    if (!lesson) {
      problems.push(`${file}: no lesson file with the same NN-slug`);
      continue;
    }
    for (const question of parsed) {
      if (question.lesson !== lesson.id) {
        problems.push(
          `${file}: question "${question.id}" belongs to lesson "${question.lesson}", not "${lesson.id}"`,
        );
      }
      if (questionIds.has(question.id)) problems.push(`${file}: duplicate question id "${question.id}"`);
      questionIds.add(question.id);
      questions.push(question);
    }
  }
  const orderOf = new Map(lessons.map((lesson) => [lesson.id, lesson.order]));
  questions.sort((a, b) => (orderOf.get(a.lesson) ?? 0) - (orderOf.get(b.lesson) ?? 0));

  return { lessons, questions, problems };
}

// The exam draw runs in the browser, which has no use for the parsing above: its own module.
export { drawExam } from './exam';
