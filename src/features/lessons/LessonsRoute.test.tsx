// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LESSONS, QUESTIONS } from '../../content/load';
import { RULES } from '../../sim/rules';
import { PROGRESS_KEY, createProgressStore, type ProgressEvent } from '../../course/progress';
import LessonsRoute from './LessonsRoute';
import { BESIDE_QUERY } from './TryBeside';
import { at, parseJson } from '../../../tests/json';

/** An IntersectionObserver that reports only when a test says the element came into view. */
class FakeIntersectionObserver {
  static instances: FakeIntersectionObserver[] = [];
  readonly targets: Element[] = [];
  disconnected = false;
  constructor(readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.instances.push(this);
  }
  observe(target: Element): void {
    this.targets.push(target);
  }
  unobserve(): void {}
  disconnect(): void {
    this.disconnected = true;
  }
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
  /** Scrolls every observed element into view. */
  static reachEnd(): void {
    for (const observer of FakeIntersectionObserver.instances.filter((instance) => !instance.disconnected)) {
      const entries = observer.targets.map((target) => ({ isIntersecting: true, target }) as IntersectionObserverEntry);
      act(() => observer.callback(entries, observer as unknown as IntersectionObserver));
    }
  }
}

const content = { lessons: LESSONS, questions: QUESTIONS };

beforeEach(() => {
  window.localStorage.clear();
  FakeIntersectionObserver.instances = [];
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderLessons(lessonId?: string) {
  const navigate = vi.fn();
  const events: ProgressEvent[] = [];
  const store = createProgressStore({ storage: window.localStorage, content });
  const props = { navigate, onProgress: (event: ProgressEvent) => events.push(event), progressStore: store };
  const view = render(<LessonsRoute lessonId={lessonId} {...props} />);
  return { navigate, events, store, props, user: userEvent.setup(), ...view };
}

describe('the course overview', () => {
  it('lists the 17 lessons in order with summary and progress', () => {
    const { store } = renderLessons();
    expect(screen.getByRole('heading', { level: 1, name: 'Lessons' })).toHaveFocus();
    const titles = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(titles).toEqual(LESSONS.map((lesson) => `${lesson.order}${lesson.title}`));
    expect(LESSONS).toHaveLength(17);
    const cards = screen.getAllByRole('listitem');
    expect(cards[0]).toHaveTextContent(LESSONS[0]?.summary ?? 'missing');
    expect(cards.every((card) => within(card).queryByText('Not started'))).toBe(true);
    expect(screen.getByText(/You have read 0 of 17 lessons and passed 0 quizzes/)).toBeInTheDocument();

    act(() => {
      store.markLessonRead('discovery');
      store.recordAttempt('roles', ['roles-1', 'roles-2'], ['roles-1', 'roles-2']);
    });
    expect(within(cards[3] as HTMLElement).getByText('Read')).toBeInTheDocument();
    expect(within(cards[2] as HTMLElement).getByText(/Quiz passed/)).toBeInTheDocument();
    expect(cards[2]).toHaveTextContent('Best quiz score: 2 of 2');
    expect(screen.getByText(/You have read 1 of 17 lessons and passed 1 quiz\./)).toBeInTheDocument();
  });

  it('opens a lesson and a quiz through navigate', async () => {
    const { user, navigate } = renderLessons();
    await user.click(screen.getByRole('link', { name: LESSONS[4]?.title ?? 'missing' }));
    expect(navigate).toHaveBeenLastCalledWith(`#/lessons/${LESSONS[4]?.id ?? ''}`);
    await user.click(screen.getByRole('link', { name: `Quiz: ${LESSONS[4]?.title ?? ''}` }));
    expect(navigate).toHaveBeenLastCalledWith(`#/quiz/${LESSONS[4]?.id ?? ''}`);
  });
});

describe('a lesson page', () => {
  it('shows the title (focused), summary, rendered body and the lesson’s position', () => {
    renderLessons('discovery');
    const lesson = LESSONS.find((candidate) => candidate.id === 'discovery');
    expect(screen.getByRole('heading', { level: 1, name: lesson?.title ?? 'missing' })).toHaveFocus();
    expect(screen.getByText(lesson?.summary ?? 'missing')).toBeInTheDocument();
    expect(screen.getByText(/Lesson 4 of 17/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Step 1: the 401' })).toBeInTheDocument();
    expect(screen.getAllByRole('group', { name: 'HTTP example' }).length).toBeGreaterThan(0);
    expect(screen.getByRole('region', { name: /^Table: Issuer/ })).toBeInTheDocument();
  });

  it('shows a chip for every front-matter rule with the rule text on hover and in a details element', async () => {
    const { user } = renderLessons('discovery');
    const lesson = LESSONS.find((candidate) => candidate.id === 'discovery');
    const section = screen.getByRole('region', { name: 'Rules in this lesson' });
    const chips = section.querySelectorAll('details');
    expect([...chips].map((chip) => chip.querySelector('summary')?.firstChild?.textContent)).toEqual(lesson?.rules);

    const c03 = [...chips].find((chip) => chip.querySelector('summary')?.textContent?.startsWith('C-03'));
    const summary = c03?.querySelector('summary');
    if (!c03 || !summary) throw new Error('no C-03 chip');
    expect(summary).toHaveAttribute('title', `MUST: ${RULES['C-03'].text.replace(/`/g, '')}`);
    expect(summary).toHaveTextContent('C-03, MCP client rule');
    expect(c03.open).toBe(false);
    await user.click(summary);
    expect(c03.open).toBe(true);
    expect(c03.querySelector('.rule-chip__body')).toHaveTextContent('Support both PRM mechanisms');
    expect(c03.querySelector('.rule-chip__body code')).toHaveTextContent('resource_metadata');
  });

  it('sends a Try it link to the simulator with its exact hash', async () => {
    const { user, navigate } = renderLessons('discovery');
    const link = screen.getByRole('link', { name: 'Try it: the 401 and its WWW-Authenticate header' });
    await user.click(link);
    expect(navigate).toHaveBeenCalledWith('#/sim?scenario=first-connection&reg=dcr&at=mcp-unauthenticated:response');
    await user.click(screen.getByRole('link', { name: 'Try it: metadata steering, defence on' }));
    expect(navigate).toHaveBeenLastCalledWith('#/sim?attack=metadata-steering&defence=on');
  });

  it('on a wide screen, opens a Try it link in a simulator beside the lesson, and closes it with Escape', async () => {
    const wide = vi.fn((query: string) => ({ matches: query === BESIDE_QUERY, media: query }));
    vi.stubGlobal('matchMedia', wide);
    const { user, navigate } = renderLessons('discovery');
    const link = screen.getByRole('link', { name: 'Try it: the 401 and its WWW-Authenticate header' });
    await user.click(link);
    // The lesson stays; the simulator opens beside it, in its embed mode, at the link's step.
    expect(navigate).not.toHaveBeenCalled();
    const pane = screen.getByRole('complementary', { name: /Try it the 401 and its WWW-Authenticate header/ });
    const frame = within(pane).getByTitle('Simulator: the 401 and its WWW-Authenticate header');
    expect(frame.getAttribute('src')).toBe(
      `${window.location.pathname}#/sim?scenario=first-connection&reg=dcr&at=mcp-unauthenticated%3Aresponse&embed=1`,
    );
    expect(frame).toHaveFocus();
    // The outline makes room for it.
    expect(screen.queryByRole('complementary', { name: 'In this lesson' })).toBeNull();
    // Another link replaces what the pane shows.
    await user.click(screen.getByRole('link', { name: 'Try it: metadata steering, defence on' }));
    expect(within(pane).getByTitle('Simulator: metadata steering, defence on').getAttribute('src')).toMatch(
      /#\/sim\?attack=metadata-steering&defence=on&embed=1$/,
    );
    await user.keyboard('{Escape}');
    expect(screen.queryByTitle(/^Simulator:/)).toBeNull();
    expect(screen.getByRole('link', { name: 'Try it: metadata steering, defence on' })).toHaveFocus();
    expect(screen.getByRole('complementary', { name: 'In this lesson' })).toBeInTheDocument();
    // A click with a modifier (a new tab) stays the browser's: no pane.
    await user.keyboard('{Control>}');
    await user.click(link);
    await user.keyboard('{/Control}');
    expect(screen.queryByTitle(/^Simulator:/)).toBeNull();
    expect(wide).toHaveBeenCalledWith(BESIDE_QUERY);
  });

  it('links to the previous and next lessons and to the lesson’s quiz', async () => {
    const { user, navigate } = renderLessons('discovery');
    const pager = screen.getByRole('navigation', { name: 'Previous and next lesson' });
    await user.click(within(pager).getByRole('link', { name: /Previous lesson/ }));
    expect(navigate).toHaveBeenLastCalledWith('#/lessons/roles');
    await user.click(within(pager).getByRole('link', { name: /Next lesson/ }));
    expect(navigate).toHaveBeenLastCalledWith('#/lessons/registration');
    await user.click(screen.getByRole('link', { name: 'Take this lesson’s quiz' }));
    expect(navigate).toHaveBeenLastCalledWith('#/quiz/discovery');
  });

  it('outlines the lesson beside the text: its sections, each focusing its heading, and its quiz', async () => {
    const { user, navigate } = renderLessons('discovery');
    const outline = screen.getByRole('complementary', { name: 'In this lesson' });
    const sections = within(outline).getAllByRole('button');
    const headings = document.querySelectorAll('.lesson .md h2');
    expect(sections.map((b) => b.textContent)).toEqual([...headings].map((h) => h.textContent));
    expect(sections[0]).toHaveTextContent('Step 1: the 401');
    Element.prototype.scrollIntoView = vi.fn();
    await user.click(sections[3]!);
    expect(headings[3]).toHaveFocus();
    await user.click(within(outline).getByRole('link', { name: 'This lesson’s quiz' }));
    expect(navigate).toHaveBeenLastCalledWith('#/quiz/discovery');
  });

  it('has no previous lesson on the first page and leads to the final exam from the last', () => {
    renderLessons(LESSONS[0]?.id);
    expect(screen.queryByRole('link', { name: /Previous lesson/ })).toBeNull();
    cleanup();
    renderLessons(LESSONS.at(-1)?.id);
    expect(screen.getByRole('link', { name: /Take the final exam/ })).toHaveAttribute('href', '#/quiz/exam');
  });

  it('marks the lesson read with the button, once, and remembers it after a reload', async () => {
    const { user, events, unmount, props } = renderLessons('pkce-and-request');
    await user.click(screen.getByRole('button', { name: 'Mark as read' }));
    expect(screen.getByText('You have read this lesson.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark as read' })).toBeNull();
    expect(events).toEqual([{ type: 'lesson-completed', lessonId: 'pkce-and-request' }]);
    expect(at(parseJson(window.localStorage.getItem(PROGRESS_KEY) ?? '{}'), 'lessons')).toHaveProperty(
      'pkce-and-request',
    );
    unmount();

    render(<LessonsRoute lessonId="pkce-and-request" navigate={props.navigate} />);
    expect(screen.getByText('You have read this lesson.')).toBeInTheDocument();
  });

  it('marks the lesson read when its end scrolls into view', () => {
    const { events } = renderLessons('scopes');
    expect(screen.getByRole('button', { name: 'Mark as read' })).toBeInTheDocument();
    FakeIntersectionObserver.reachEnd();
    expect(screen.getByText('You have read this lesson.')).toBeInTheDocument();
    expect(events).toEqual([{ type: 'lesson-completed', lessonId: 'scopes' }]);
    // Already read: reaching the end again reports nothing new.
    FakeIntersectionObserver.reachEnd();
    expect(events).toHaveLength(1);
  });

  it('moves to another lesson in place, with focus on its title', () => {
    const { rerender, props } = renderLessons('discovery');
    rerender(<LessonsRoute lessonId="registration" {...props} />);
    const title = LESSONS.find((lesson) => lesson.id === 'registration')?.title ?? 'missing';
    expect(screen.getByRole('heading', { level: 1, name: title })).toHaveFocus();
  });

  it('says when a lesson does not exist', () => {
    renderLessons('no-such-lesson');
    expect(screen.getByRole('heading', { level: 1, name: 'Lesson not found' })).toBeInTheDocument();
  });
});
