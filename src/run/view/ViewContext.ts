/**
 * The view switches (view.ts) for every component below the shell. The shell owns the state and
 * keeps it in the URL; components read it and ask for changes. Without a provider (component
 * tests of one screen) the defaults apply and changes go nowhere.
 */
import { createContext, useContext } from 'react';
import { DEFAULT_VIEW } from './view';
import type { ViewOptions } from './view';

export interface ViewApi {
  view: ViewOptions;
  /** Changes some switches (the shell writes them to the URL without a history entry). */
  update: (patch: Partial<ViewOptions>) => void;
}

export const ViewContext = createContext<ViewApi>({ view: DEFAULT_VIEW, update: () => undefined });

export function useViewOptions(): ViewApi {
  return useContext(ViewContext);
}
