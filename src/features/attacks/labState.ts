/**
 * The side column's state: which panel shows (the step and inspector, or the attack lab), the
 * attack picked in the lab and the defence preferred for it. The run itself (config.attack) stays
 * the player's: these are only what the lab remembers while the attack switch is off.
 */
import { useState } from 'react';
import type { AttackId } from '../../sim/attacks/ids';
import type { RunConfig } from '../../sim/flow/simulation';
import type { Defence } from './labConfig';

export type SideTab = 'step' | 'lab';

export interface Lab {
  tab: SideTab;
  /** The attack chosen in the lab; the run's own attack, when there is one, takes precedence. */
  picked: AttackId | null;
  /** The defence for the next attack run while the attack switch is off. */
  defence: Defence;
  /** The variant of the picked attack for the next run while the attack switch is off (default: the first). */
  variant: string | undefined;
  /** True while the learner browses the list of attacks instead of the chosen one. */
  browsing: boolean;
  /**
   * What choosing the attack changed in the learner's run: an attack plays its victim's own flow,
   * so the lab says which of the learner's choices it replaced (null when none).
   */
  replaced: Replaced | null;
  setReplaced: (replaced: Replaced | null) => void;
  setTab: (tab: SideTab) => void;
  setVariant: (variant: string | undefined) => void;
  pick: (id: AttackId) => void;
  setDefence: (defence: Defence) => void;
  setBrowsing: (browsing: boolean) => void;
}

/** The learner's scenario and registration before an attack replaced them (only those it changed). */
export type Replaced = Partial<Pick<RunConfig, 'scenario' | 'registration'>>;

export interface LabStart {
  tab: SideTab;
  picked: AttackId | null;
  defence: Defence;
  variant?: string | undefined;
}

export function useLab(start: () => LabStart): Lab {
  const [initial] = useState(start);
  const [tab, setTab] = useState<SideTab>(initial.tab);
  const [picked, setPicked] = useState<AttackId | null>(initial.picked);
  const [defence, setDefence] = useState<Defence>(initial.defence);
  const [variant, setVariant] = useState<string | undefined>(initial.variant);
  const [browsing, setBrowsing] = useState(false);
  const [replaced, setReplaced] = useState<Replaced | null>(null);
  return {
    tab,
    picked,
    defence,
    variant,
    browsing,
    replaced,
    setReplaced,
    setTab,
    setVariant,
    pick: (id) => {
      // Another attack starts at its default variant.
      if (id !== picked) setVariant(undefined);
      setPicked(id);
      setBrowsing(false);
    },
    setDefence,
    setBrowsing,
  };
}
