/**
 * Every attack of the registry as a card: its title, what the attacker tries, the party it targets
 * and the rules whose enforcement is the defence. Choosing one restarts the run as that attack.
 */
import { useEffect, useId, useRef } from 'react';
import type { AttackId } from '../../sim/attacks/ids';
import type { AttackDef } from '../../sim/attacks/types';
import { scrollWithin } from './scroll';
import { PARTIES } from '../../sim/parties';

function Card({
  attack,
  selected,
  onChoose,
}: {
  attack: AttackDef;
  selected: boolean;
  onChoose: () => void;
}) {
  const id = useId();
  return (
    <li>
      <button
        type="button"
        className={`lab-card${selected ? ' lab-card--selected' : ''}`}
        aria-pressed={selected}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-summary ${id}-meta`}
        onClick={onChoose}
        data-attack={attack.id}
      >
        <span id={`${id}-title`} className="lab-card__title">
          {attack.title}
        </span>
        <span id={`${id}-summary`} className="lab-card__summary">
          {attack.summary}
        </span>
        <span id={`${id}-meta`} className="lab-card__meta">
          <span className={`lab-target lab-target--${attack.target}`}>
            <span className="visually-hidden">Targets: </span>
            {PARTIES[attack.target].name}
          </span>
          <span className="lab-card__rules">
            <span className="visually-hidden">Rules: </span>
            {attack.rules.join(' · ')}
          </span>
          {attack.variants && <span className="lab-card__variants">{attack.variants.length} variants</span>}
          {selected && <span className="lab-card__current">Selected</span>}
        </span>
      </button>
    </li>
  );
}

interface Props {
  attacks: readonly AttackDef[];
  selected: AttackId | null;
  onChoose: (attack: AttackDef) => void;
}

export function AttackCatalogue({ attacks, selected, onChoose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  // Coming back to the list, the chosen attack is in view.
  useEffect(() => {
    const list = ref.current;
    scrollWithin(
      list?.closest('.lab__body') ?? null,
      list?.querySelector('.lab-card--selected') ?? null,
      'center',
    );
  }, []);
  return (
    <div className="lab__catalogue" ref={ref}>
      <p className="lab__intro">
        Each attack replays the victim&apos;s normal flow, then the attacker&apos;s moves, against real
        servers. Pick one, then switch its defence off and on to see who wins and why.
      </p>
      <h3 className="lab__section">
        Attacks <span className="panel__count">{attacks.length}</span>
      </h3>
      <ul className="lab__cards">
        {attacks.map((attack) => (
          <Card
            key={attack.id}
            attack={attack}
            selected={attack.id === selected}
            onChoose={() => onChoose(attack)}
          />
        ))}
      </ul>
    </div>
  );
}
