/**
 * The one way a view reaches the simulator core (to decode a JWT, explain PKCE, list the attacks):
 * the core once loaded, or null while it loads, and why it could not be loaded, if it could not.
 * A view that asks starts the download (or a new try after a failure); one download serves every
 * view and the player alike (loadCore.ts), so the inspector decodes a token whether or not a
 * player runs the flow (a recording's view has nothing to run).
 */
import { useEffect, useSyncExternalStore } from 'react';
import { coreState, loadCore, subscribeCore } from './loadCore';
import type { CoreState } from './loadCore';

/** `wanted` false: follow the core without asking for it (the player fetches it after first paint). */
export function useCore(wanted = true): CoreState {
  const state = useSyncExternalStore(subscribeCore, coreState, coreState);
  const loaded = state.core !== null;
  useEffect(() => {
    // The failure is in the state: nothing to do with the rejection here.
    if (wanted && !loaded) void loadCore().catch(() => undefined);
  }, [loaded, wanted]);
  return state;
}
