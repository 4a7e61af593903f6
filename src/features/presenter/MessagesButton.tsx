/**
 * Presenter mode keeps the message list, the diagram's text alternative (WCAG 1.1.1), in the page
 * and in the tab order, but out of the projector's picture: presenter.css clips it away until focus
 * is inside it, then shows it as a drawer over the diagram. This button opens the drawer by moving
 * focus to the list's current message; Escape in the drawer gives focus back to the button, which
 * closes it.
 */
import { useEffect, useRef } from 'react';
import { useRun } from '../../run/player/hooks';

/** The list's roving tab stop (the selected message, else the newest). */
const LIST_STOP = '.sim__list [role="option"][tabindex="0"]';

export function MessagesButton() {
  const count = useRun((s) => s?.context.trace.length ?? 0);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      if (!target?.closest('.sim__list')) return;
      event.preventDefault();
      button.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const open = () => document.querySelector<HTMLElement>(LIST_STOP)?.focus();
  return (
    <button ref={button} type="button" className="btn" onClick={open} aria-disabled={count === 0}>
      Messages <span className="viewbar__count">{count}</span>
    </button>
  );
}
