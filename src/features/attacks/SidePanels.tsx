/**
 * The side column as two panels behind tabs: the step (explainer and inspector) and the attack lab.
 * The lab's code is a separate chunk, fetched the first time its tab opens; the tabs and the
 * attack marks are small enough for the first paint. The verdict is announced by the Announcer.
 */
import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { onRovingKey } from '../../components/rovingKeys';
import { PlayerContext } from '../../run/player/PlayerContext';
import { useRun, useSend } from '../../run/player/hooks';
import { viewOf } from '../../run/player/runView';
import { attackPlayable } from '../../run/revision/config';
import { useLab } from './labState';
import type { Lab, SideTab } from './labState';
import { SIDE_TABS, SideTabList, SideTabPanel, sideTabId } from './SideTabs';

const AttackLab = lazy(() => import('./AttackLab'));

/** A word on the lab's tab while an attack is on: its state, so the outcome is visible from the other panel. */
function LabBadge() {
  const attack = PlayerContext.useSelector((s) => s.context.config.attack);
  const report = useRun((s) => viewOf(s).attack);
  const playable = PlayerContext.useSelector((s) => attackPlayable(s.context.config, s.context.core));
  if (!attack) return null;
  // Under a revision that cannot play the attack the run has no verdict (the lab says why).
  const state = report && playable ? (report.attackerWon ? 'succeeded' : 'stopped') : 'on';
  return (
    <span className={`side-tabs__badge side-tabs__badge--${state}`}>
      <span className="visually-hidden">, attack </span>
      {state}
    </span>
  );
}

function useSideLab(): Lab {
  const actor = PlayerContext.useActorRef();
  return useLab(() => {
    const { config, target } = actor.getSnapshot().context;
    // Arriving on a fresh attack run (a lesson's "try it" link), the lab explains what is about to
    // happen; a link to one step of it shows that step instead.
    const fresh = target.kind === 'count' && target.count === 0;
    return {
      tab: config.attack && fresh ? 'lab' : 'step',
      picked: config.attack?.id ?? null,
      defence: config.attack?.defence ?? 'off',
      variant: config.attack?.variant,
    };
  });
}

/** A panel asked for from outside (the I and A keys): `n` counts the asks, so the same ask twice is two. */
export interface SideRequest {
  panel: SideTab | 'toggle-lab';
  n: number;
}

export function SidePanels({
  children,
  request = null,
}: {
  children: ReactNode;
  request?: SideRequest | null;
}) {
  const base = useId();
  const send = useSend();
  const lab = useSideLab();
  const { tab, setTab } = lab;
  // The lab mounts the first time it is shown and stays mounted (hidden) after that.
  const [labMounted, setLabMounted] = useState(tab === 'lab');
  const show = useCallback(
    (next: SideTab) => {
      if (next === 'lab') setLabMounted(true);
      setTab(next);
    },
    [setTab],
  );

  const answered = useRef(0);
  useEffect(() => {
    if (!request || request.n === answered.current) return;
    answered.current = request.n;
    show(request.panel === 'toggle-lab' ? (tab === 'lab' ? 'step' : 'lab') : request.panel);
  }, [request, tab, show]);

  const onKeyDown = (event: KeyboardEvent) =>
    onRovingKey(event, {
      index: SIDE_TABS.findIndex((t) => t.id === tab),
      count: SIDE_TABS.length,
      orientation: 'horizontal',
      go: (to) => {
        const next = SIDE_TABS[to];
        if (!next) return;
        show(next.id);
        document.getElementById(sideTabId(base, next.id))?.focus();
      },
    });

  const showMessage = useCallback(
    (seq: number) => {
      send({ type: 'SELECT', seq });
      show('step');
      // The message list is the diagram's text version: focus lands on the message, the inspector shows it.
      requestAnimationFrame(() => document.getElementById(`message-${seq}`)?.focus());
    },
    [send, show],
  );

  return (
    <>
      <SideTabList base={base} tab={tab} onSelect={show} onKeyDown={onKeyDown} labBadge={<LabBadge />} />
      <SideTabPanel base={base} tab="step" shown={tab === 'step'}>
        {children}
      </SideTabPanel>
      <SideTabPanel base={base} tab="lab" shown={tab === 'lab'}>
        {labMounted && (
          <Suspense fallback={<p className="panel lab lab--loading">Loading the attack lab…</p>}>
            <AttackLab lab={{ ...lab, setTab: show }} onShowMessage={showMessage} />
          </Suspense>
        )}
      </SideTabPanel>
    </>
  );
}
