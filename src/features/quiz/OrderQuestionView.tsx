/**
 * "Put these steps in order": a numbered list the learner rearranges with Move up / Move down
 * buttons (no drag and drop, so it works the same with a keyboard, a switch or a screen reader).
 * Focus follows the moved item, and each move is announced.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { move, type Answer, type AttemptItem, type Result } from './attempt';

interface OrderQuestionViewProps {
  item: Extract<AttemptItem, { kind: 'order' }>;
  result: Result | undefined;
  onAnswer: (answer: Answer) => void;
  announce: (message: string) => void;
}

type Direction = 'up' | 'down';

export function OrderQuestionView({ item, result, onAnswer, announce }: OrderQuestionViewProps) {
  const { question } = item;
  const [arrangement, setArrangement] = useState<number[]>(item.start);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const focusAfterMove = useRef<string | null>(null);
  const hintId = useId();
  const answered = result !== undefined;
  // Once checked, the checked arrangement is what is shown.
  const shown = result?.answer.kind === 'order' ? result.answer.arrangement : arrangement;
  const count = shown.length;

  useEffect(() => {
    const key = focusAfterMove.current;
    focusAfterMove.current = null;
    if (key !== null) buttons.current.get(key)?.focus();
  }, [arrangement]);

  const moveItem = (position: number, direction: Direction): void => {
    const to = direction === 'up' ? position - 1 : position + 1;
    const itemIndex = arrangement[position];
    if (itemIndex === undefined || to < 0 || to >= count) return;
    // Keep focus on the same button of the item that moved.
    focusAfterMove.current = `${itemIndex}:${direction}`;
    setArrangement(move(arrangement, position, to - position));
    announce(`Moved “${question.items[itemIndex] ?? ''}” to position ${to + 1} of ${count}.`);
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onAnswer({ kind: 'order', arrangement });
  };

  const setButton = (key: string) => (element: HTMLButtonElement | null) => {
    if (element) buttons.current.set(key, element);
    else buttons.current.delete(key);
  };

  return (
    <form onSubmit={submit} className="quiz-form">
      <fieldset disabled={answered} aria-describedby={hintId}>
        <legend className="quiz-prompt">{question.prompt}</legend>
        <p id={hintId} className="quiz-hint">
          Use the Move up and Move down buttons to put the items in order, first at the top.
        </p>
        <ol className="quiz-order">
          {shown.map((itemIndex, position) => {
            const text = question.items[itemIndex] ?? '';
            const inPlace = itemIndex === position;
            return (
              <li
                key={itemIndex}
                className={`quiz-order__item${answered ? (inPlace ? ' quiz-order__item--right' : ' quiz-order__item--wrong') : ''}`}
              >
                <span className="quiz-order__text">{text}</span>
                {answered ? (
                  <span className="quiz-order__mark">
                    {inPlace ? '✓ in the right place' : `✗ belongs at position ${itemIndex + 1}`}
                  </span>
                ) : (
                  <span className="quiz-order__buttons">
                    <button
                      type="button"
                      ref={setButton(`${itemIndex}:up`)}
                      className="lq-button lq-button--secondary"
                      aria-label={`Move up: ${text}`}
                      aria-disabled={position === 0}
                      onClick={() => moveItem(position, 'up')}
                    >
                      <span aria-hidden="true">↑</span> Move up
                    </button>
                    <button
                      type="button"
                      ref={setButton(`${itemIndex}:down`)}
                      className="lq-button lq-button--secondary"
                      aria-label={`Move down: ${text}`}
                      aria-disabled={position === count - 1}
                      onClick={() => moveItem(position, 'down')}
                    >
                      <span aria-hidden="true">↓</span> Move down
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </fieldset>
      {answered ? null : (
        <button type="submit" className="lq-button">
          Check order
        </button>
      )}
    </form>
  );
}
