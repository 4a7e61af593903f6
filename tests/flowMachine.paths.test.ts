/**
 * Path coverage of the flow machine with xstate/graph: the machine is traversed purely (no actor
 * runs), feeding each invoked phase every kind of result it can produce. Every state must be
 * reachable and every transition taken; and every step of steps.ts must appear in some real run.
 */
import { adjacencyMapToArray, getAdjacencyMap } from 'xstate/graph';
import type { AnyStateNode } from 'xstate';
import { describe, expect, it } from 'vitest';
import { flowMachine } from '../src/sim/flow/flowMachine';
import type { FlowInput } from '../src/sim/flow/flowMachine';
import { runFlow } from '../src/sim/flow/simulation';
import { REGISTRATION_MODE_IDS, SCENARIO_IDS } from '../src/sim/scenarios';
import { STEP_IDS } from '../src/sim/steps';
import { ATTACK_IDS } from '../src/sim/attacks/ids';

const challenge = { params: {}, scope: 'files:write', error: 'insufficient_scope' };
const done = (id: string, output: unknown) => ({ type: `xstate.done.actor.${id}`, output });
const failed = (id: string) => ({ type: `xstate.error.actor.${id}`, error: new Error(`${id} refused`) });

const INVOKES = [
  'perform',
  'discover',
  'register',
  'authorize',
  'exchange',
  'clientCredentials',
  'refresh',
  'stepUp',
  'signIn',
  'exchangeIdentity',
  'redeemGrant',
];
/** Every combination of what the client reports about itself with a call's result. */
const STATES = [false, true].flatMap((discovered) =>
  [false, true].flatMap((refreshable) =>
    [0, 1].flatMap((attemptsLeft) =>
      [false, true].map((stepsUp) => ({ discovered, refreshable, attemptsLeft, stepsUp })),
    ),
  ),
);
const performed = (result: object) => STATES.map((state) => done('perform', { result, state }));

const EVENTS = [
  ...performed({ kind: 'ok', result: {} }),
  ...performed({ kind: 'waited' }),
  ...performed({ kind: 'unauthorized', challenge: null }),
  ...performed({ kind: 'insufficient-scope', challenge }),
  ...performed({ kind: 'error', status: 400, message: 'bad' }),
  done('discover', undefined),
  done('register', undefined),
  done('stepUp', undefined),
  done('stepUp', 'refresh'),
  done('authorize', { kind: 'code', code: 'c' }),
  done('authorize', { kind: 'error', error: 'access_denied', description: '' }),
  done('signIn', undefined),
  done('exchangeIdentity', { kind: 'grant', assertion: 'jag' }),
  done('exchangeIdentity', { kind: 'error', status: 400, error: 'invalid_target', description: '' }),
  ...['exchange', 'clientCredentials', 'refresh', 'redeemGrant'].flatMap((id) => [
    done(id, { kind: 'tokens', tokens: { access_token: 'a', refresh_token: 'r', scope: 's' } }),
    done(id, { kind: 'tokens', tokens: { access_token: 'a', scope: 's' } }),
    done(id, { kind: 'error', status: 400, error: 'invalid_grant', description: '' }),
  ]),
  ...INVOKES.map(failed),
];

/** Object.values typed by the record's own value type (its keys are branded strings, for which
 * Object.values would fall back to `any[]`). */
function valuesOf<K extends string, V>(record: Record<K, V>): V[] {
  return Object.values(record);
}

function traverse(grant: FlowInput['grant']) {
  // A pure traversal runs no actors: the machine is fed what each phase can return.
  const input: FlowInput = {
    operations: [
      { kind: 'call', method: 'tools/list' },
      { kind: 'call', method: 'tools/call' },
    ],
    grant,
  };
  const map = getAdjacencyMap(flowMachine, {
    input,
    // The machine's events are only the done/error events of its invoked phases.
    events: EVENTS,
    serializeState: (s) => {
      const { opIndex, client, freshTokens, call, authorization, token, grantOutcome } = s.context;
      return JSON.stringify([
        s.value,
        opIndex,
        client,
        freshTokens,
        call?.kind,
        authorization?.kind,
        token?.kind,
        grantOutcome?.kind,
      ]);
    },
  });
  const edges = adjacencyMapToArray(map).map((t) => ({ from: t.state, event: t.event, to: t.nextState }));
  return { states: valuesOf(map).map((v) => v.state), edges };
}

function allStateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(allStateNodes)];
}

function targetsOf(node: AnyStateNode): string[] {
  const keys: string[] = [];
  for (const list of node.transitions.values())
    for (const t of list) for (const target of t.target ?? []) keys.push(target.key);
  return keys;
}

describe('flow machine path coverage', () => {
  const runs = [traverse('authorization_code'), traverse('client_credentials'), traverse('enterprise')];
  const reached = new Set(runs.flatMap((r) => r.states.map((s) => String(s.value))));
  const stable = allStateNodes(flowMachine.root).filter(
    (n) => n.type !== 'compound' && n.always === undefined,
  );
  const routers = allStateNodes(flowMachine.root).filter((n) => n.always !== undefined);

  it('reaches every stable state', () => {
    expect(stable.length).toBeGreaterThan(10);
    expect(routers.length).toBe(6);
    expect(stable.map((n) => n.key).filter((k) => !reached.has(k))).toEqual([]);
  });

  it('takes every branch of every router (each lands in its target state)', () => {
    const missing: string[] = [];
    for (const router of routers) {
      // The phases whose results this router reads.
      const feeders = stable.filter((n) => n.invoke.length > 0 && targetsOf(n).includes(router.key));
      // The machine's initial router has no phase before it: its branches land on each run's first state.
      const initial = flowMachine.root.initial?.target[0]?.key === router.key;
      expect(feeders.length > 0 || initial).toBe(true);
      const landed = new Set(
        initial
          ? runs.map((r) => String(r.states[0]?.value))
          : runs.flatMap((r) =>
              r.edges
                .filter((e) => feeders.some((f) => f.key === String(e.from.value)))
                .map((e) => String(e.to.value)),
            ),
      );
      for (const branch of router.always ?? []) {
        for (const target of branch.target ?? []) {
          if (!landed.has(target.key)) missing.push(`${router.key} -> ${target.key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('takes every onDone and onError transition of every phase', () => {
    const missing: string[] = [];
    for (const node of stable.filter((n) => n.invoke.length > 0)) {
      for (const [type, transitions] of node.transitions) {
        const taken = runs.some((r) =>
          r.edges.some((e) => String(e.from.value) === node.key && e.event.type === type),
        );
        if (!taken) missing.push(`${node.key} on ${type} (${transitions.length} branch(es))`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every step of steps.ts is produced by some run of the real flow', async () => {
    const seen = new Set<string>();
    for (const id of ATTACK_IDS) {
      for (const defence of ['on', 'off'] as const) {
        const run = await runFlow({
          seed: 'paths',
          scenario: 'first-connection',
          registration: 'dcr',
          attack: { id, defence },
        });
        for (const event of run.trace) seen.add(event.stepId);
      }
    }
    for (const scenario of SCENARIO_IDS) {
      for (const registration of REGISTRATION_MODE_IDS) {
        const run = await runFlow({ seed: 'paths', scenario, registration });
        for (const event of run.trace) seen.add(event.stepId);
      }
    }
    expect(STEP_IDS.filter((id) => !seen.has(id))).toEqual([]);
  });
});
