/**
 * The variants of one attack (docs/reference §5 lists several for some: who skips the rule, a downgrade, a
 * companion toggle), as a radio group. Choosing one restarts the run when the attack is on.
 */
import { useId } from 'react';
import type { AttackVariant } from '../../sim/attacks/types';

interface Props {
  variants: readonly AttackVariant[];
  current: string | undefined;
  onChoose: (variant: string) => void;
}

export function VariantChooser({ variants, current, onChoose }: Props) {
  const name = useId();
  const chosen = current ?? variants[0]?.id;
  return (
    <fieldset className="lab__variants">
      <legend className="lab__label">Variant</legend>
      {variants.map((v) => (
        <label key={v.id} className="lab-variant">
          <input
            type="radio"
            name={name}
            value={v.id}
            checked={v.id === chosen}
            onChange={() => onChoose(v.id)}
          />
          <span>{v.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
