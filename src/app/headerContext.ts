/**
 * Whether the app header is on screen around the current route (not in presenter mode, an embed or
 * a screen rendered on its own): the view controls go into its tools slot only then.
 */
import { createContext } from 'react';

export const HeaderContext = createContext(false);

/** The element AppHeader renders for the simulator's view controls (viewbar/ViewBar.tsx portals into it). */
export const HEADER_SLOT_ID = 'app-header-tools';
