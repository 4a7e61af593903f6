/**
 * The Time machine's part of the URL: `#/revisions?view=changes&from=…&to=…&scenario=…&reg=…`
 * (with `layout=split` for the two runs side by side and `show=all` to unfold the messages the same
 * in both, each left out at its default so older links stay as they were), `view=eras&reg=…`,
 * `view=attacks`. Everything it shows is a choice in the address, so a link replays it; unknown
 * values fall back to the defaults.
 */
import { LATEST_REVISION, isRevision, previousRevision } from '../../sim/revisions/ids';
import type { Revision } from '../../sim/revisions/ids';
import { isRegistrationMode, isScenarioId } from '../../sim/scenarios';
import type { RegistrationMode, ScenarioId } from '../../sim/scenarios';

export const VIEWS = {
  changes: 'What changed',
  eras: 'Mixed eras',
  attacks: 'Attacks across time',
} as const;

export type View = keyof typeof VIEWS;

export const VIEW_IDS: readonly View[] = ['changes', 'eras', 'attacks'];

export function isView(value: string): value is View {
  return Object.prototype.hasOwnProperty.call(VIEWS, value);
}

/** What changed, drawn as one diagram of both runs, or the two runs side by side. */
export const LAYOUTS = { merged: 'One diagram', split: 'Side by side' } as const;
export type DiffLayout = keyof typeof LAYOUTS;
export const LAYOUT_IDS: readonly DiffLayout[] = ['merged', 'split'];

/** Which messages it draws: the differences (the messages the same in both folded), or all. */
export const SHOWS = { changes: 'Differences only', all: 'All messages' } as const;
export type DiffShow = keyof typeof SHOWS;
export const SHOW_IDS: readonly DiffShow[] = ['changes', 'all'];

const isLayout = (value: string): value is DiffLayout => Object.prototype.hasOwnProperty.call(LAYOUTS, value);
const isShow = (value: string): value is DiffShow => Object.prototype.hasOwnProperty.call(SHOWS, value);

export interface TimeMachineParams {
  view: View;
  from: Revision;
  to: Revision;
  scenario: ScenarioId;
  registration: RegistrationMode;
  layout: DiffLayout;
  show: DiffShow;
}

export const DEFAULT_PARAMS: TimeMachineParams = {
  view: 'changes',
  from: previousRevision(LATEST_REVISION) ?? LATEST_REVISION,
  to: LATEST_REVISION,
  scenario: 'first-connection',
  registration: 'dcr',
  layout: 'merged',
  show: 'changes',
};

export function readParams(query: string): TimeMachineParams {
  const p = new URLSearchParams(query);
  const pick = <T extends string>(name: string, is: (v: string) => v is T, fallback: T): T => {
    const value = p.get(name) ?? '';
    return is(value) ? value : fallback;
  };
  return {
    view: pick('view', isView, DEFAULT_PARAMS.view),
    from: pick('from', isRevision, DEFAULT_PARAMS.from),
    to: pick('to', isRevision, DEFAULT_PARAMS.to),
    scenario: pick('scenario', isScenarioId, DEFAULT_PARAMS.scenario),
    registration: pick('reg', isRegistrationMode, DEFAULT_PARAMS.registration),
    layout: pick('layout', isLayout, DEFAULT_PARAMS.layout),
    show: pick('show', isShow, DEFAULT_PARAMS.show),
  };
}

export function paramsHash(params: TimeMachineParams): string {
  const p = new URLSearchParams({ view: params.view });
  if (params.view === 'changes') {
    p.set('from', params.from);
    p.set('to', params.to);
    p.set('scenario', params.scenario);
  }
  if (params.view !== 'attacks') p.set('reg', params.registration);
  if (params.view === 'changes') {
    if (params.layout !== DEFAULT_PARAMS.layout) p.set('layout', params.layout);
    if (params.show !== DEFAULT_PARAMS.show) p.set('show', params.show);
  }
  return `#/revisions?${p.toString()}`;
}

/** The simulator at one message of a run: `step` counts messages from 1, `sel` opens it in the inspector. */
export function simAt(config: {
  scenario: ScenarioId;
  registration: RegistrationMode;
  revision: Revision;
  client?: string | undefined;
  seq?: number | undefined;
}): string {
  const p = new URLSearchParams({ scenario: config.scenario, reg: config.registration, seed: 'demo' });
  if (config.revision !== LATEST_REVISION) p.set('rev', config.revision);
  if (config.client && config.client !== config.revision) p.set('client', config.client);
  if (config.seq !== undefined) {
    p.set('step', String(config.seq + 1));
    p.set('sel', String(config.seq + 1));
  }
  return `#/sim?${p.toString()}`;
}
