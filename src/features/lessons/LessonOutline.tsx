/**
 * "In this lesson": the lesson's sections (its `##` headings) and its quiz, in a rail beside the
 * text on a wide screen (issue 16: a 610 px column flush left left half of a 1440 px screen empty).
 * Pressing a section brings its heading to the top and puts focus on it. Below the wide layout the
 * rail is not shown: the text is the page.
 */
import type { Navigate } from '../../components/HashLink';
import { HashLink } from '../../components/HashLink';
import { quizHref } from '../../course/questionLinks';

/** The `##` headings of a Markdown body, outside fenced code, in order. */
export function sectionsOf(body: string): string[] {
  const sections: string[] = [];
  let fenced = false;
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced) {
      const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
      if (heading?.[1]) sections.push(heading[1].replace(/[*_`]/g, ''));
    }
  }
  return sections;
}

function goTo(index: number): void {
  const heading = document.querySelectorAll<HTMLElement>('.lesson .md h2')[index];
  if (!heading) return;
  heading.tabIndex = -1;
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

export function LessonOutline({
  body,
  lessonId,
  navigate,
}: {
  body: string;
  lessonId: string;
  navigate: Navigate;
}) {
  const sections = sectionsOf(body);
  return (
    <aside className="lesson-outline" aria-label="In this lesson">
      <p className="lesson-outline__title">In this lesson</p>
      <ol className="lesson-outline__list">
        {sections.map((title, index) => (
          <li key={`${index}-${title}`}>
            <button type="button" className="lesson-outline__link" onClick={() => goTo(index)}>
              {title}
            </button>
          </li>
        ))}
      </ol>
      <HashLink href={quizHref(lessonId)} navigate={navigate} className="lesson-outline__quiz">
        This lesson’s quiz
      </HashLink>
    </aside>
  );
}
