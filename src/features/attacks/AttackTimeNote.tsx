/**
 * In the attack lab: which revision brought the defence (from the rule table), and a link to run
 * the attack under the revision before it, where the honest parties do not have the rule yet (mix-up
 * before 2026-07-28, say). Under an older revision than the rule it says so; where the run's revision
 * cannot play the attack at all, it says why and offers the first revision that can.
 */
import type { AttackDef } from '../../sim/attacks/types';
import { REVISIONS } from '../../sim/revisions/ids';
import type { Revision } from '../../sim/revisions/ids';
import { attackHref, attackTime } from '../../run/revision/attackTime';

export function AttackTimeNote({ attack, running }: { attack: AttackDef; running: Revision }) {
  const time = attackTime(attack, running);
  const { arrived, before, unplayable } = time;
  const rules = time.defence.join(', ');
  if (unplayable)
    return (
      <p className="lab-time lab-time--warn" role="note">
        Under {running} this attack cannot be played: {unplayable.why}{' '}
        {unplayable.from && <a href={attackHref(attack, unplayable.from)}>Run it under {unplayable.from}</a>}
      </p>
    );
  if (!arrived) return null;
  if (arrived === REVISIONS[0])
    return (
      <p className="lab-time">
        The defence ({rules}) has been in the spec since its first authorization revision, {arrived}.
      </p>
    );
  return (
    <p className="lab-time">
      The defence ({rules}) arrived in {arrived}.{' '}
      {time.beforeRule ? (
        <>
          This run follows {running}, before the rule: its honest parties do not enforce it, whatever the
          defence switch says. <a href={attackHref(attack, arrived)}>Run it under {arrived}</a>
        </>
      ) : before && !before.why ? (
        <a href={attackHref(attack, before.revision)}>Run it under {before.revision}, before the rule</a>
      ) : (
        before && (
          <>
            Under {before.revision} it cannot be played: {before.why}
          </>
        )
      )}
    </p>
  );
}
