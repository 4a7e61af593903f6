/**
 * The raw teaching content, read by Vite at build time: one place names the files, so the app
 * (load.ts) and the content test check the same set.
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
