/**
 * The pill a mark puts on a message: "STOP · C-20" where a defence stopped the attack, "stolen"
 * where an artefact crossed to the attacker, "S-06" where a recorded message broke a rule.
 */
import { markPill, markText } from './marks';
import type { MessageMark } from './marks';

export const MARK_ICON: Record<MessageMark['kind'], string> = { stop: '⊘', stolen: '⚷', broken: '✕' };

export function MarkPill({ mark }: { mark: MessageMark }) {
  return (
    <span className={`mark-pill mark-pill--${mark.kind}`}>
      <span aria-hidden="true">
        {MARK_ICON[mark.kind]} {markPill(mark)}
      </span>
      <span className="visually-hidden"> ({markText(mark)})</span>
    </span>
  );
}
