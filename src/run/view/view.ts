/**
 * How the app is shown, as opposed to what it shows: presenter mode and its scale, hidden secrets,
 * and the embed switches. They live in the hash query next to the route's own parameters
 * (`#/sim?scenario=…&present=1&mask=1`, `#/lessons/discovery?embed=1&lock=1`), so a link opens
 * exactly the view it was copied from. Pure: parsing and writing only.
 *
 * Two kinds of switch:
 * - per view (`present`, `scale`, `mask`, `predict`): read from every URL, so Back and Forward restore them;
 * - per embedding (`embed`, `lock`, `theme`, `parentOrigin`): set once by the URL the page was
 *   opened with and kept for the page's life, so an iframe stays chrome-less whatever link is
 *   followed inside it. They never go into a shared link.
 */

/** Presenter scale steps: 1 fits the diagram's lanes to the width. */
export const SCALES = [0.75, 0.875, 1, 1.125, 1.25, 1.5, 1.75, 2] as const;

export type ThemeChoice = 'light' | 'dark';

export interface ViewOptions {
  /** Presenter layout: big diagram and explanation, side panels hidden, high contrast. */
  present: boolean;
  /** Presenter scale (text size and diagram zoom), one of SCALES. */
  scale: number;
  /** Hide secrets: tokens, codes, verifiers, secrets and state values are masked on screen. */
  mask: boolean;
  /** Predict, then see: before each message is shown, a question about it (features/predict). */
  predict: boolean;
  /** Embedded in a course page: no header, sized for an iframe, progress events to the parent. */
  embed: boolean;
  /** Fixed to what the link shows: the scenario, registration and attack selectors are hidden. */
  lock: boolean;
  /** A theme the embedding page chose (not remembered); null follows the learner's own. */
  theme: ThemeChoice | null;
  /** The only origin progress events are posted to; null posts to any ('*'). */
  parentOrigin: string | null;
}

export const DEFAULT_VIEW: ViewOptions = {
  present: false,
  scale: 1,
  mask: false,
  predict: false,
  embed: false,
  lock: false,
  theme: null,
  parentOrigin: null,
};

/** Every query key this module owns. */
export const VIEW_KEYS = [
  'present',
  'scale',
  'mask',
  'predict',
  'embed',
  'lock',
  'theme',
  'parentOrigin',
] as const;

const on = (value: string | null) => value === '1' || value === 'true' || value === 'on';

/** The nearest presenter scale step to `value` (1 for anything unreadable). */
export function snapScale(value: number): number {
  if (!Number.isFinite(value)) return 1;
  return SCALES.reduce((best, step) => (Math.abs(step - value) < Math.abs(best - value) ? step : best), 1);
}

/** One step bigger (+1) or smaller (-1), staying within SCALES. */
export function stepScale(scale: number, direction: 1 | -1): number {
  const index = SCALES.indexOf(snapScale(scale) as (typeof SCALES)[number]);
  return SCALES[Math.min(SCALES.length - 1, Math.max(0, index + direction))] ?? 1;
}

/** An http(s) origin exactly as `URL.origin` writes it, or null. */
export function parseOrigin(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin === value.replace(/\/$/, '') ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Reads the view switches from a hash query. The embedding switches, when absent, keep their
 * `previous` value (see the module comment); the per-view ones default to off.
 */
export function readViewOptions(query: string, previous: ViewOptions = DEFAULT_VIEW): ViewOptions {
  const params = new URLSearchParams(query);
  const theme = params.get('theme');
  const present = on(params.get('present'));
  return {
    present,
    scale: present && params.has('scale') ? snapScale(Number(params.get('scale'))) : 1,
    mask: on(params.get('mask')),
    predict: on(params.get('predict')),
    embed: params.has('embed') ? on(params.get('embed')) : previous.embed,
    lock: params.has('lock') ? on(params.get('lock')) : previous.lock,
    theme: theme === 'light' || theme === 'dark' ? theme : previous.theme,
    parentOrigin: parseOrigin(params.get('parentOrigin')) ?? previous.parentOrigin,
  };
}

/**
 * Writes the switches that differ from the defaults into `params`, after removing any it had.
 * `share` leaves out the embedding switches: a copied link opens the full app.
 */
export function writeViewParams(params: URLSearchParams, view: ViewOptions, share = false): URLSearchParams {
  for (const key of VIEW_KEYS) params.delete(key);
  if (view.present) {
    params.set('present', '1');
    if (view.scale !== 1) params.set('scale', String(view.scale));
  }
  if (view.mask) params.set('mask', '1');
  if (view.predict) params.set('predict', '1');
  if (share) return params;
  if (view.embed) params.set('embed', '1');
  if (view.lock) params.set('lock', '1');
  if (view.theme) params.set('theme', view.theme);
  if (view.parentOrigin) params.set('parentOrigin', view.parentOrigin);
  return params;
}

/** A hash (`#/route?query`) with its view switches replaced by `view`'s. */
export function hashWithView(hash: string, view: ViewOptions, share = false): string {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = raw.indexOf('?');
  const path = q === -1 ? raw : raw.slice(0, q);
  const params = writeViewParams(new URLSearchParams(q === -1 ? '' : raw.slice(q + 1)), view, share);
  const query = params.toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

/** The query without the view switches: what the route itself is about. */
export function routeQuery(query: string): string {
  const params = new URLSearchParams(query);
  for (const key of VIEW_KEYS) params.delete(key);
  return params.toString();
}
