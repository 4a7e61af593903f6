// @vitest-environment happy-dom
// Progress the app cannot read is never overwritten: it is kept aside under another key, what can be
// read is kept, and the learner is told. A save that fails (a full quota) is said on screen.
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LESSONS, QUESTIONS } from '../../content/load';
import LessonsRoute from '../lessons/LessonsRoute';
import {
  PROGRESS_KEY,
  PROGRESS_VERSION,
  contentFingerprint,
  createProgressStore,
  type ProgressStorage,
} from '../../course/progress';
import QuizRoute from './QuizRoute';
import { at, parseJson, recordAt } from '../../../tests/json';

const content = { lessons: LESSONS, questions: QUESTIONS };
const fingerprint = contentFingerprint(content);

beforeEach(() => {
  window.localStorage.clear();
  // The end of a lesson never scrolls into view here: "Mark as read" does what reaching it does.
  vi.stubGlobal('IntersectionObserver', undefined);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Every key of localStorage whose value is exactly `raw`. */
function keysHolding(raw: string): string[] {
  return Object.keys(window.localStorage).filter((key) => window.localStorage.getItem(key) === raw);
}

function renderLesson(id: string, storage: ProgressStorage = window.localStorage) {
  const store = createProgressStore({ storage, content });
  render(<LessonsRoute lessonId={id} navigate={vi.fn()} progressStore={store} />);
  return { store, user: userEvent.setup() };
}

describe('stored progress the app cannot read', () => {
  it('corrupt JSON: finishing a lesson keeps it aside under another key, and says so', async () => {
    const raw = '{"version":1,"lessons":{"roles":{"readAt":5}},"quizzes":{';
    window.localStorage.setItem(PROGRESS_KEY, raw);
    const { user } = renderLesson('discovery');
    await user.click(screen.getByRole('button', { name: 'Mark as read' }));
    expect(screen.getByText('You have read this lesson.')).toBeInTheDocument();
    // The unreadable value still exists, untouched, under a key of its own…
    const kept = keysHolding(raw);
    expect(kept).toHaveLength(1);
    expect(kept[0]).not.toBe(PROGRESS_KEY);
    // …the new progress is saved…
    expect(
      at(parseJson(window.localStorage.getItem(PROGRESS_KEY) ?? '{}'), 'lessons', 'discovery'),
    ).toBeDefined();
    // …and the learner is told, in a status message that names where the old value went.
    const notice = screen.getByText(/could not be read/).closest('[role="status"]');
    expect(notice).toHaveTextContent(/kept aside, unchanged, in this browser/);
    expect(notice).toHaveTextContent(kept[0] ?? 'missing');
  });

  it('a newer version (another tab): what it can read is kept, the value itself is kept aside', async () => {
    const raw = JSON.stringify({
      version: PROGRESS_VERSION + 1,
      fingerprint,
      lessons: { roles: { readAt: 5 } },
      quizzes: {},
      streak: { days: 12 },
    });
    window.localStorage.setItem(PROGRESS_KEY, raw);
    const { user } = renderLesson('discovery');
    expect(screen.getByText(/newer version of this course/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Mark as read' }));
    const kept = keysHolding(raw);
    expect(kept).toHaveLength(1);
    expect(kept[0]).not.toBe(PROGRESS_KEY);
    const saved = parseJson(window.localStorage.getItem(PROGRESS_KEY) ?? '{}');
    // Finishing one lesson does not erase another's.
    expect(Object.keys(recordAt(saved, 'lessons')).sort()).toEqual(['discovery', 'roles']);
    expect(screen.getByText(/newer version of this course/)).toBeInTheDocument();
  });

  it('the notice stays until the learner has seen it, also after a reload', async () => {
    const raw = 'not json';
    window.localStorage.setItem(PROGRESS_KEY, raw);
    const first = renderLesson('discovery');
    await first.user.click(screen.getByRole('button', { name: 'Mark as read' }));
    cleanup();
    // A reload: the overview still says where the old value went, until OK.
    const store = createProgressStore({ storage: window.localStorage, content });
    render(<LessonsRoute navigate={vi.fn()} progressStore={store} />);
    const notice = screen.getByText(/could not be read/).closest('.lq-notice');
    if (!(notice instanceof HTMLElement)) throw new Error('no notice');
    await userEvent.setup().click(within(notice).getByRole('button', { name: 'OK' }));
    expect(screen.queryByText(/could not be read/)).toBeNull();
    expect(keysHolding(raw)).toHaveLength(1);
  });
});

describe('progress that cannot be saved', () => {
  function fullStorage(): ProgressStorage {
    return {
      getItem: (key) => window.localStorage.getItem(key),
      removeItem: (key) => window.localStorage.removeItem(key),
      setItem: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    };
  }

  it('a full quota: the lesson counts for this visit, and an alert says it is not saved', async () => {
    const { user } = renderLesson('discovery', fullStorage());
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Mark as read' }));
    expect(screen.getByText('You have read this lesson.')).toBeInTheDocument();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(/cannot be saved/);
    expect(alert).toHaveTextContent(/storage .* is full/);
    expect(alert).toBeVisible();
  });

  it('a full quota at the end of a quiz: the score shows, with the alert', () => {
    const store = createProgressStore({ storage: fullStorage(), content });
    render(<QuizRoute lessonId="roles" navigate={vi.fn()} progressStore={store} seed="s" />);
    expect(screen.queryByRole('alert')).toBeNull();
    // What the runner does when the last answer is in (QuizRunner's `next`).
    act(() => {
      store.recordAttempt('roles', ['roles-1'], ['roles-1']);
    });
    expect(screen.getByRole('alert')).toHaveTextContent(/cannot be saved/);
  });
});
