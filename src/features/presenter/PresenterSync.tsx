/**
 * The audience window's end of the presenter line (channel.ts): sends the run's state to the
 * notes window on every change, and carries out the Next/Back/Reset/Approve/Deny it sends back.
 * Renders nothing, and follows the run from a subscription rather than from renders, so a step does
 * not render it. Needs the player above it.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { SCENARIOS } from '../../sim/scenarios';
import { afterNextPaint } from '../../run/player/afterNextPaint';
import type { SnapshotFrom } from 'xstate';
import { PlayerContext } from '../../run/player/PlayerContext';
import type { playerMachine } from '../../run/player/playerMachine';
import { followPlayer, playerPosition, playerView } from '../../run/player/runView';
import { useSend } from '../../run/player/hooks';
import { endTitle, messageLabel, routeText } from '../../run/trace/describe';
import { openPresenterChannel, presenterSession, subscribePresenterSession } from './channel';
import type { PresenterState } from './channel';
import { useViewOptions } from '../../run/view/ViewContext';

function presenterState(snapshot: SnapshotFrom<typeof playerMachine>, mask: boolean): PresenterState {
  const { config, decisions } = playerPosition(snapshot);
  const view = playerView(snapshot);
  const waiting = view.consent !== null;
  const last = view.trace.at(-1);
  return {
    config: {
      seed: config.seed,
      scenario: config.scenario,
      registration: config.registration,
      ...(config.attack ? { attack: config.attack } : {}),
      ...(config.revision ? { revision: config.revision } : {}),
      ...(config.client ? { client: config.client } : {}),
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
}

export function PresenterSync() {
  const send = useSend();
  const actor = PlayerContext.useActorRef();
  const { mask } = useViewOptions().view;
  // A new pairing (the notes window opened again) moves the line to its fresh session.
  const session = useSyncExternalStore(subscribePresenterSession, presenterSession, presenterSession);

  useEffect(() => {
    let latest: PresenterState | null = null;
    let sent = '';
    const stateNow = (): PresenterState | null => {
      const snapshot = actor.getSnapshot();
      if (!snapshot.matches('ready')) return null;
      return presenterState(snapshot, mask);
    };
    const line = openPresenterChannel(session, (message) => {
      if (message.type === 'hello' && latest) {
        line.post({ type: 'state', session, state: latest });
      } else if (message.type === 'command') {
        // One of the line's five commands, checked by the schema (messages.ts): nothing else reaches the player.
        send(message.command);
      }
    });
    // After the frame that draws a step (posting crosses to the browser process: half a millisecond
    // the new arrow need not wait for), with the run as it is by then: changes meanwhile join it.
    let cancel: (() => void) | null = null;
    const post = () => {
      const state = stateNow();
      if (!state) return;
      latest = state;
      const text = JSON.stringify(state);
      if (text === sent) return;
      sent = text;
      line.post({ type: 'state', session, state });
    };
    const schedule = () => {
      cancel ??= afterNextPaint(() => {
        cancel = null;
        post();
      });
    };
    post();
    const stop = followPlayer(actor, schedule);
    return () => {
      cancel?.();
      stop();
      line.close();
    };
  }, [actor, session, send, mask]);

  return null;
}
