/** The diagram's lanes are the parties (parties.ts): the same ids, labels and order. */
export { CORE_LANES, LANE_ORDER, PARTIES as LANES } from './parties';
export type { Party as Lane } from './parties';
