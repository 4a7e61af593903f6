/**
 * The audience window's end of the presenter line (channel.ts): sends the run's state to the
 * notes window on every change, and carries out the Next/Back/Reset/Approve/Deny it sends back.
 * Renders nothing. Needs the player above it.
 */
import { useEffect, useMemo, useRef } from 'react';
import { SCENARIOS } from '../../sim/scenarios';
import { PlayerContext } from '../player/PlayerContext';
import { useSend } from '../player/hooks';
import { endTitle, messageLabel, routeText } from '../trace/describe';
import { openPresenterChannel, presenterSession } from './channel';
import type { PresenterChannel, PresenterState } from './channel';
import { useViewOptions } from './ViewContext';

function useSnapshotState(): PresenterState | null {
  const config = PlayerContext.useSelector((s) => s.context.config);
  const decisions = PlayerContext.useSelector((s) => s.context.decisions);
  const view = PlayerContext.useSelector((s) => s.context.view);
  const settled = PlayerContext.useSelector((s) => !s.matches('loading'));
  const waiting = PlayerContext.useSelector((s) => s.matches('awaitingConsent'));
  const { mask } = useViewOptions().view;
  return useMemo(() => {
    if (!settled) return null;
    const last = view.trace.at(-1);
    return {
      config: {
        seed: config.seed,
        scenario: config.scenario,
        registration: config.registration,
        ...(config.attack ? { attack: config.attack } : {}),
      },
      decisions: [...decisions],
      count: view.trace.length,
      current: last
        ? {
            seq: last.seq,
            stepId: last.stepId,
            kind: last.kind,
            label: messageLabel(last),
            route: routeText(last),
          }
        : null,
      consent: waiting,
      finished: view.finished,
      ending: view.finished ? endTitle(view.trace) : null,
      scenarioTitle: SCENARIOS[config.scenario].title,
      mask,
    };
  }, [config, decisions, view, settled, waiting, mask]);
}

export function PresenterSync() {
  const send = useSend();
  const state = useSnapshotState();
  const channel = useRef<PresenterChannel | null>(null);
  const session = useMemo(() => presenterSession(), []);
  const latest = useRef<PresenterState | null>(null);

  useEffect(() => {
    const line = openPresenterChannel(session, (message) => {
      if (message.type === 'hello' && latest.current) {
        line.post({ type: 'state', session, state: latest.current });
      } else if (message.type === 'command') {
        send(message.command);
      }
    });
    channel.current = line;
    return () => {
      line.close();
      channel.current = null;
    };
  }, [session, send]);

  useEffect(() => {
    if (!state) return;
    latest.current = state;
    channel.current?.post({ type: 'state', session, state });
  }, [state, session]);

  return null;
}
