/**
 * The player actor, shared by every part of the screen. Components read it with
 * `PlayerContext.useSelector` and send events with `PlayerContext.useActorRef().send`.
 *
 * `Provider` creates and owns the actor (as @xstate/react's createActorContext does); `Attach` shares
 * one created elsewhere: the simulator's own route starts its player as soon as its chunk has run,
 * before React renders it (app/simulator/arrivalPlayer.ts), or has one made for it.
 */
import { createContext, createElement, useContext, useEffect } from 'react';
import type { ReactNode } from 'react';
import { useActorRef, useSelector } from '@xstate/react';
import type { Actor, SnapshotFrom } from 'xstate';
import { playerMachine } from './playerMachine';
import type { PlayerInput } from './playerMachine';

export type PlayerActor = Actor<typeof playerMachine>;
type Snapshot = SnapshotFrom<typeof playerMachine>;

const ActorContext = createContext<PlayerActor | null>(null);

/** How many times each attached actor has been mounted. */
const attachments = new WeakMap<PlayerActor, number>();

function Provider({
  children,
  logic = playerMachine,
  options,
}: {
  children: ReactNode;
  logic?: typeof playerMachine;
  options: { input: PlayerInput };
}) {
  const actor = useActorRef(logic, options);
  return createElement(ActorContext.Provider, { value: actor }, children);
}

/**
 * Shares `actor`, starts it if it has not started, and stops it when the screen goes. Not at React's
 * trial unmount in strict mode, which mounts again at once: the stop waits a microtask to see
 * whether it did.
 */
function Attach({ children, actor }: { children: ReactNode; actor: PlayerActor }) {
  useEffect(() => {
    actor.start(); // A started actor stays as it is.
    const mount = (attachments.get(actor) ?? 0) + 1;
    attachments.set(actor, mount);
    return () => {
      void Promise.resolve().then(() => {
        if (attachments.get(actor) === mount) actor.stop();
      });
    };
  }, [actor]);
  return createElement(ActorContext.Provider, { value: actor }, children);
}

function useContextActor(): PlayerActor {
  const actor = useContext(ActorContext);
  if (!actor) throw new Error('A player hook was used outside a PlayerContext.Provider');
  return actor;
}

function useContextSelector<T>(selector: (snapshot: Snapshot) => T, compare?: (a: T, b: T) => boolean): T {
  return useSelector(useContextActor(), selector, compare);
}

export const PlayerContext = {
  Provider,
  Attach,
  useActorRef: useContextActor,
  useSelector: useContextSelector,
};
