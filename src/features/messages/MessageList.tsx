/**
 * The diagram's text alternative: the same messages, the same selection. A listbox with a roving
 * tab stop: Up/Down (and Home/End inside the list) move the selection, which opens the message
 * in the inspector; Left/Right still step the flow (they bubble to the global shortcuts).
 */
import { memo, useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { onRovingKey } from '../../components/rovingKeys';
import type { TraceEvent } from '../../sim/trace/types';
import { markOf } from '../../run/marks/marks';
import type { MessageMark } from '../../run/marks/marks';
import { MarkPill } from '../../run/marks/MarkPill';
import { useAttackMarks } from '../../run/marks/useAttackMarks';
import { useSend } from '../../run/player/hooks';
import { usePanelSelectedSeq, usePanelTrace } from '../../run/player/PanelView';
import { PlayerContext } from '../../run/player/PlayerContext';
import type { PlayerEvent } from '../../run/player/playerMachine';
import { useMask } from '../../run/view/MaskContext';
import { eventTone, messageLabel, routeText, TONE_ICON, TONE_WORD } from '../../run/trace/describe';

interface RowProps {
  event: TraceEvent;
  selected: boolean;
  current: boolean;
  active: boolean;
  send: (event: PlayerEvent) => void;
  /** In an attack run: where the defence stopped it, or a stolen artefact. */
  mark: MessageMark | null;
}

// Memoized: on each step only the new row and the two whose state changed render again.
const MessageRow = memo(function MessageRow({ event, selected, current, active, send, mark }: RowProps) {
  const tone = eventTone(event);
  const mask = useMask();
  return (
    <div
      role="option"
      id={`message-${event.seq}`}
      data-seq={event.seq}
      aria-selected={selected}
      aria-current={current ? 'step' : undefined}
      tabIndex={active ? 0 : -1}
      className={`message message--${event.kind} message--tone-${tone}${selected ? ' message--selected' : ''}`}
      onClick={() => send({ type: 'SELECT', seq: event.seq })}
    >
      <span className="message__num">{event.seq + 1}</span>
      <span className="message__body">
        <span className="message__route">{routeText(event)}</span>
        <span className="message__label">
          {tone !== 'normal' && (
            <span className="message__flag">
              <span aria-hidden="true">{TONE_ICON[tone]} </span>
              <span className="visually-hidden">{TONE_WORD[tone]}: </span>
            </span>
          )}
          {mask(messageLabel(event))}
        </span>
        {mark && <MarkPill mark={mark} />}
      </span>
      {current && <span className="message__now">now</span>}
    </div>
  );
});

export function MessageList() {
  // As the side panels show it: a new row follows its arrow by one frame (see PanelView).
  const trace = usePanelTrace();
  const selected = usePanelSelectedSeq();
  const marks = useAttackMarks();
  const send = useSend();
  const listRef = useRef<HTMLDivElement>(null);
  // A recording has no current step ("now"), only messages.
  const recorded = PlayerContext.useSelector((s) => s.context.recorded !== null);
  const lastSeq = trace.at(-1)?.seq;
  // The roving tab stop: the selected message, else the newest (the first, in a recording).
  const active = selected ?? (recorded ? trace[0]?.seq : lastSeq) ?? null;

  // Keep the active option visible; if focus is in the list, move it along with the selection.
  useEffect(() => {
    const list = listRef.current;
    if (!list || active === null) return;
    const option = list.querySelector<HTMLElement>(`[data-seq="${active}"]`);
    if (!option) return;
    if (list.contains(document.activeElement) && document.activeElement !== option) option.focus();
    // Scrolling needs layout: do it in the next frame, with the layout the paint needs anyway,
    // instead of forcing an extra one in the middle of React's commit.
    const frame = requestAnimationFrame(() => {
      // Only the list scrolls: scrollIntoView would also move the page, and a course page around an embed.
      const box = list.getBoundingClientRect();
      const row = option.getBoundingClientRect();
      if (row.top < box.top) list.scrollTop -= box.top - row.top;
      else if (row.bottom > box.bottom) list.scrollTop += row.bottom - box.bottom;
    });
    return () => cancelAnimationFrame(frame);
  }, [active, trace.length]);

  // Home/End move within the list instead of resetting or finishing the run.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (active === null) return;
    onRovingKey(event, {
      index: trace.findIndex((e) => e.seq === active),
      count: trace.length,
      orientation: 'vertical',
      go: (to) => {
        const target = trace[to];
        if (!target) return;
        send({ type: 'SELECT', seq: target.seq });
        listRef.current?.querySelector<HTMLElement>(`[data-seq="${target.seq}"]`)?.focus();
      },
    });
  };

  return (
    <section className="panel messages" aria-labelledby="messages-title">
      <h2 id="messages-title" className="panel__title">
        Messages <span className="panel__count">{trace.length}</span>
      </h2>
      {trace.length === 0 ? (
        <p className="messages__empty">No messages yet. Press Next to send the first request.</p>
      ) : (
        <div
          ref={listRef}
          role="listbox"
          aria-labelledby="messages-title"
          className="messages__list"
          onKeyDown={onKeyDown}
        >
          {trace.map((event) => (
            <MessageRow
              key={event.seq}
              event={event}
              selected={event.seq === selected}
              current={!recorded && event.seq === lastSeq}
              active={event.seq === active}
              send={send}
              mark={markOf(marks, event.seq)}
            />
          ))}
        </div>
      )}
    </section>
  );
}
