/**
 * One quiz attempt from the first question to the results: answer, check, read the feedback, next.
 * Each attempt has its own seed (shuffled answers and scrambled orders differ per attempt); the
 * finished attempt is recorded in the progress store and reported through onProgress.
 */
import { useEffect, useReducer, useRef, useState, type ReactNode } from 'react';
import type { Question } from '../../content/schema';
import type { Navigate } from '../lessons/HashLink';
import { grade, newSeed, prepareAttempt, score, type Answer, type AttemptItem, type Result } from './attempt';
import { isPassing, type OnProgress, type ProgressStore } from './progress';
import { QuestionStep } from './QuestionStep';
import { QuizResults } from './QuizResults';
import { useProgress } from './useProgress';

interface RunState {
  seed: string;
  /** 1 for the first attempt on this page; later attempts move focus to their first question. */
  attempt: number;
  items: AttemptItem[];
  index: number;
  results: (Result | undefined)[];
  finished: boolean;
}

type RunAction =
  | { type: 'answer'; result: Result }
  | { type: 'next' }
  | { type: 'finish' }
  | { type: 'restart'; seed: string; items: AttemptItem[] };

function reducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'answer': {
      if (state.results[state.index] !== undefined) return state;
      const results = [...state.results];
      results[state.index] = action.result;
      return { ...state, results };
    }
    case 'next':
      return { ...state, index: Math.min(state.index + 1, state.items.length - 1) };
    case 'finish':
      return { ...state, finished: true };
    case 'restart':
      return {
        seed: action.seed,
        attempt: state.attempt + 1,
        items: action.items,
        index: 0,
        results: [],
        finished: false,
      };
  }
}

export interface QuizRunnerProps {
  /** A lesson id, or "exam". */
  quiz: string;
  title: string;
  intro: ReactNode;
  /** The questions of an attempt with this seed (a lesson's quiz ignores it; the exam draws with it). */
  draw: (seed: string) => readonly Question[];
  seed?: string;
  retryLabel: string;
  lessonTitles: ReadonlyMap<string, string>;
  navigate: Navigate;
  store: ProgressStore;
  onProgress?: OnProgress;
  breadcrumbs: ReactNode;
}

export function QuizRunner(props: QuizRunnerProps) {
  const { quiz, title, intro, draw, navigate, store, onProgress } = props;
  const [state, dispatch] = useReducer(reducer, props.seed, (initial): RunState => {
    const seed = initial ?? newSeed();
    return {
      seed,
      attempt: 1,
      items: prepareAttempt(draw(seed), seed),
      index: 0,
      results: [],
      finished: false,
    };
  });
  const [announcement, setAnnouncement] = useState('');
  const progress = useProgress(store);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  const item = state.items[state.index];
  const result = state.results[state.index];
  const isLast = state.index === state.items.length - 1;
  const soFar = score(state.results.filter((entry) => entry !== undefined));

  const answer = (given: Answer): void => {
    if (!item) return;
    const correct = grade(item, given);
    dispatch({ type: 'answer', result: { answer: given, correct } });
    setAnnouncement(correct ? 'Correct.' : 'Not quite.');
    onProgress?.({ type: 'quiz-answered', quiz, questionId: item.question.id, correct });
  };

  const next = (): void => {
    if (!isLast) {
      setAnnouncement('');
      dispatch({ type: 'next' });
      return;
    }
    const asked = state.items.map((entry) => entry.question.id);
    const correctIds = state.items
      .filter((_, index) => state.results[index]?.correct)
      .map((entry) => entry.question.id);
    store.recordAttempt(quiz, asked, correctIds);
    const final = score(state.items.map((_, index) => state.results[index]));
    const passed = isPassing(final.correct, final.total);
    onProgress?.({ type: 'quiz-scored', quiz, correct: final.correct, total: final.total, passed });
    setAnnouncement(`Quiz finished: ${final.correct} of ${final.total} correct.`);
    dispatch({ type: 'finish' });
  };

  const retry = (): void => {
    const seed = newSeed();
    setAnnouncement('');
    dispatch({ type: 'restart', seed, items: prepareAttempt(draw(seed), seed) });
  };

  return (
    <section className="lq quiz" aria-labelledby="quiz-title">
      {props.breadcrumbs}
      <h1 id="quiz-title" ref={titleRef} tabIndex={-1}>
        {title}
      </h1>
      {state.attempt === 1 && state.index === 0 && !state.finished ? (
        <div className="quiz__intro">{intro}</div>
      ) : null}
      {state.items.length === 0 ? (
        <p>There are no questions here yet.</p>
      ) : state.finished ? (
        <QuizResults
          quiz={quiz}
          items={state.items}
          results={state.results}
          progress={progress}
          lessonTitles={props.lessonTitles}
          navigate={navigate}
          onRetry={retry}
          retryLabel={props.retryLabel}
        />
      ) : item ? (
        <QuestionStep
          key={`${state.seed}:${item.question.id}`}
          item={item}
          number={state.index + 1}
          total={state.items.length}
          correctSoFar={soFar.correct}
          result={result}
          focusOnMount={state.index > 0 || state.attempt > 1}
          isLast={isLast}
          onAnswer={answer}
          onNext={next}
          announce={setAnnouncement}
          navigate={navigate}
        />
      ) : null}
      <p className="lq-visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}
