/**
 * Reading the player's run from outside React: the view of the run it shows (one object per run
 * snapshot, so a selector that returns it changes only when the run does), and following the run
 * across reloads (Back and Reset put a new run actor in the player).
 */
import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { RunRef, RunSnapshot } from '../../sim/flow/runView';
import { viewOfRun } from '../../sim/flow/runView';
import type { playerMachine } from './playerMachine';
import { EMPTY_VIEW } from './types';
import type { View } from './types';

type PlayerSnapshot = SnapshotFrom<typeof playerMachine>;
type PlayerRef = ActorRefFrom<typeof playerMachine>;

/** The last view made for each shown trace: the run moves (holding, settling, parked) without changing it. */
const views = new WeakMap<readonly unknown[], View>();

/**
 * The view of a run snapshot, the same object for as long as what it shows is the same: the run's
 * own state changes between steps (its parties go on after a message is drawn), and a view that
 * changed with them would render the panels again for nothing.
 */
export function viewOf(snapshot: RunSnapshot | undefined): View {
  if (!snapshot) return EMPTY_VIEW;
  const { config: _config, ...next } = viewOfRun(snapshot);
  const last = views.get(next.trace);
  if (
    last &&
    last.consent === next.consent &&
    last.outcome === next.outcome &&
    last.attack === next.attack &&
    last.finished === next.finished
  )
    return last;
  views.set(next.trace, next);
  return next;
}

/** The view of the run a player snapshot holds. */
export function playerView(snapshot: PlayerSnapshot): View {
  return viewOf(snapshot.context.run?.getSnapshot());
}

/** The message the inspector shows: the one the learner picked, else the newest. */
export function selectedSeq(selected: number | null, view: View): number | null {
  return selected ?? view.trace.at(-1)?.seq ?? null;
}

/**
 * Where the player stands, as a link names it: the run's configuration, how many messages are shown,
 * the consent answers, and the selected message when it is not the newest (the default).
 */
export function playerPosition(snapshot: PlayerSnapshot) {
  const view = playerView(snapshot);
  const run = snapshot.context.run?.getSnapshot();
  const newest = view.trace.at(-1)?.seq ?? null;
  const { selected } = snapshot.context;
  return {
    config: snapshot.context.config,
    count: view.trace.length,
    decisions: run?.context.decisions ?? snapshot.context.decisions,
    selected: selected !== null && selected !== newest ? selected : null,
    newest,
  };
}

/**
 * Calls `listener` whenever the player or its current run changes, following the run across
 * reloads. Returns the function that stops it.
 */
export function followPlayer(player: PlayerRef, listener: (snapshot: PlayerSnapshot) => void): () => void {
  let run: RunRef | null = null;
  let runSubscription: { unsubscribe: () => void } | null = null;
  const onPlayer = (snapshot: PlayerSnapshot) => {
    if (snapshot.context.run !== run) {
      runSubscription?.unsubscribe();
      run = snapshot.context.run;
      runSubscription = run?.subscribe(() => listener(player.getSnapshot())) ?? null;
    }
    listener(snapshot);
  };
  const subscription = player.subscribe(onPlayer);
  onPlayer(player.getSnapshot());
  return () => {
    subscription.unsubscribe();
    runSubscription?.unsubscribe();
  };
}
