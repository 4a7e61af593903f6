/**
 * The side column's state: which panel shows (the step and inspector, or the attack lab), the
 * attack picked in the lab and the defence preferred for it. The run itself (config.attack) stays
 * the player's: these are only what the lab remembers while the attack switch is off.
 */
import { useState } from 'react';
import type { AttackId } from '../../sim/attacks/ids';
import type { Defence } from './labConfig';

export type SideTab = 'step' | 'lab';

export interface Lab {
  tab: SideTab;
  /** The attack chosen in the lab; the run's own attack, when there is one, takes precedence. */
  picked: AttackId | null;
  /** The defence for the next attack run while the attack switch is off. */
  defence: Defence;
  /** True while the learner browses the list of attacks instead of the chosen one. */
  browsing: boolean;
  setTab: (tab: SideTab) => void;
  pick: (id: AttackId) => void;
  setDefence: (defence: Defence) => void;
  setBrowsing: (browsing: boolean) => void;
}

export interface LabStart {
  tab: SideTab;
  picked: AttackId | null;
  defence: Defence;
}

export function useLab(start: () => LabStart): Lab {
  const [initial] = useState(start);
  const [tab, setTab] = useState<SideTab>(initial.tab);
  const [picked, setPicked] = useState<AttackId | null>(initial.picked);
  const [defence, setDefence] = useState<Defence>(initial.defence);
  const [browsing, setBrowsing] = useState(false);
  return {
    tab,
    picked,
    defence,
    browsing,
    setTab,
    pick: (id) => {
      setPicked(id);
      setBrowsing(false);
    },
    setDefence,
    setBrowsing,
  };
}
