/** The pill an attack mark puts on a message: "STOP · C-20" where a defence stopped the attack, "stolen" where an artefact crossed to the attacker. */
import { markPill, markText } from './marks';
import type { MessageMark } from './marks';

export function MarkPill({ mark }: { mark: MessageMark }) {
  return (
    <span className={`mark-pill mark-pill--${mark.kind}`}>
      <span aria-hidden="true">
        {mark.kind === 'stop' ? '⊘' : '⚷'} {markPill(mark)}
      </span>
      <span className="visually-hidden"> ({markText(mark)})</span>
    </span>
  );
}
