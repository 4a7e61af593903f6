/**
 * The "hide secrets" switch as a display-layer transform: components that show values wrap them
 * in `mask(text)` from `useMask()`. Off, mask is the identity (and never changes, so nothing
 * re-renders); on, it masks this run's secrets (see mask.ts). Needs the player above it.
 */
import { createContext, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTrace } from '../player/hooks';
import { MaskerCache, noMask } from './mask';
import type { Masker } from './mask';

const MaskContext = createContext<Masker>(noMask);

export function useMask(): Masker {
  return useContext(MaskContext);
}

export function MaskProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const trace = useTrace();
  const [cache] = useState(() => new MaskerCache());
  const masker = useMemo(() => (enabled ? cache.get(trace) : noMask), [enabled, cache, trace]);
  return <MaskContext.Provider value={masker}>{children}</MaskContext.Provider>;
}
