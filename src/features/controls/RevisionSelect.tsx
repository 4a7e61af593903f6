/**
 * The spec revision of the run: a select beside the scenario and registration pickers. Changing it
 * restarts the run from its first message under that revision (the URL gains `rev=`); whatever the
 * revision cannot play is disabled in the other pickers, their labels say when it arrived. In a
 * mixed-era run (a `client=` link from the Time machine) a note names the client's revision.
 */
import { memo } from 'react';
import { LATEST_REVISION, REVISIONS, isRevision } from '../../sim/revisions/ids';
import { REVISION_INFO } from '../../sim/revisions/profile';
import { PlayerContext } from '../../run/player/PlayerContext';
import { useSend } from '../../run/player/hooks';
import { revisionOf, withRevision } from '../../run/revision/config';

const CLIENT_NOTE_ID = 'revision-client-note';

export const RevisionSelect = memo(function RevisionSelect() {
  const config = PlayerContext.useSelector((s) => s.context.config);
  const core = PlayerContext.useSelector((s) => s.context.core);
  const send = useSend();
  const revision = revisionOf(config);
  const { client } = config;
  return (
    <>
      <label className="field">
        <span className="field__label">Spec revision</span>
        <select
          value={revision}
          title={REVISION_INFO[revision].summary}
          aria-describedby={client ? CLIENT_NOTE_ID : undefined}
          onChange={(e) => {
            const value = e.target.value;
            if (isRevision(value))
              send({
                type: 'LOAD',
                config: withRevision(config, value, config.attack && core?.resolveAttack(config.attack)),
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
      {client && (
        <span id={CLIENT_NOTE_ID} className="field__note">
          Servers of {revision}, client{' '}
          {client === 'dual-era' ? 'dual-era (2026-07-28 and earlier)' : `of ${client}`}
        </span>
      )}
    </>
  );
});
