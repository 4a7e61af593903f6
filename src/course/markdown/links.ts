/**
 * What a Markdown link becomes. Only three kinds of address are ever rendered as links: the app's
 * own hash routes (the simulator's "Try it" links, other lessons, anything else under `#/`), and
 * http(s) or mailto addresses. Anything else (`javascript:`, `data:`, relative paths) is shown as
 * plain text, so content can never smuggle a script URL into an href.
 */
export type LinkTarget =
  | { kind: 'sim'; href: string }
  | { kind: 'lesson'; href: string; lessonId: string }
  | { kind: 'app'; href: string }
  | { kind: 'external'; href: string }
  | { kind: 'none' };

const LESSON = /^#\/lessons\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export function linkTarget(rawHref: string): LinkTarget {
  const href = rawHref.trim();
  if (href === '#/sim' || href.startsWith('#/sim?')) return { kind: 'sim', href };
  const lesson = LESSON.exec(href);
  if (lesson?.[1]) return { kind: 'lesson', href, lessonId: lesson[1] };
  if (href.startsWith('#/')) return { kind: 'app', href };
  if (/^(?:https?:\/\/|mailto:)[^\s]+$/i.test(href)) return { kind: 'external', href };
  return { kind: 'none' };
}
