/**
 * The raw teaching content, read by Vite, for the content test. The app ships it parsed and checked
 * at build time instead (scripts/teachingContent.ts, the same folder); tests/teachingContent.test.ts
 * checks that what the app loads is what these files give.
 */
export const lessonSources = import.meta.glob<string>('../../lessons/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const quizSources = import.meta.glob<unknown>('../../lessons/quiz/*.json', {
  import: 'default',
  eager: true,
});
