/**
 * The attack lab panel (its own chunk, loaded when its tab first opens): the list of attacks, or
 * the chosen one with its switches and verdict. The attacks come from the registry in the lazily
 * loaded core (useCore), which the player has usually fetched already to run the flow.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { AttackDef } from '../../sim/attacks/types';
import { useCore } from '../../run/core/useCore';
import { PlayerContext } from '../../run/player/PlayerContext';
import { AttackCatalogue } from './AttackCatalogue';
import { AttackDetail } from './AttackDetail';
import type { Lab } from './labState';
import { useLabActions } from './useLabActions';
import './lab.css';

interface Props {
  lab: Lab;
  onShowMessage: (seq: number) => void;
}

export default function AttackLab({ lab, onShowMessage }: Props) {
  const id = useId();
  const { core } = useCore();
  const running = PlayerContext.useSelector((s) => s.context.config.attack ?? null);
  const actions = useLabActions(lab);
  // Where focus goes when the view swaps under it (the pressed button disappears with the old view).
  const [focus, setFocus] = useState<'detail' | 'catalogue' | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const selectedId = running?.id ?? lab.picked;
  // The running attack's variant, or the one the lab remembers for the next run.
  const variant = running ? running.variant : lab.variant;
  const attack: AttackDef | null =
    core && selectedId ? core.resolveAttack({ id: selectedId, variant }) : null;
  const browsing = !attack || lab.browsing;

  useEffect(() => {
    if (focus === 'catalogue' && browsing) listHeading.current?.focus();
  }, [focus, browsing]);

  return (
    <section className="panel lab" aria-labelledby={`${id}-title`}>
      <header className="lab__head">
        <h2 id={`${id}-title`} ref={listHeading} tabIndex={-1} className="panel__title lab__heading">
          Attack lab
        </h2>
        {attack && (
          <button
            type="button"
            className="btn btn--sm btn--ghost"
            onClick={() => {
              lab.setBrowsing(!lab.browsing);
              setFocus(lab.browsing ? 'detail' : 'catalogue');
            }}
          >
            {lab.browsing ? 'Back to the chosen attack' : 'All attacks'}
          </button>
        )}
      </header>
      <div className="lab__body">
        {!core ? (
          <p className="lab__intro">Loading the attacks…</p>
        ) : attack && !lab.browsing ? (
          <AttackDetail
            key={attack.id}
            attack={attack}
            lab={lab}
            core={core}
            actions={actions}
            autoFocus={focus === 'detail'}
            onShowMessage={onShowMessage}
          />
        ) : (
          <AttackCatalogue
            attacks={core.ATTACK_LIST}
            selected={selectedId}
            onChoose={(chosen) => {
              actions.choose(chosen);
              setFocus('detail');
            }}
          />
        )}
      </div>
    </section>
  );
}
