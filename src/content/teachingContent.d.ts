/** The lessons and quiz, parsed and validated at build time (scripts/teachingContent.ts). */
declare module 'virtual:teaching-content' {
  import type { Lesson } from './content';
  import type { Question } from './schema';

  const content: { lessons: Lesson[]; questions: Question[] };
  export default content;
}
