/**
 * One quiz attempt from its first question to the results: answer, check, read the feedback, next.
 * Each attempt has its own seed (shuffled answers and scrambled orders differ per attempt); the
 * finished attempt is recorded in the progress store and reported through onProgress. The address
 * names the question on screen (`?q=<question id>`, through the shell's QuestionAddress), so it
 * opens this question in another tab; a changed address (an edited address bar) opens its question.
 */
import { useEffect, useEffectEvent, useReducer, useRef, useState, type ReactNode } from 'react';
import type { Question } from '../../content/schema';
import type { Navigate } from '../../components/HashLink';
import { grade, newSeed, score, type Answer } from './attempt';
import { isPassing, type OnProgress, type ProgressStore } from '../../course/progress';
import type { QuestionAddress } from '../../course/questionLinks';
import { QuestionStep } from './QuestionStep';
import { ProgressMessages } from '../../course/ProgressControls';
import { QuizResults } from './QuizResults';
import { initialRun, nextUnanswered, openAttempt, runReducer, type Draw } from './run';
import { useProgress } from '../../course/useProgress';
import { rulesOfQuestion } from './rules';
import { useAnswerLatency } from './useAnswerLatency';

export interface QuizRunnerProps {
  /** A lesson id, or "exam". */
  quiz: string;
  title: string;
  intro: ReactNode;
  /** The questions of an attempt with this seed (a lesson's quiz ignores it; the exam draws with it). */
  draw: Draw;
  /** The questions a link to this quiz may name. */
  pool: readonly Question[];
  /** The question to open at (its id, from the link); the first by default. */
  startAt?: string | undefined;
  /**
   * The questions always come in the same order, so the quiz's address without `q` is its first
   * question and the address leaves `q` out there (a lesson's quiz; not the exam, drawn per attempt).
   */
  fixedOrder: boolean;
  /** Keeps the address naming the question on screen; without it (component tests) nothing is written. */
  address?: QuestionAddress | undefined;
  seed?: string | undefined;
  retryLabel: string;
  lessonTitles: ReadonlyMap<string, string>;
  navigate: Navigate;
  store: ProgressStore;
  onProgress?: OnProgress | undefined;
  breadcrumbs: ReactNode;
}

export function QuizRunner(props: QuizRunnerProps) {
  const { quiz, title, intro, draw, pool, address, navigate, store, onProgress } = props;
  const [state, dispatch] = useReducer(runReducer, null, () =>
    initialRun(openAttempt(props.seed ?? newSeed(), draw, pool, props.startAt ?? null)),
  );
  const [announcement, setAnnouncement] = useState('');
  const progress = useProgress(store);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  const item = state.items[state.index];
  const result = state.results[state.index];
  const isLast = nextUnanswered(state) === null;
  const soFar = score(state.results.filter((entry) => entry !== undefined));
  const answeredBefore = state.results.filter((entry, index) => entry && index !== state.index).length;

  // The address names the question on screen; none on the results, and none on a fixed-order
  // quiz's first question (the quiz's own address opens there).
  const shownId = state.finished || !item ? null : item.question.id;
  const linkId = props.fixedOrder && state.index === 0 ? null : shownId;
  useEffect(() => {
    address?.write(quiz, linkId);
  }, [address, quiz, linkId]);
  const latency = useAnswerLatency(`${state.attempt}:${shownId}`);

  // The address changed under the quiz (an edited address bar, a link to another question): open
  // the question it names in this attempt if it is here, else start an attempt there, as a fresh tab
  // would. An unknown id keeps the question on screen, says so, and is taken out of the address.
  const onAddressChange = useEffectEvent(() => {
    const named = address?.read();
    if (!named || named.quiz !== quiz || named.question === null || named.question === shownId) return;
    const at = state.items.findIndex((entry) => entry.question.id === named.question);
    if (at !== -1 && !state.finished) {
      setAnnouncement('');
      dispatch({ type: 'open', index: at });
      return;
    }
    const opening = openAttempt(newSeed(), draw, pool, named.question);
    if (opening.missing !== null && !state.finished) {
      dispatch({ type: 'missing', id: opening.missing });
      address?.write(quiz, linkId);
      return;
    }
    setAnnouncement('');
    dispatch({ type: 'restart', opening });
  });
  useEffect(() => address?.subscribe(() => onAddressChange()), [address]);

  const answer = (given: Answer): void => {
    if (!item) return;
    const correct = grade(item, given);
    dispatch({ type: 'answer', result: { answer: given, correct } });
    // Evidence for the rules it is about, and a missed question joins the review queue.
    store.recordAnswer(item.question.id, correct, rulesOfQuestion(item.question));
    setAnnouncement(correct ? 'Correct.' : 'Not quite.');
    const latencyMs = latency();
    onProgress?.({
      type: 'quiz-answered',
      quiz,
      questionId: item.question.id,
      correct,
      answer: given,
      latencyMs,
    });
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
    setAnnouncement('');
    dispatch({ type: 'restart', opening: openAttempt(newSeed(), draw, pool, null) });
  };

  return (
    <section className="lq quiz" aria-labelledby="quiz-title">
      {props.breadcrumbs}
      <h1 id="quiz-title" ref={titleRef} tabIndex={-1}>
        {title}
      </h1>
      <ProgressMessages store={store} />
      {state.missing !== null ? (
        <p className="lq-notice" role="status">
          This quiz has no question “{state.missing}”, so here is question {state.index + 1} of{' '}
          {state.items.length}.
        </p>
      ) : null}
      {state.attempt === 1 && state.shown === 1 && !state.finished ? (
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
          answeredBefore={answeredBefore}
          result={result}
          focusOnMount={state.shown > 1 || state.attempt > 1}
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
