/**
 * The side column as two panels behind tabs: the step (explainer and inspector) and the attack lab.
 * The lab's code is a separate chunk, fetched the first time its tab opens; the tabs and the
 * attack marks are small enough for the first paint. The verdict is announced by the Announcer.
 */
import { lazy, Suspense, useCallback, useId, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { onRovingKey } from '../../components/rovingKeys';
import { PlayerContext } from '../../run/player/PlayerContext';
import { useRun, useSend } from '../../run/player/hooks';
import { viewOf } from '../../run/player/runView';
import { attackPlayable } from '../../run/revision/config';
import { useLab } from './labState';
import type { Lab, SideTab } from './labState';
import './attacks.css';

const AttackLab = lazy(() => import('./AttackLab'));

const TABS: readonly { id: SideTab; label: string }[] = [
  { id: 'step', label: 'Step & inspector' },
  { id: 'lab', label: 'Attack lab' },
];

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

export function SidePanels({ children }: { children: ReactNode }) {
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

  const onKeyDown = (event: KeyboardEvent) =>
    onRovingKey(event, {
      index: TABS.findIndex((t) => t.id === tab),
      count: TABS.length,
      orientation: 'horizontal',
      go: (to) => {
        const next = TABS[to];
        if (!next) return;
        show(next.id);
        document.getElementById(`${base}-tab-${next.id}`)?.focus();
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
      <div role="tablist" aria-label="Side panels" className="side-tabs" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`${base}-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`${base}-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={`side-tabs__tab side-tabs__tab--${t.id}`}
            onClick={() => show(t.id)}
          >
            {t.id === 'lab' && <LabIcon />}
            {t.label}
            {t.id === 'lab' && <LabBadge />}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${base}-panel-step`}
        aria-labelledby={`${base}-tab-step`}
        className="side-panel"
        hidden={tab !== 'step'}
      >
        {children}
      </div>
      <div
        role="tabpanel"
        id={`${base}-panel-lab`}
        aria-labelledby={`${base}-tab-lab`}
        className="side-panel side-panel--lab"
        hidden={tab !== 'lab'}
      >
        {labMounted && (
          <Suspense fallback={<p className="panel lab lab--loading">Loading the attack lab…</p>}>
            <AttackLab lab={{ ...lab, setTab: show }} onShowMessage={showMessage} />
          </Suspense>
        )}
      </div>
    </>
  );
}

function LabIcon() {
  // A crosshair: the lab is where the learner takes the attacker's side.
  return (
    <svg className="icon" viewBox="0 0 24 24" width="15" height="15" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="7" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 2v5M12 17v5M2 12h5M17 12h5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
