/**
 * Predict, then see: before Next shows a message, a question about it (src/sim/predict), generated
 * from the run and judged against the message itself. Choosing an answer (a click, or 1-4 while the
 * card has focus) tells at once whether it was right and shows the message; Next (→) goes on without
 * answering. Once the message is on screen, the card says what it was and the rule that decided it.
 * At the end of the run, the score per phase, kept in the progress store (evidence per rule) and
 * posted to an embedding page.
 *
 * For an audience (presenter mode, autoplay) nobody answers: the question and its options are shown,
 * the speaker reveals the message with Next, and the card then marks the right option.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { InlineCode } from '../../components/InlineCode';
import type { OnProgress } from '../../course/progress';
import { getProgressStore } from '../../course/useProgress';
import { usePanelTrace } from '../../run/player/PanelView';
import { PlayerContext } from '../../run/player/PlayerContext';
import { useRun, useSend } from '../../run/player/hooks';
import { useViewOptions } from '../../run/view/ViewContext';
import { predictionFor, rightOption } from '../../sim/predict/questions';
import type { Prediction } from '../../sim/predict/questions';
import { RULES } from '../../sim/rules';
import type { TraceEvent } from '../../sim/trace/types';
import { phaseLabel, scoreOf } from './score';
import type { Answered, Answers } from './score';
import { useNextMessage } from './useNextMessage';
import './predict.css';

interface PredictPanelProps {
  onProgress?: OnProgress | undefined;
}

const KEYS = ['1', '2', '3', '4'];

function Revealed({ answered, message }: { answered: Answered; message: TraceEvent }) {
  const { prediction, chosen } = answered;
  const right = rightOption(prediction, message);
  const rule = message.rule ?? prediction.rules[0];
  const verdict = chosen === null ? 'skipped' : answered.correct ? 'right' : 'wrong';
  return (
    <div className={`predict__revealed predict__revealed--${verdict}`}>
      <p className="predict__verdict">
        <strong>
          {verdict === 'right' ? '✓ Right.' : verdict === 'wrong' ? '✗ Not quite.' : 'The answer:'}
        </strong>{' '}
        {prediction.prompt} <span className="predict__answer">{right?.text}</span>
      </p>
      {rule ? (
        <p className="predict__rule">
          Decided by <strong>{rule}</strong> ({RULES[rule].level}): <InlineCode text={RULES[rule].text} />
        </p>
      ) : null}
      {prediction.note ? <p className="predict__note">{prediction.note}</p> : null}
    </div>
  );
}

export default function PredictPanel({ onProgress }: PredictPanelProps) {
  const { view } = useViewOptions();
  const autoplay = PlayerContext.useSelector((s) => s.context.autoplay);
  const config = PlayerContext.useSelector((s) => s.context.config);
  const finished = useRun((s) => s?.matches('finished') === true);
  const settled = PlayerContext.useSelector((s) => s.matches('ready'));
  const audience = view.present || autoplay;
  const send = useSend();
  const source = useNextMessage();
  const trace = usePanelTrace();
  const [chosen, setChosen] = useState<Answers>({});
  const [asked, setAsked] = useState<Readonly<Record<number, Prediction>>>({});
  // Bumped at each Reset: the score of each round through the run is reported once.
  const [round, setRound] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const card = useRef<HTMLElement>(null);
  const reported = useRef<number | null>(null);

  const prediction = useMemo(
    () => (source ? predictionFor(source.shown, source.next, config.seed) : null),
    [source, config.seed],
  );

  // State adjusted while rendering (React's pattern for state that follows other state, without the
  // extra render an effect costs). A Reset starts the run over: so do the answers.
  const [shownBefore, setShownBefore] = useState(trace.length);
  if (trace.length !== shownBefore) {
    setShownBefore(trace.length);
    if (trace.length === 0) {
      setChosen({});
      setAsked({});
      setRound(round + 1);
    }
  }
  // Every question shown is remembered, so one left unanswered counts as skipped once revealed; not
  // while a link positions the run (the learner never saw those questions).
  if (prediction && !audience && settled && asked[prediction.position] !== prediction)
    setAsked({ ...asked, [prediction.position]: prediction });

  const answers = useMemo<Answers>(() => {
    const all: Record<number, Answered> = { ...chosen };
    for (const p of Object.values(asked))
      if (p.position < trace.length && all[p.position] === undefined)
        all[p.position] = { prediction: p, chosen: null, correct: false };
    return all;
  }, [chosen, asked, trace.length]);
  const open = prediction && answers[prediction.position] === undefined ? prediction : null;

  // On arrival (the switch, or a link with predict=1) and at each new question, the card takes focus
  // when nothing else holds it (or Next does, where the consent window returns it), so 1-4 answer
  // at once; the step keys work from the card as from anywhere else.
  const openId = open?.id;
  useEffect(() => {
    if (openId === undefined && card.current?.contains(document.activeElement)) return;
    const active = document.activeElement;
    if (
      !active ||
      active === document.body ||
      active.closest('[data-predict-switch], [data-testid="next"]') ||
      card.current?.contains(active)
    )
      card.current?.focus();
  }, [openId]);

  const choose = (index: number) => {
    if (!open || !source || audience) return;
    const option = open.options[index];
    if (!option) return;
    const correct = rightOption(open, source.next)?.id === option.id;
    setChosen((before) => ({
      ...before,
      [open.position]: { prediction: open, chosen: option.id, correct },
    }));
    getProgressStore().recordPrediction(open.rules, correct);
    setAnnouncement(correct ? 'Right.' : `Not quite: ${rightOption(open, source.next)?.text ?? ''}.`);
    card.current?.focus();
    send({ type: 'NEXT' });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const index = KEYS.indexOf(event.key);
    if (index === -1 || !open || audience) return;
    event.preventDefault();
    choose(index);
  };

  const score = useMemo(() => scoreOf(answers), [answers]);
  useEffect(() => {
    if (!finished || audience || reported.current === round || score.total + score.skipped === 0) return;
    reported.current = round;
    onProgress?.({
      type: 'prediction-scored',
      run: {
        scenario: config.scenario,
        registration: config.registration,
        seed: config.seed,
        attack: config.attack ? { id: config.attack.id, defence: config.attack.defence } : null,
      },
      ...score,
    });
  }, [finished, audience, score, config, onProgress, round]);

  const last = trace.at(-1);
  const lastAnswered = last ? answers[last.seq] : undefined;
  // For an audience, the answer to the message just revealed, next to the question about the next one.
  const revealedAudience = audience && last ? predictionFor(trace.slice(0, -1), last, config.seed) : null;

  return (
    <section
      ref={card}
      tabIndex={-1}
      className={`panel predict${audience ? ' predict--audience' : ''}`}
      aria-labelledby="predict-title"
      onKeyDown={onKeyDown}
      data-testid="predict"
    >
      <h2 id="predict-title" className="predict__title">
        Predict, then see
        {!audience && score.total > 0 ? (
          <span className="predict__tally">
            {score.correct} of {score.total} right{score.skipped > 0 ? ` · ${score.skipped} skipped` : ''}
          </span>
        ) : null}
      </h2>

      {lastAnswered && last ? <Revealed answered={lastAnswered} message={last} /> : null}
      {revealedAudience && last ? (
        <Revealed answered={{ prediction: revealedAudience, chosen: null, correct: false }} message={last} />
      ) : null}

      {open ? (
        <div className="predict__question">
          <p className="predict__prompt" id="predict-prompt">
            <span className="predict__phase">
              {phaseLabel(open.phase)} · message {open.position + 1}
            </span>{' '}
            {open.prompt}
          </p>
          {audience ? (
            <ol className="predict__options predict__options--list" type="A">
              {open.options.map((option) => (
                <li key={option.id}>{option.text}</li>
              ))}
            </ol>
          ) : (
            <div className="predict__options" role="group" aria-labelledby="predict-prompt">
              {open.options.map((option, i) => (
                <button
                  key={`${open.id}-${option.id}`}
                  type="button"
                  className="btn predict__option"
                  aria-keyshortcuts={KEYS[i]}
                  onClick={() => choose(i)}
                >
                  <kbd aria-hidden="true">{KEYS[i]}</kbd> {option.text}
                </button>
              ))}
            </div>
          )}
          <p className="predict__hint">
            {audience
              ? 'Ask the room, then reveal with Next (→).'
              : `Press 1–${open.options.length} to answer, or Next (→) to skip and see it.`}
          </p>
        </div>
      ) : finished ? (
        <div className="predict__end">
          {audience || score.total + score.skipped === 0 ? (
            <p>The run has ended.</p>
          ) : (
            <>
              <p>
                <strong>
                  Your predictions: {score.correct} of {score.total} right
                </strong>
                {score.skipped > 0 ? `, ${score.skipped} skipped` : ''}.
                {score.total === 0 ? ' Answer with 1–4 next time: a skipped question is not scored.' : ''}
              </p>
              <ul className="predict__phases" aria-label="Score per phase">
                {score.phases.map((p) => (
                  <li key={p.phase}>
                    {phaseLabel(p.phase)}: {p.correct} of {p.total}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : !lastAnswered && !revealedAudience ? (
        <p className="predict__wait">The next question appears when the next message is ready.</p>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}
