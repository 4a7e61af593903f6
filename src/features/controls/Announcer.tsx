/**
 * Tells screen-reader users what each step did (aria-live polite): the step's title and its
 * route, the consent page opening, the end of the run (with an attack's verdict), and one-off
 * notices (e.g. Next pressed while the browser window waits).
 */
import { outcomeHeadline } from '../../run/marks/marks';
import { usePanelView } from '../../run/player/PanelView';
import { PlayerContext } from '../../run/player/PlayerContext';
import { endTitle, eventSentence, stepText } from '../../run/trace/describe';
import { attackPlayable } from '../../run/revision/config';

export function Announcer() {
  // Spoken with the message list and the panels, a frame after the arrow (see PanelView).
  const view = usePanelView();
  const notice = PlayerContext.useSelector((s) => s.context.notice);
  const nudges = PlayerContext.useSelector((s) => s.context.nudges);
  const loading = PlayerContext.useSelector((s) => !s.matches('ready') && !s.matches('failed'));
  const playable = PlayerContext.useSelector((s) => attackPlayable(s.context.config, s.context.core));

  const last = view.trace.at(-1);
  let message: string;
  if (loading) message = '';
  else if (!last) message = 'Ready. No messages yet.';
  else if (view.consent)
    message = `Step ${last.seq + 1}: ${stepText(last).title}. The browser window shows the consent page: choose Approve or Deny.`;
  else if (view.finished)
    // An attack run ends with its verdict: who won, and where and by which rule the defence stopped it
    // (none under a revision that cannot play the attack: the lab says why).
    message = `Step ${last.seq + 1}: the flow has ended. ${
      !view.attack
        ? `${endTitle(view.trace)}.`
        : playable
          ? `${outcomeHeadline(view.attack)}. ${view.attack.evidence}`
          : 'This revision cannot play the attack: no verdict.'
    }`;
  else message = `Step ${last.seq + 1}: ${stepText(last).title}. ${eventSentence(last)}.`;
  // A repeated notice gets a non-breaking space every other time, so it changes and is spoken again.
  const text = notice ? `${notice}${nudges % 2 === 1 ? '\u00a0' : ''}` : message;

  return (
    <div
      className="visually-hidden"
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-testid="announcer"
    >
      {text}
    </div>
  );
}
