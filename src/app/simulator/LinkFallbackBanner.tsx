/**
 * What a link asked for that its revision cannot play (`reg=cimd&rev=2025-06-18`), and what the run
 * plays instead: said once, on arrival, so a learner following a link is not left wondering why the
 * picker shows something else. The reasons come from the revision data (simParams, profile.ts).
 */
import { useState } from 'react';

export function LinkFallbackBanner({ notes }: { notes: readonly string[] | undefined }) {
  const [shown, setShown] = useState(true);
  if (!shown || !notes || notes.length === 0) return null;
  return (
    <div className="banner banner--notice" role="status">
      <p>
        <strong>This link asked for something its revision does not have.</strong> {notes.join(' ')}
      </p>
      <button type="button" className="btn" onClick={() => setShown(false)}>
        Dismiss
      </button>
    </div>
  );
}
