/** The attack marks of the run on screen, recomputed only when its trace or its report changes. */
import { useMemo } from 'react';
import { PlayerContext } from '../player/PlayerContext';
import { attackMarks } from './marks';
import type { AttackMarks } from './marks';

export function useAttackMarks(): AttackMarks {
  const trace = PlayerContext.useSelector((s) => s.context.view.trace);
  const report = PlayerContext.useSelector((s) => s.context.view.attack);
  return useMemo(() => attackMarks(trace, report), [trace, report]);
}
