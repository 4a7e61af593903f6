/**
 * `#/practice` and `#/practice/<seed>`: the list of drills, or one drill: the simulator running the
 * drill's world (its fault switched on, which nothing on screen names) with the drill's panel in the
 * side column. The drill's address is its seed; stepping does not write to it, so the link a teacher
 * shares is always the drill from its start.
 */
import { useMemo } from 'react';
import type { Navigate } from '../../components/HashLink';
import type { OnProgress } from '../../course/progress';
import { getProgressStore } from '../../course/useProgress';
import { DrillPanel } from '../../features/practice/DrillPanel';
import { PracticeIndex } from '../../features/practice/PracticeIndex';
import { PlayerContext } from '../../run/player/PlayerContext';
import { drillFor, isDrillSeed } from '../../sim/practice/drills';
import { ComingSoon } from '../ComingSoon';
import { SimulatorScreen } from '../simulator/SimulatorScreen';

/** A fresh seed for "a random drill": from the platform's CSPRNG, short enough to read out in class. */
function randomSeed(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 8);
}

interface PracticeScreenProps {
  seed: string | null;
  navigate: Navigate;
  onProgress?: OnProgress | undefined;
}

export default function PracticeScreen({ seed, navigate, onProgress }: PracticeScreenProps) {
  const store = getProgressStore();
  // A new random drill each time this screen is shown (a drill's own link stays the same).
  const randomHref = useMemo(() => `#/practice/${randomSeed()}`, []);
  if (seed === null) {
    return (
      <div className="route-page">
        <PracticeIndex store={store} navigate={navigate} randomHref={randomHref} />
      </div>
    );
  }
  if (!isDrillSeed(seed)) {
    return (
      <ComingSoon title="No such drill">
        <p>
          A drill’s address is <code>#/practice/</code> and a seed of letters, digits, - and _ (at most 40).
        </p>
      </ComingSoon>
    );
  }
  const drill = drillFor(seed);
  return (
    <PlayerContext.Provider options={{ input: { config: drill.config } }}>
      <SimulatorScreen
        onProgress={onProgress}
        drill={
          <DrillPanel
            key={seed}
            drill={drill}
            store={store}
            navigate={navigate}
            onProgress={onProgress}
            newDrillHref={randomHref}
          />
        }
      />
    </PlayerContext.Provider>
  );
}
