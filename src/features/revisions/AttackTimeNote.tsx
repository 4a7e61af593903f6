/**
 * In the attack lab: which revision brought the defence (from the rule table), and a link to run
 * the attack under the revision before it, where the honest parties do not have the rule yet (mix-up
 * before 2026-07-28, say). Whether the attack then works is for the run to show.
 */
import type { AttackDef } from '../../sim/attacks/types';
import { defenceOf, unplayableIn } from '../../sim/revisions/attackHistory';
import { LATEST_REVISION, REVISIONS, previousRevision } from '../../sim/revisions/ids';
import type { Revision } from '../../sim/revisions/ids';
import { PlayerContext } from '../player/PlayerContext';
import { revisionOf } from './config';

function attackHref(attack: AttackDef, revision: Revision): string {
  const p = new URLSearchParams({ attack: attack.id, defence: 'on' });
  if (attack.variant && attack.variant !== attack.variants?.[0].id) p.set('variant', attack.variant);
  if (revision !== LATEST_REVISION) p.set('rev', revision);
  return `#/sim?${p.toString()}`;
}

export function AttackTimeNote({ attack }: { attack: AttackDef }) {
  const config = PlayerContext.useSelector((s) => s.context.config);
  const running = revisionOf(config);
  const { defence, ruleArrived } = defenceOf(attack);
  if (!ruleArrived) return null;
  const rules = defence.join(', ');
  const before = previousRevision(ruleArrived);
  const why = before ? unplayableIn(attack, before) : null;
  return (
    <p className="lab-time">
      {ruleArrived === REVISIONS[0] ? (
        <>
          The defence ({rules}) has been in the spec since its first authorization revision, {ruleArrived}.
        </>
      ) : (
        <>
          The defence ({rules}) arrived in {ruleArrived}.{' '}
          {before && !why ? (
            <a href={attackHref(attack, before)}>Run it under {before}, before the rule</a>
          ) : (
            <>
              Under {before} the attack cannot be played: {why}
            </>
          )}
        </>
      )}
      {running < ruleArrived && (
        <>
          {' '}
          This run follows {running}, whose honest parties do not have the rule yet: even with the defence on,
          nothing may stop the attacker.
        </>
      )}
    </p>
  );
}
