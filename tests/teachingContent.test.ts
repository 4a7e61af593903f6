// The teaching content is parsed and validated when the app is built (scripts/teachingContent.ts):
// the app imports the checked data, and broken content fails the build instead of shipping.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LESSONS, QUESTIONS } from '../src/content/load';
import { TEACHING_CONTENT_ID, teachingContent } from '../scripts/teachingContent';

const lessonsDir = join(import.meta.dirname, '..', 'lessons');
let copy: string | null = null;

afterEach(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
  copy = null;
});

/** Runs the plugin's resolve and load hooks as the bundler would, on a lessons folder. */
async function build(dir: string): Promise<string> {
  const plugin = teachingContent(dir);
  const resolveId = plugin.resolveId;
  const load = plugin.load;
  if (typeof resolveId !== 'function' || typeof load !== 'function') throw new Error('no hooks');
  const id = resolveId.call({} as never, TEACHING_CONTENT_ID, undefined, { isEntry: false } as never);
  if (typeof id !== 'string') throw new Error('not resolved');
  const watched: string[] = [];
  const code = await load.call({ addWatchFile: (file: string) => watched.push(file) } as never, id);
  if (typeof code !== 'string') throw new Error('no code');
  expect(watched.length).toBeGreaterThan(0);
  return code;
}

describe('the build-time teaching content', () => {
  it('is the lessons and questions, as data, in lesson order', async () => {
    const code = await build(lessonsDir);
    const literal = /JSON\.parse\((.*)\);$/s.exec(code)?.[1] ?? '""';
    const data: unknown = JSON.parse(String(JSON.parse(literal)));
    // What the app imports (load.ts) is this data.
    expect(data).toEqual({ lessons: LESSONS, questions: QUESTIONS });
    const orders = LESSONS.map((lesson) => lesson.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(QUESTIONS.length).toBeGreaterThan(LESSONS.length);
  });

  it('fails the build on broken content, naming the file', async () => {
    copy = mkdtempSync(join(tmpdir(), 'lessons-'));
    cpSync(lessonsDir, copy, { recursive: true });
    const file = join(copy, '04-discovery.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^id: .*$/m, 'id: not-the-file-name'));
    await expect(build(copy)).rejects.toThrow(/04-discovery\.md/);
  });
});
