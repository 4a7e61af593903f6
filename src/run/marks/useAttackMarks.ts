/**
 * The attack marks of the run as the panels show it (PanelView: a frame behind the diagram on a
 * step), recomputed only when its trace or its report changes.
 */
import { useMemo } from 'react';
import { usePanelView } from '../player/PanelView';
import { attackMarks } from './marks';
import type { AttackMarks } from './marks';

export function useAttackMarks(): AttackMarks {
  const { trace, attack } = usePanelView();
  return useMemo(() => attackMarks(trace, attack), [trace, attack]);
}
