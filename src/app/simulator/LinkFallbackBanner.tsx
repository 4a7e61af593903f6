/**
 * What a link asked for that this run cannot show, said once on arrival so a learner following a
 * link is not left wondering why the simulator shows something else:
 *
 * - what its revision cannot play (`reg=cimd&rev=2025-06-18`), and what the run plays instead (the
 *   reasons come from the revision data: simParams, profile.ts);
 * - a step (`at=`) the run never reaches, such as the browser's consent in a machine-to-machine run:
 *   the player found that out by playing the run (run/player/positioning.ts), and starts afresh.
 *
 * Visible until dismissed, and spoken once (role="status"); a new position the run reaches clears the
 * second.
 */
import { useState } from 'react';
import { PlayerContext } from '../../run/player/PlayerContext';

export function LinkFallbackBanner({ notes }: { notes: readonly string[] | undefined }) {
  const [shown, setShown] = useState(true);
  const positionNotice = PlayerContext.useSelector((s) => s.context.positionNotice);
  const [dismissedNotice, setDismissedNotice] = useState<string | null>(null);
  const revisionNotes = shown && notes && notes.length > 0 ? notes : [];
  const stepNote = positionNotice !== null && positionNotice !== dismissedNotice ? positionNotice : null;
  if (revisionNotes.length === 0 && stepNote === null) return null;
  const dismiss = () => {
    setShown(false);
    setDismissedNotice(positionNotice);
  };
  return (
    <div className="banner banner--notice" role="status">
      {revisionNotes.length > 0 && (
        <p>
          <strong>This link asked for something its revision does not have.</strong> {revisionNotes.join(' ')}
        </p>
      )}
      {stepNote !== null && (
        <p>
          <strong>This link asked for a step this run does not have.</strong> {stepNote}
        </p>
      )}
      <button type="button" className="btn" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
