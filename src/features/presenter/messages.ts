/**
 * The presenter line's schema: every shape a message between the audience window and the speaker's
 * notes window may take, and the one reader that checks it. The line is open to every page of the
 * origin, and an origin is often shared (a GitHub Pages user site, a folder of an LMS), so nothing
 * that arrives is trusted: a message is read field by field into a new object, with every id checked
 * against the simulator's own tables, and a message that does not fit in every field is dropped
 * whole. What reaches the player or the notes window is therefore always one of the shapes below.
 */
import { isAttackId, variantOf } from '../../sim/attacks/ids';
import type { Decision } from '../../sim/browser/browser';
import type { RunConfig } from '../../sim/flow/simulation';
import { isRegistrationMode, isScenarioId } from '../../sim/scenarios';
import { isStepId } from '../../sim/steps';
import { isRevision } from '../../sim/revisions/ids';
import { isClientKind } from '../../sim/revisions/profile';
import type { StepId } from '../../sim/steps';

/** What the notes window needs to know about the audience window's run. */
export interface PresenterState {
  /** The run's choices only (never a value from the run): enough to replay it for the preview. */
  config: Pick<RunConfig, 'seed' | 'scenario' | 'registration' | 'attack' | 'revision' | 'client'>;
  decisions: Decision[];
  /** Messages shown so far. */
  count: number;
  current: {
    seq: number;
    stepId: StepId;
    kind: 'request' | 'response' | 'internal' | 'handoff';
    label: string;
    route: string;
  } | null;
  /** The simulated browser waits for Approve or Deny. */
  consent: boolean;
  finished: boolean;
  /** The ending's title once finished ("Authorized: the tool ran", ...). */
  ending: string | null;
  scenarioTitle: string;
  mask: boolean;
}

export type PresenterCommand =
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'RESET' }
  | { type: 'RUN_TO_END' }
  | { type: 'ANSWER'; decision: Decision };

export type PresenterMessage =
  | { type: 'state'; session: string; state: PresenterState }
  | { type: 'hello'; session: string }
  | { type: 'command'; session: string; command: PresenterCommand };

/** A session id: 128 random bits in hex (channel.ts, newSessionId). */
export const SESSION_PATTERN = /^[0-9a-f]{32}$/;

// Bounds well above any real run (the longest scenario shows about a hundred messages), so that a
// forged count cannot make the notes window replay a run for minutes.
const MAX_MESSAGES = 1000;
const MAX_DECISIONS = 64;
const MAX_TEXT = 500;
const MAX_SEED = 64;

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Has every required key, nothing outside required and optional: an extra field is another shape. */
function hasKeys(value: Fields, required: readonly string[], optional: readonly string[] = []): boolean {
  const keys = Object.keys(value);
  return (
    required.every((key) => Object.hasOwn(value, key)) &&
    keys.every((key) => required.includes(key) || optional.includes(key))
  );
}

function isText(value: unknown, max = MAX_TEXT): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isCount(value: unknown, max = MAX_MESSAGES): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

function isDecision(value: unknown): value is Decision {
  return value === 'approve' || value === 'deny';
}

const KINDS = ['request', 'response', 'internal', 'handoff'] as const;
type Kind = (typeof KINDS)[number];

function isKind(value: unknown): value is Kind {
  return KINDS.some((kind) => kind === value);
}

export function readCommand(value: unknown): PresenterCommand | null {
  if (!isFields(value)) return null;
  const type = value.type;
  if (type === 'NEXT' || type === 'BACK' || type === 'RESET' || type === 'RUN_TO_END')
    return hasKeys(value, ['type']) ? { type } : null;
  if (type === 'ANSWER' && hasKeys(value, ['type', 'decision']) && isDecision(value.decision))
    return { type, decision: value.decision };
  return null;
}

function readAttack(value: unknown): RunConfig['attack'] | null {
  if (!isFields(value) || !hasKeys(value, ['id', 'defence'], ['variant'])) return null;
  const { id, defence, variant } = value;
  if (typeof id !== 'string' || !isAttackId(id) || (defence !== 'on' && defence !== 'off')) return null;
  if (variant === undefined) return { id, defence };
  // Only a variant the attack has: variantOf drops any other.
  const known = typeof variant === 'string' ? variantOf(id, variant) : undefined;
  return known ? { id, defence, variant: known } : null;
}

function readConfig(value: unknown): PresenterState['config'] | null {
  if (
    !isFields(value) ||
    !hasKeys(value, ['seed', 'scenario', 'registration'], ['attack', 'revision', 'client'])
  )
    return null;
  const { seed, scenario, registration, revision, client } = value;
  if (!isText(seed, MAX_SEED) || seed.trim() === '') return null;
  if (typeof scenario !== 'string' || !isScenarioId(scenario)) return null;
  if (typeof registration !== 'string' || !isRegistrationMode(registration)) return null;
  // The spec revision and a client of another one (src/sim/revisions), when the run has them.
  if (revision !== undefined && (typeof revision !== 'string' || !isRevision(revision))) return null;
  if (client !== undefined && (typeof client !== 'string' || !isClientKind(client))) return null;
  const era = {
    ...(revision !== undefined ? { revision } : {}),
    ...(client !== undefined ? { client } : {}),
  };
  if (value.attack === undefined) return { seed, scenario, registration, ...era };
  const attack = readAttack(value.attack);
  return attack ? { seed, scenario, registration, attack, ...era } : null;
}

function readCurrent(value: unknown): PresenterState['current'] | undefined {
  if (value === null) return null;
  if (!isFields(value) || !hasKeys(value, ['seq', 'stepId', 'kind', 'label', 'route'])) return undefined;
  const { seq, stepId, kind, label, route } = value;
  if (!isCount(seq) || typeof stepId !== 'string' || !isStepId(stepId) || !isKind(kind)) return undefined;
  return isText(label) && isText(route) ? { seq, stepId, kind, label, route } : undefined;
}

const STATE_KEYS = [
  'config',
  'decisions',
  'count',
  'current',
  'consent',
  'finished',
  'ending',
  'scenarioTitle',
  'mask',
] as const;

export function readState(value: unknown): PresenterState | null {
  if (!isFields(value) || !hasKeys(value, STATE_KEYS)) return null;
  const config = readConfig(value.config);
  const current = readCurrent(value.current);
  const { decisions, count, consent, finished, ending, scenarioTitle, mask } = value;
  if (config === null || current === undefined) return null;
  if (!Array.isArray(decisions) || decisions.length > MAX_DECISIONS) return null;
  const answers = decisions.filter(isDecision);
  if (answers.length !== decisions.length || !isCount(count)) return null;
  if (typeof consent !== 'boolean' || typeof finished !== 'boolean' || typeof mask !== 'boolean') return null;
  if (!(ending === null || isText(ending)) || !isText(scenarioTitle)) return null;
  return { config, decisions: answers, count, current, consent, finished, ending, scenarioTitle, mask };
}

/** The message in `data` if it fits the schema in every field, else null (to be ignored). */
export function readMessage(data: unknown): PresenterMessage | null {
  if (!isFields(data)) return null;
  const { type, session } = data;
  if (typeof session !== 'string' || !SESSION_PATTERN.test(session)) return null;
  if (type === 'hello') return hasKeys(data, ['type', 'session']) ? { type, session } : null;
  if (type === 'command' && hasKeys(data, ['type', 'session', 'command'])) {
    const command = readCommand(data.command);
    return command ? { type, session, command } : null;
  }
  if (type === 'state' && hasKeys(data, ['type', 'session', 'state'])) {
    const state = readState(data.state);
    return state ? { type, session, state } : null;
  }
  return null;
}
