/**
 * The work the player invokes: loading the simulator core (lazily, after the first paint), putting
 * its run at the target position, and following the run's emitted events (it parked: autoplay may
 * go on; it finished: autoplay stops).
 */
import { fromCallback, fromPromise } from 'xstate';
import type { RunRef } from '../../sim/flow/runView';
import type { RunConfig } from '../../sim/flow/simulation';
import { loadCore } from '../core/loadCore';
import type { Core } from '../core/loadCore';
import { positionRun } from './positioning';
import type { Positioned, Target } from './positioning';

export const playerActors = {
  loadCore: fromPromise<Core>(() => loadCore()),
  position: fromPromise<
    Positioned,
    { core: Core | null; run: RunRef | null; config: RunConfig; target: Target }
  >(({ input }) => {
    if (!input.core || !input.run) throw new Error('No run is loaded yet.');
    return positionRun(input.core, input.run, input.config, input.target);
  }),
  followRun: fromCallback<{ type: 'RUN.PARKED' } | { type: 'RUN.FINISHED' }, { run: RunRef | null }>(
    ({ input, sendBack }) => {
      const run = input.run;
      if (!run) return undefined;
      const parked = run.on('parked', () => sendBack({ type: 'RUN.PARKED' }));
      const finished = run.on('finished', () => sendBack({ type: 'RUN.FINISHED' }));
      return () => {
        parked.unsubscribe();
        finished.unsubscribe();
      };
    },
  ),
};
