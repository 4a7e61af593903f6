/**
 * The player actor, shared by every part of the screen. Components read it with
 * `PlayerContext.useSelector` and send events with `PlayerContext.useActorRef().send`.
 */
import { createActorContext } from '@xstate/react';
import { playerMachine } from './playerMachine';

export const PlayerContext = createActorContext(playerMachine);
