// @vitest-environment happy-dom
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from './App';
import { answerAndContinue, currentQuestion } from '../features/quiz/testing';
import { navigate, parseHash, quizAddress, useHash, withHashParam } from './router';
import { questionsFor } from '../content/load';

/** How many questions the discovery quiz has (the content grows; the tests should not care). */
const DISCOVERY = questionsFor('discovery').length;

describe('parseHash', () => {
  it('opens the simulator by default and keeps its query', () => {
    expect(parseHash('')).toEqual({ name: 'sim', query: '' });
    expect(parseHash('#/')).toEqual({ name: 'sim', query: '' });
    expect(parseHash('#/sim?scenario=deny&step=3')).toEqual({ name: 'sim', query: 'scenario=deny&step=3' });
  });

  it('routes #/har, with the same-origin HAR a link names', () => {
    expect(parseHash('#/har')).toEqual({ name: 'har', url: null });
    expect(parseHash('#/har?url=flows%2Fmy-flow.har')).toEqual({ name: 'har', url: 'flows/my-flow.har' });
    expect(parseHash('#/har?url=')).toEqual({ name: 'har', url: null });
  });

  it('routes lessons and quizzes, with an optional id', () => {
    expect(parseHash('#/lessons')).toEqual({ name: 'lessons', id: null });
    expect(parseHash('#/lessons/04-discovery')).toEqual({ name: 'lessons', id: '04-discovery' });
    expect(parseHash('#/quiz')).toEqual({ name: 'quiz', id: null, question: null });
    expect(parseHash('#/quiz/exam')).toEqual({ name: 'quiz', id: 'exam', question: null });
  });

  it('reads the question a quiz link opens at, beside the view switches', () => {
    expect(parseHash('#/quiz/pkce-and-request?q=pkce-and-request-3')).toEqual({
      name: 'quiz',
      id: 'pkce-and-request',
      question: 'pkce-and-request-3',
    });
    expect(parseHash('#/quiz/discovery?embed=1&q=discovery-2&lock=1')).toEqual({
      name: 'quiz',
      id: 'discovery',
      question: 'discovery-2',
    });
    expect(parseHash('#/quiz/discovery?q=')).toEqual({ name: 'quiz', id: 'discovery', question: null });
    expect(parseHash('#/quiz/discovery?q=a%20b')).toEqual({ name: 'quiz', id: 'discovery', question: 'a b' });
    // The index has no question to open; a lesson ignores q.
    expect(parseHash('#/quiz?q=discovery-2')).toEqual({ name: 'quiz', id: null, question: null });
    expect(parseHash('#/lessons/discovery?q=discovery-2')).toEqual({ name: 'lessons', id: 'discovery' });
  });

  it('refuses anything else', () => {
    expect(parseHash('#/admin')).toEqual({ name: 'not-found', path: '/admin' });
    expect(parseHash('#/lessons/a/b')).toEqual({ name: 'not-found', path: '/lessons/a/b' });
    expect(parseHash('#/lessons/%E0%A4%A')).toEqual({ name: 'not-found', path: '/lessons/%E0%A4%A' });
  });
});

describe('navigate', () => {
  it('tells the readers of the address at once, not a hashchange later', () => {
    window.history.replaceState(null, '', '/#/revisions');
    // No hashchange reaches the app's listener: only navigate's own word can move the reader.
    const hold = (event: Event) => event.stopImmediatePropagation();
    window.addEventListener('hashchange', hold, { capture: true });
    try {
      render(createElement(() => createElement('output', null, useHash())));
      expect(screen.getByRole('status')).toHaveTextContent('#/revisions');
      act(() => navigate('#/revisions?view=eras'));
      expect(screen.getByRole('status')).toHaveTextContent('#/revisions?view=eras');
    } finally {
      window.removeEventListener('hashchange', hold, { capture: true });
      cleanup();
    }
  });
});

describe('withHashParam', () => {
  it('sets, replaces and removes one parameter, keeping the others', () => {
    expect(withHashParam('#/quiz/discovery', 'q', 'discovery-2')).toBe('#/quiz/discovery?q=discovery-2');
    expect(withHashParam('#/quiz/discovery?embed=1&q=discovery-2&lock=1', 'q', 'discovery-3')).toBe(
      '#/quiz/discovery?embed=1&q=discovery-3&lock=1',
    );
    expect(withHashParam('#/quiz/discovery?embed=1&q=discovery-2', 'q', null)).toBe(
      '#/quiz/discovery?embed=1',
    );
    expect(withHashParam('#/quiz/discovery?q=x', 'q', null)).toBe('#/quiz/discovery');
  });

  it('returns the hash untouched when nothing changes (no re-encoding of the other parameters)', () => {
    const hash = '#/quiz/x?parentOrigin=https://lms.example.edu';
    expect(withHashParam(hash, 'q', null)).toBe(hash);
    expect(withHashParam('#/quiz/x?q=a', 'q', 'a')).toBe('#/quiz/x?q=a');
  });
});

describe('quizAddress', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('reads the quiz and question of the address, and nothing off the quiz pages', () => {
    window.location.hash = '#/quiz/discovery?q=discovery-3';
    expect(quizAddress.read()).toEqual({ quiz: 'discovery', question: 'discovery-3' });
    window.location.hash = '#/quiz';
    expect(quizAddress.read()).toBeNull();
    window.location.hash = '#/sim?q=1';
    expect(quizAddress.read()).toBeNull();
  });

  it('rewrites q in place (no history entry, no hashchange), only on the quiz it names', () => {
    window.location.hash = '#/quiz/discovery?embed=1';
    const entries = window.history.length;
    const changed = vi.fn();
    const unsubscribe = quizAddress.subscribe(changed);
    quizAddress.write('discovery', 'discovery-4');
    expect(window.location.hash).toBe('#/quiz/discovery?embed=1&q=discovery-4');
    quizAddress.write('exam', 'discovery-5');
    expect(window.location.hash).toBe('#/quiz/discovery?embed=1&q=discovery-4');
    quizAddress.write('discovery', null);
    expect(window.location.hash).toBe('#/quiz/discovery?embed=1');
    expect(window.history.length).toBe(entries);
    expect(changed).not.toHaveBeenCalled();
    unsubscribe();
  });
});

describe('a quiz link in the app', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/');
    window.localStorage.clear();
  });
  afterEach(cleanup);

  const questionHeading = () =>
    screen.findByRole('heading', { level: 2, name: /^Question \d+ of \d+$/ }, { timeout: 10000 });

  it('opens its question, keeps the address naming the question on screen, and keeps embed mode', async () => {
    window.location.hash = '#/quiz/discovery?q=discovery-3&embed=1&lock=1';
    const user = userEvent.setup();
    render(createElement(App));
    expect(await questionHeading()).toHaveTextContent(`Question 3 of ${DISCOVERY}`);
    expect(currentQuestion().question.id).toBe('discovery-3');
    expect(screen.queryByRole('banner')).toBeNull();
    expect(document.querySelector('.app')).toHaveClass('app--embed');

    const entries = window.history.length;
    await answerAndContinue(user, true);
    expect(currentQuestion().question.id).toBe('discovery-4');
    expect(window.location.hash).toBe('#/quiz/discovery?q=discovery-4&embed=1&lock=1');
    expect(window.history.length).toBe(entries);

    // An edited address bar opens the question it names.
    act(() => {
      window.location.hash = '#/quiz/discovery?q=discovery-6&embed=1&lock=1';
    });
    await waitFor(() => expect(currentQuestion().question.id).toBe('discovery-6'));
    expect(await questionHeading()).toHaveTextContent(`Question 6 of ${DISCOVERY}`);
    expect(within(currentQuestion().article).getByText('1 correct so far')).toBeInTheDocument();
  });

  it('starts at question 1 with a note for an unknown question, and takes it out of the address', async () => {
    window.location.hash = '#/quiz/discovery?q=discovery-42';
    render(createElement(App));
    expect(await questionHeading()).toHaveTextContent(`Question 1 of ${DISCOVERY}`);
    expect(screen.getByText(/This quiz has no question “discovery-42”/)).toBeInTheDocument();
    expect(window.location.hash).toBe('#/quiz/discovery');
  });
});
