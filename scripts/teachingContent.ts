/**
 * The teaching content as the app ships it: the lessons and quiz files are read, parsed and
 * validated here, at build time (src/content/content.ts, the checks the content test runs), and the
 * app imports the result as data (`virtual:teaching-content`, src/content/load.ts). So the browser
 * runs no front-matter parser and no schema validation (zod) for content the build has checked
 * already, and a build with broken content fails instead of shipping.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import type { Plugin } from 'vite';

type ContentModule = typeof import('../src/content/content');

/** The content checks, run through Vite's module runner: they import the app's TypeScript as the app does. */
async function contentChecks(): Promise<ContentModule> {
  const path = fileURLToPath(new URL('../src/content/content.ts', import.meta.url));
  const { module } = await runnerImport<ContentModule>(path, { configFile: false, logLevel: 'error' });
  return module;
}

export const TEACHING_CONTENT_ID = 'virtual:teaching-content';
const RESOLVED_ID = `\0${TEACHING_CONTENT_ID}`;

export function teachingContent(lessonsDir: string): Plugin {
  return {
    name: 'teaching-content',
    resolveId: (id) => (id === TEACHING_CONTENT_ID ? RESOLVED_ID : null),
    async load(id) {
      if (id !== RESOLVED_ID) return null;
      const { loadContent } = await contentChecks();
      const read = (dir: string, extension: string): [string, string][] =>
        readdirSync(dir)
          .filter((file) => file.endsWith(extension))
          .sort()
          .map((file) => {
            const path = join(dir, file);
            this.addWatchFile(path);
            return [file, readFileSync(path, 'utf8')];
          });
      const lessons = Object.fromEntries(read(lessonsDir, '.md'));
      const quizzes = Object.fromEntries(
        read(join(lessonsDir, 'quiz'), '.json').map(([file, text]): [string, unknown] => [
          file,
          JSON.parse(text),
        ]),
      );
      const content = loadContent(lessons, quizzes);
      if (content.problems.length > 0) {
        throw new Error(`Invalid teaching content:\n${content.problems.join('\n')}`);
      }
      const data = JSON.stringify({ lessons: content.lessons, questions: content.questions });
      // A JSON string parses faster than the same data written as a JavaScript literal.
      return `export default JSON.parse(${JSON.stringify(data)});`;
    },
  };
}
