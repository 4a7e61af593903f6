/**
 * The side column's keys, for a speaker who should not have to leave presenter mode to show a token
 * or flip a defence (issue 16): I the inspector, A the attack lab, D the defence of the attack that
 * runs (the run restarts with the other defence, as the lab's switch does). Like the other
 * one-character keys: never while typing, never with Ctrl/Alt/Cmd, and off with the help dialog's
 * switch (WCAG 2.1.4).
 */
import { useCallback, useEffect, useState } from 'react';
import { characterShortcutsOn } from '../../features/help/shortcuts';
import type { SideRequest } from '../../features/attacks/SidePanels';
import { PlayerContext } from '../../run/player/PlayerContext';
import { inFormControl } from '../viewbar/useViewShortcuts';

export type SideKey = 'inspector' | 'lab' | 'defence';

const KEYS: Record<string, SideKey> = { i: 'inspector', a: 'lab', d: 'defence' };

/** The key's action, with the same guards as the view keys (no form control, no modifier). */
export function sideKeyFor(event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'target'>) {
  if (event.altKey || event.ctrlKey || event.metaKey || inFormControl(event.target)) return null;
  return event.key.length === 1 ? (KEYS[event.key.toLowerCase()] ?? null) : null;
}

export interface SideState {
  /** Presenter mode: the side column shows the inspector (large type) instead of the explanation. */
  inspecting: boolean;
  /** The last panel asked for by a key, for SidePanels. */
  request: SideRequest | null;
}

export function useSideShortcuts(present: boolean): SideState {
  const actor = PlayerContext.useActorRef();
  const [inspecting, setInspecting] = useState(false);
  const [request, setRequest] = useState<SideRequest | null>(null);
  const ask = useCallback(
    (panel: SideRequest['panel']) => setRequest((r) => ({ panel, n: (r?.n ?? 0) + 1 })),
    [],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !characterShortcutsOn()) return;
      const key = sideKeyFor(event);
      if (!key) return;
      event.preventDefault();
      if (key === 'lab') return ask('toggle-lab');
      if (key === 'inspector') {
        ask('step');
        if (present) setInspecting((on) => !on);
        else
          requestAnimationFrame(() =>
            document.querySelector('.inspector')?.scrollIntoView({ block: 'nearest' }),
          );
        return;
      }
      // D: the other defence, for the attack that runs (nothing to flip without one).
      const { config } = actor.getSnapshot().context;
      if (!config.attack) return;
      const defence = config.attack.defence === 'on' ? 'off' : 'on';
      actor.send({
        type: 'LOAD',
        config: { ...config, attack: { ...config.attack, defence } },
        target: { kind: 'count', count: 0 },
      });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actor, ask, present]);

  // Leaving presenter mode leaves the normal side column (and it starts there next time).
  useEffect(() => (present ? () => setInspecting(false) : undefined), [present]);
  return { inspecting: present && inspecting, request };
}
