/**
 * The spec revision of the run: a select beside the scenario and registration pickers. Changing it
 * restarts the run from its first message under that revision (the URL gains `rev=`); whatever the
 * revision cannot play is disabled in the other pickers, and this note says why.
 */
import { memo } from 'react';
import { LATEST_REVISION, REVISIONS, isRevision } from '../../sim/revisions/ids';
import { REVISION_INFO } from '../../sim/revisions/profile';
import { PlayerContext } from '../player/PlayerContext';
import { useSend } from '../player/hooks';
import { revisionNote, revisionOf, withRevision } from './config';

export const REVISION_NOTE_ID = 'revision-note';

export const RevisionSelect = memo(function RevisionSelect() {
  const config = PlayerContext.useSelector((s) => s.context.config);
  const send = useSend();
  const revision = revisionOf(config);
  const note = revisionNote(config);
  return (
    <>
      <label className="field">
        <span className="field__label">Spec revision</span>
        <select
          value={revision}
          title={REVISION_INFO[revision].summary}
          aria-describedby={note ? REVISION_NOTE_ID : undefined}
          onChange={(e) => {
            const value = e.target.value;
            if (isRevision(value))
              send({
                type: 'LOAD',
                config: withRevision(config, value),
                target: { kind: 'count', count: 0 },
              });
          }}
        >
          {REVISIONS.map((id) => (
            <option key={id} value={id}>
              {id}
              {id === LATEST_REVISION ? ' (latest)' : ''}
            </option>
          ))}
        </select>
      </label>
      {config.client && (
        <span className="field__note">
          Client: {config.client === 'dual-era' ? 'dual-era (2026-07-28 and earlier)' : config.client}
        </span>
      )}
      {note && (
        <span id={REVISION_NOTE_ID} className="field__note">
          {note}
        </span>
      )}
    </>
  );
});
