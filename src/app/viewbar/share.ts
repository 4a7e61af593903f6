/**
 * "Copy link to this step": the absolute URL of the current view. The simulator route provides
 * the hash (built from the player's state, so it is exact even before the debounced address-bar
 * update); elsewhere the address bar's hash is used. Either way the embedding switches are left
 * out (view.ts), and the link carries only choices and a seed, never a value from the run.
 */
import { createContext, useContext } from 'react';
import { hashWithView } from '../../run/view/view';
import type { ViewOptions } from '../../run/view/view';

/** Returns the hash to share (`#/sim?…`), already without embedding switches. */
export const ShareContext = createContext<(() => string) | null>(null);

export function useShareHash(view: ViewOptions): () => string {
  const provided = useContext(ShareContext);
  return provided ?? (() => hashWithView(window.location.hash || '#/sim', view, true));
}

export function absoluteUrl(hash: string): string {
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${search}${hash}`;
}
