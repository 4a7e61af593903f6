/**
 * One lesson: title, the rules it teaches, the Markdown body, then "Mark as read", the lesson's quiz
 * and previous/next. The lesson counts as read when its end scrolls into view (or on the button).
 */
import { useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import { lessonReturn, saveLessonReturn, setReturnPending } from '../../course/lessonReturn';
import type { Lesson } from '../../content/content';
import { ProgressMessages } from '../../course/ProgressControls';
import { lessonStatus, type OnProgress, type ProgressStore } from '../../course/progress';
import { lessonHref, quizHref } from '../../course/questionLinks';
import { useProgress } from '../../course/useProgress';
import { HashLink, isPlainClick, type Navigate } from '../../components/HashLink';
import { Markdown } from '../../course/markdown/Markdown';
import { LessonOutline } from './LessonOutline';
import { LessonRules } from './LessonRules';
import { StatusBadge } from './StatusBadge';
import { besideFits, TryBeside, type Beside } from './TryBeside';

interface LessonPageProps {
  lesson: Lesson;
  lessons: readonly Lesson[];
  navigate: Navigate;
  store: ProgressStore;
  onProgress?: OnProgress | undefined;
}

export function LessonPage({ lesson, lessons, navigate, store, onProgress }: LessonPageProps) {
  const progress = useProgress(store);
  const read = progress.lessons[lesson.id] !== undefined;
  const index = lessons.findIndex((candidate) => candidate.id === lesson.id);
  const previous = lessons[index - 1];
  const next = lessons[index + 1];
  const titleRef = useRef<HTMLHeadingElement>(null);
  const endRef = useRef<HTMLDivElement>(null);

  const markRead = (): void => {
    if (store.markLessonRead(lesson.id)) onProgress?.({ type: 'lesson-completed', lessonId: lesson.id });
  };
  const onEndReached = useEffectEvent(markRead);

  // A new lesson starts at its title, for keyboard and screen reader users alike; coming back from
  // the simulator, it is where the learner left it, with focus on the "Try it" link they followed.
  useLayoutEffect(() => {
    const back = lessonReturn();
    if (back?.pending && back.lessonId === lesson.id) {
      setReturnPending(false);
      const scroller = scrollerOf(titleRef.current);
      scroller.scrollTop = back.scroll;
      const link = [...document.querySelectorAll<HTMLAnchorElement>('.lesson a.md-tryit')].find(
        (a) => a.getAttribute('href') === back.href,
      );
      (link ?? titleRef.current)?.focus({ preventScroll: true });
      return;
    }
    titleRef.current?.focus();
  }, [lesson.id]);

  // The simulator beside the lesson, on a screen wide enough for both (TryBeside.tsx), for this lesson.
  const [beside, setBeside] = useState<(Beside & { lessonId: string }) | null>(null);
  const open = beside?.lessonId === lesson.id ? beside : null;
  const openedFrom = useRef<HTMLAnchorElement | null>(null);

  const rememberReturn = (href: string): void => {
    const scroller = scrollerOf(titleRef.current);
    saveLessonReturn({ lessonId: lesson.id, title: lesson.title, scroll: scroller.scrollTop, href, pending: true });
  };

  // A "Try it" link: beside the lesson where there is room, else off to the simulator, remembering
  // the way back (course/lessonReturn.ts). A modified click (new tab, window) stays the browser's.
  const onClickCapture = (event: MouseEvent<HTMLElement>): void => {
    const link = event.target instanceof Element ? event.target.closest('a.md-tryit') : null;
    const href = link?.getAttribute('href');
    if (!(link instanceof HTMLAnchorElement) || !href) return;
    if (isPlainClick(event) && besideFits()) {
      event.preventDefault();
      openedFrom.current = link;
      setBeside({ lessonId: lesson.id, href, label: tryItLabel(link) });
      return;
    }
    rememberReturn(href);
  };

  const closeBeside = (): void => {
    setBeside(null);
    openedFrom.current?.focus();
  };

  useEffect(() => {
    const end = endRef.current;
    if (read || end === null || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        onEndReached();
      }
    });
    observer.observe(end);
    return () => observer.disconnect();
  }, [read]);

  return (
    <div className={`lesson-layout${open ? ' lesson-layout--beside' : ''}`}>
    <article className="lq lesson" aria-labelledby="lesson-title" onClickCapture={onClickCapture}>
      <nav aria-label="Breadcrumb" className="lesson__crumbs">
        <HashLink href="#/lessons" navigate={navigate}>
          All lessons
        </HashLink>
      </nav>
      <header className="lesson__header">
        <p className="lesson__eyebrow">
          Lesson {lesson.order} of {lessons.length}{' '}
          <StatusBadge status={lessonStatus(progress, lesson.id)} />
        </p>
        <h1 id="lesson-title" ref={titleRef} tabIndex={-1}>
          {lesson.title}
        </h1>
        <p className="lesson__summary">{lesson.summary}</p>
        <LessonRules rules={lesson.rules} navigate={navigate} />
      </header>

      <Markdown source={lesson.body} navigate={navigate} />

      <div ref={endRef} className="lesson__end-marker" />
      <section className="lesson__end" aria-label="After this lesson">
        <div className="lq-actions">
          {read ? (
            <p className="lesson__read">
              <span aria-hidden="true">✓ </span>You have read this lesson.
            </p>
          ) : (
            <button type="button" className="lq-button lq-button--secondary" onClick={markRead}>
              Mark as read
            </button>
          )}
          <HashLink href={quizHref(lesson.id)} navigate={navigate} className="lq-button">
            Take this lesson’s quiz
          </HashLink>
        </div>
        {/* Here, where reading the end of the lesson saves it: a save that fails is said where it happens. */}
        <ProgressMessages store={store} />
      </section>

      <nav aria-label="Previous and next lesson" className="lesson__pager">
        {previous ? (
          <HashLink href={lessonHref(previous.id)} navigate={navigate} rel="prev" className="lesson__prev">
            <span className="lesson__pager-label">Previous lesson</span> {previous.title}
          </HashLink>
        ) : (
          <span />
        )}
        {next ? (
          <HashLink href={lessonHref(next.id)} navigate={navigate} rel="next" className="lesson__next">
            <span className="lesson__pager-label">Next lesson</span> {next.title}
          </HashLink>
        ) : (
          <HashLink href={quizHref('exam')} navigate={navigate} className="lesson__next">
            <span className="lesson__pager-label">Finished the course?</span> Take the final exam
          </HashLink>
        )}
      </nav>
    </article>
    {open ? (
      <TryBeside beside={open} onClose={closeBeside} />
    ) : (
      <LessonOutline body={lesson.body} lessonId={lesson.id} navigate={navigate} />
    )}
    </div>
  );
}

/**
 * What scrolls the lesson: its route's page box on a wide screen, the document on a narrow one
 * (layout.css lets the page grow there).
 */
function scrollerOf(element: Element | null): Element {
  const page = element?.closest('.route-page');
  if (page && page.scrollHeight > page.clientHeight + 1) return page;
  return document.scrollingElement ?? document.documentElement;
}

/** What a "Try it" link opens, without its icon and its "Try it:" (the pane says that itself). */
function tryItLabel(link: HTMLAnchorElement): string {
  const text = [...link.childNodes]
    .filter((node) => !(node instanceof Element && node.getAttribute('aria-hidden') === 'true'))
    .map((node) => node.textContent)
    .join('')
    .trim()
    .replace(/^Try it:\s*/i, '');
  return text || 'the simulator';
}
