/**
 * A modal dialog (WAI-ARIA dialog pattern): focus moves to its title when it opens, Tab and
 * Shift+Tab stay inside, Escape or the close button closes it, and focus returns to what opened
 * it. Keys pressed inside never reach the page's shortcuts (an arrow key in the help must not step
 * the flow behind it). Rendered in place, not in a portal, so React's stopPropagation holds.
 */
import { useId, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useFocusTrap } from './useFocusTrap';
import './dialog.css';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Extra class for sizing (e.g. "dialog--wide"). */
  className?: string;
  /** Where focus goes on close if the opener is gone. */
  fallbackFocus?: () => HTMLElement | null;
}

export function Dialog({ title, onClose, children, className, fallbackFocus }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  useFocusTrap(ref, heading, fallbackFocus);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
    // Tab is the focus trap's (it listens on the dialog itself); everything else stays here.
    event.stopPropagation();
  };

  return (
    <div
      className="dialog-layer"
      onKeyDown={onKeyDown}
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className={`dialog${className ? ` ${className}` : ''}`}
      >
        <div className="dialog__head">
          <h2 id={titleId} ref={heading} tabIndex={-1} className="dialog__title">
            {title}
          </h2>
          <button type="button" className="btn btn--ghost dialog__close" onClick={onClose} aria-label="Close">
            <span aria-hidden="true">✕</span>
          </button>
        </div>
        <div className="dialog__body">{children}</div>
      </div>
    </div>
  );
}
