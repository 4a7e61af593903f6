/**
 * One run of the simulator: a fresh world for the seed, the client and browser wired to it, the
 * flow machine started for the chosen scenario. The outcome is whatever the parties did; nothing
 * here decides it. Used headless (tests, benchmark) with a free-running pacer, and by the stepper
 * with one that waits for Next.
 */
import { createActor, toPromise } from 'xstate';
import { VULNERABILITIES } from '../attacks/vulnerabilities';
import type { VulnerabilityId } from '../attacks/vulnerabilities';
import type { AttackId } from '../attacks/ids';
import { resolveAttack } from '../attacks/registry';
import { attackVulnerabilities, finishAttack } from '../attacks/run';
import type { AttackReport } from '../attacks/run';
import { createAttacker } from '../attacks/attacker';
import { createBrowser } from '../browser/browser';
import type { Decision } from '../browser/browser';
import { McpClient } from '../client/client';
import { ALL_CHECKS } from '../client/types';
import type {
  ClientChecks,
  ClientConfig,
  ClientCredentials,
  ClientDeps,
  Grant,
  Operation,
} from '../client/types';
import type { ScenarioId, RegistrationMode } from '../scenarios';
import type { ConsentPrompt } from '../servers/auth/consentPage';
import { SECRET_METHOD_CHOICES } from '../servers/auth/secretMethods';
import type { SecretMethodChoice } from '../servers/auth/secretMethods';
import { deriveSigningKey, keyedByThumbprint } from '../crypto/jwt';
import { EXTENSION_CLIENT_CREDENTIALS, EXTENSION_ENTERPRISE } from '../oauth/urns';
import { IDP_CLIENT_ID } from '../servers/idp/state';
import {
  CONFIDENTIAL_CLIENT_ID,
  MACHINE_JWT_CLIENT_ID,
  PREREGISTERED_CLIENT_ID,
} from '../servers/auth/state';
import { CLIENT_NAME } from '../servers/clientHost';
import { PROTOCOL_VERSION } from '../servers/mcp';
import type { Pacer } from '../trace/recorder';
import type { TraceEvent } from '../trace/types';
import { createWorld } from '../world/world';
import { DEFAULT_URLS } from '../world/urls';
import type { World, WorldOptions } from '../world/world';
import { flowWith } from './flowMachine';
import { LATEST_REVISION } from '../revisions/ids';
import type { Revision } from '../revisions/ids';
import { clientRevisionOf, legacyVersionsOf, transportOf } from '../revisions/profile';
import type { ClientKind } from '../revisions/profile';
import { ruleIn } from '../revisions/rules';
import type { FlowOutcome } from './flowMachine';

export interface RunConfig {
  seed: string;
  scenario: ScenarioId;
  registration: RegistrationMode;
  vulnerabilities?: VulnerabilityId[];
  /** An attack from the lab, with its defence on or off, and which of its variants (default: the first). */
  attack?: { id: AttackId; defence: 'on' | 'off'; variant?: string | undefined };
  /** Extra handlers (an attack's malicious hosts); see WorldOptions. */
  extraHandlers?: WorldOptions['extraHandlers'];
  urls?: WorldOptions['urls'];
  /** The revision the servers follow, and the client too unless `client` says otherwise (default: the latest). */
  revision?: Revision;
  /** The client of another revision (mixed eras), or the dual-era client; default: the servers' revision. */
  client?: ClientKind;
  /** 2025-03-26: the authorization server publishes no metadata (WorldOptions.asMetadata). */
  asMetadata?: boolean;
}

export interface RunResult {
  world: World;
  client: McpClient;
  outcome: FlowOutcome;
  trace: TraceEvent[];
  /** What the attacker obtained, when an attack ran. */
  attack?: AttackReport;
}

export interface ScenarioPlan {
  operations: Operation[];
  grant: Grant;
  decision: Decision;
  /** How the authorization server takes a client secret in this scenario (A-26; default: both ways). */
  secretMethods?: SecretMethodChoice;
}

const listTools: Operation = { kind: 'call', method: 'tools/list' };

/** A stretch of ordinary work: reading and listing files, each call authorized on its own (C-24). */
function workSession(calls: number): Operation[] {
  return Array.from({ length: calls }, (_, i) =>
    i % 3 === 2
      ? { kind: 'call', method: 'tools/call', params: { name: 'list_files', arguments: {} } }
      : {
          kind: 'call',
          method: 'tools/call',
          params: { name: 'read_file', arguments: { path: 'notes/plan.md' } },
        },
  );
}

/** A backend job: list the tools, read its report. */
const machineJob: ScenarioPlan = {
  operations: [
    listTools,
    {
      kind: 'call',
      method: 'tools/call',
      params: { name: 'read_file', arguments: { path: 'reports/latest.csv' } },
    },
  ],
  grant: 'client_credentials',
  decision: 'approve',
};

const firstConnection: ScenarioPlan = {
  operations: [
    listTools,
    {
      kind: 'call',
      method: 'tools/call',
      params: { name: 'read_file', arguments: { path: 'notes/plan.md' } },
    },
  ],
  grant: 'authorization_code',
  decision: 'approve',
};

export const SCENARIO_PLANS: Record<ScenarioId, ScenarioPlan> = {
  'first-connection': firstConnection,
  // The same first connection, with the client's tokens bound to its DPoP key.
  dpop: firstConnection,
  'step-up': {
    operations: [
      listTools,
      {
        kind: 'call',
        method: 'tools/call',
        params: { name: 'write_file', arguments: { path: 'notes/todo.md', content: 'Ship it' } },
      },
    ],
    grant: 'authorization_code',
    decision: 'approve',
  },
  refresh: {
    operations: [
      listTools,
      { kind: 'wait', seconds: 3700 },
      {
        kind: 'call',
        method: 'tools/call',
        params: { name: 'read_file', arguments: { path: 'notes/plan.md' } },
      },
    ],
    grant: 'authorization_code',
    decision: 'approve',
  },
  deny: { operations: [listTools], grant: 'authorization_code', decision: 'deny' },
  'long-session': {
    operations: [listTools, ...workSession(14), { kind: 'wait', seconds: 3700 }, ...workSession(15)],
    grant: 'authorization_code',
    decision: 'approve',
  },
  'client-credentials': machineJob,
  // OAuth 2.1 §2.4.1: the server accepts only the method every server must, the secret in the body.
  'client-credentials-post': { ...machineJob, secretMethods: 'post' },
  'client-credentials-jwt': machineJob,
  // She asks what the server offers (its extensions, S-50), then reads her plan.
  enterprise: {
    operations: [
      { kind: 'call', method: 'server/discover' },
      {
        kind: 'call',
        method: 'tools/call',
        params: { name: 'read_file', arguments: { path: 'notes/plan.md' } },
      },
    ],
    grant: 'enterprise',
    decision: 'approve',
  },
};

export function clientChecks(vulnerabilities: readonly VulnerabilityId[]): ClientChecks {
  const checks = { ...ALL_CHECKS };
  for (const v of vulnerabilities) {
    const def: { party: string; check?: keyof ClientChecks } = VULNERABILITIES[v];
    if (def.check) checks[def.check] = false;
  }
  return checks;
}

/** The credentials an administrator gave a machine client: a shared secret, or (private_key_jwt) its own key. */
function machineCredentials(world: World, scenario: ScenarioId): ClientCredentials | undefined {
  if (scenario === 'client-credentials-jwt')
    return { client_id: MACHINE_JWT_CLIENT_ID, private_key: world.clientHost.signingKey };
  const confidential = world.as.clients.get(CONFIDENTIAL_CLIENT_ID);
  return confidential
    ? { client_id: confidential.client_id, client_secret: confidential.client_secret ?? '' }
    : undefined;
}

export function clientConfigFor(world: World, config: RunConfig, grant: ScenarioPlan['grant']): ClientConfig {
  const issuer = world.urls.issuer;
  const machine = grant === 'client_credentials' ? machineCredentials(world, config.scenario) : undefined;
  const enterprise = grant === 'enterprise';
  const preregistered = machine
    ? { [issuer]: machine }
    : config.registration === 'preregistered' && !enterprise
      ? { [issuer]: { client_id: PREREGISTERED_CLIENT_ID } }
      : {};
  const cimd = config.registration === 'cimd' || enterprise;
  const kind = config.client ?? config.revision ?? LATEST_REVISION;
  const revision = clientRevisionOf(kind);
  // A client of an initialize-based revision speaks it and the ones before it; the dual-era client
  // speaks them all besides 2026-07-28 (versioning.mdx §Backward Compatibility); a 2026-07-28 client
  // in the page is modern only, as the default runs have always been.
  const legacyVersions =
    transportOf(revision) === 'sessions' || kind === 'dual-era' ? legacyVersionsOf(revision) : [];
  return {
    serverUrl: world.urls.mcp,
    redirectUri: world.urls.callback,
    clientName:
      grant === 'client_credentials'
        ? (world.as.clients.get(machine?.client_id ?? '')?.client_name ?? 'Machine client')
        : CLIENT_NAME,
    // C-72: a client using an authorization extension says so in every request's capabilities (the
    // extensions negotiate with the 2026-07-28 transport; an older client of this grant has none).
    ...(grant === 'client_credentials' && ruleIn(revision, 'C-72')
      ? { extensions: [EXTENSION_CLIENT_CREDENTIALS] }
      : {}),
    ...(enterprise
      ? {
          extensions: [EXTENSION_ENTERPRISE],
          // Set by the company's administrator (EXT-EMA guide: organisation-level configuration).
          enterprise: { idpIssuer: world.urls.idp, idpClientId: IDP_CLIENT_ID },
        }
      : {}),
    ...(cimd ? { cimdUrl: world.urls.cimd } : {}),
    // RFC 9449 (on the MCP roadmap): a key pair made by the client, deterministic by seed in the page.
    ...(config.scenario === 'dpop'
      ? { dpop: { key: keyedByThumbprint(deriveSigningKey(world.rng('client-dpop'), '')) } }
      : {}),
    preregistered,
    grant,
    checks: clientChecks(config.vulnerabilities ?? []),
    maxAuthorizations: 3,
    protocolVersion: transportOf(revision) === 'stateless' ? PROTOCOL_VERSION : revision,
    ...(revision !== LATEST_REVISION ? { revision } : {}),
    ...(legacyVersions.length > 0 ? { legacyVersions, listen: false } : {}),
    // The page's simulated internet is https throughout (A-10); only a real-wire world uses http.
    allowLoopbackHttp: false,
  };
}

/** The consent answer when nobody clicks: the attack's victim behaviour, else the scenario's. */
export function defaultDecision(config: RunConfig, prompt: ConsentPrompt): Decision {
  const attack = config.attack ? resolveAttack(config.attack) : undefined;
  return attack?.decide?.(prompt) ?? SCENARIO_PLANS[attack?.victim.scenario ?? config.scenario].decision;
}

export interface RunHooks {
  pacer?: Pacer;
  /** The user's consent decision. Defaults to the scenario's (approve, or deny for "deny"). */
  decide?: (prompt: ConsentPrompt) => Promise<Decision>;
}

/** Builds everything for one run; `start()` plays it and resolves with the outcome. */
export function prepareRun(requested: RunConfig, hooks: RunHooks = {}) {
  const attack = requested.attack ? resolveAttack(requested.attack) : undefined;
  // An attack rides on its own victim activity, whatever scenario was selected before.
  const config: RunConfig = attack
    ? {
        ...requested,
        ...attack.victim,
        vulnerabilities: [
          ...(requested.vulnerabilities ?? []),
          ...attackVulnerabilities(attack, requested.attack?.defence ?? 'on'),
        ],
      }
    : requested;
  const plan = {
    ...SCENARIO_PLANS[config.scenario],
    ...(attack?.victim.operations ? { operations: attack.victim.operations } : {}),
  };
  const world = createWorld({
    seed: config.seed,
    ...(config.revision ? { revision: config.revision } : {}),
    ...(config.asMetadata === false ? { asMetadata: false } : {}),
    ...(plan.secretMethods ? { secretMethods: SECRET_METHOD_CHOICES[plan.secretMethods] } : {}),
    ...(config.urls ? { urls: config.urls } : {}),
    ...(config.vulnerabilities ? { vulnerabilities: config.vulnerabilities } : {}),
    ...(hooks.pacer ? { pacer: hooks.pacer } : {}),
    ...(attack?.introspection ? { introspection: true } : {}),
    extraHandlers: (w) => [...(attack?.hosts?.(w) ?? []), ...(config.extraHandlers?.(w) ?? [])],
    ...(attack?.laneOverrides
      ? {
          laneOverrides: attack.laneOverrides(
            config.urls ? { ...DEFAULT_URLS, ...config.urls } : DEFAULT_URLS,
          ),
        }
      : {}),
  });
  const attacker = createAttacker(world);
  const decide =
    hooks.decide ?? ((prompt: ConsentPrompt) => Promise.resolve(defaultDecision(requested, prompt)));
  const browser = createBrowser(world, decide);
  const deps: ClientDeps = {
    fetch: world.network.fetchAs('client'),
    now: () => world.clock.now(),
    note: async (note) => {
      await world.recorder.record({ ...note, from: 'client', to: note.to ?? 'client' });
    },
    openBrowser: async (url) => {
      const before = world.clientHost.callbacks.length;
      const lured = attack?.lure ? await attack.lure(world, attacker, url) : null;
      const navigation = await browser.navigate(
        lured ?? url,
        lured ? { firstStep: 'visit-attacker-page' } : {},
      );
      const callback = world.clientHost.callbacks[before];
      if (callback) return { kind: 'callback', url: callback };
      const reason =
        navigation.status >= 400
          ? `the authorization server showed an error page (HTTP ${navigation.status})`
          : 'the browser did not come back to the client';
      return { kind: 'no-callback', reason };
    },
    wait: async (seconds) => {
      world.clock.advance(seconds);
      await world.recorder.record({
        kind: 'internal',
        stepId: 'time-passes',
        from: 'client',
        to: 'client',
        title: `${Math.round(seconds / 60)} minutes pass`,
        outcome: 'ok',
        rule: 'A-14',
        detail: {
          summary: `The simulated clock moves ${seconds} s ahead. The access token issued earlier is now past its exp.`,
        },
      });
    },
  };
  const clientConfig = clientConfigFor(world, config, plan.grant);
  if (attack?.victim.serverUrl) clientConfig.serverUrl = attack.victim.serverUrl(world);
  const client = new McpClient(deps, clientConfig, world.rng('client'));

  const start = async (): Promise<RunResult> => {
    if (attack?.prepare) await attack.prepare(world, attacker);
    const actor = createActor(flowWith(client), {
      input: { operations: plan.operations, grant: plan.grant },
    });
    actor.start();
    await toPromise(actor);
    const snapshot = actor.getSnapshot();
    const outcome: FlowOutcome = snapshot.context.outcome ?? {
      kind: 'failed',
      message: 'the flow ended without an outcome',
    };
    await world.recorder.record({
      kind: 'internal',
      stepId: 'flow-ended',
      from: 'client',
      to: 'client',
      title: outcomeTitle(outcome),
      outcome: outcome.kind === 'success' ? 'ok' : 'refused',
      ...(outcome.kind === 'refused' && outcome.rule ? { rule: outcome.rule } : {}),
      detail: { summary: outcomeSummary(outcome) },
    });
    const result: RunResult = { world, client, outcome, trace: world.recorder.events };
    if (attack) result.attack = await finishAttack(attack, { world, attacker, victim: result, browser });
    return result;
  };
  return { world, client, start };
}

export function outcomeTitle(outcome: FlowOutcome): string {
  switch (outcome.kind) {
    case 'success':
      return 'Authorized: the tool ran';
    case 'refused':
      return `Client stopped${outcome.rule ? ` (${outcome.rule})` : ''}`;
    case 'denied':
      return outcome.error === 'access_denied'
        ? 'The user said no: nothing was granted'
        : `Authorization failed: ${outcome.error}`;
    case 'failed':
      return 'The flow failed';
  }
}

function outcomeSummary(outcome: FlowOutcome): string {
  switch (outcome.kind) {
    case 'success':
      return 'The client holds a token bound to this MCP server and the server ran the tool for the signed-in user.';
    case 'refused':
      return outcome.message;
    case 'denied':
      return `${outcome.error}${outcome.description ? `: ${outcome.description}` : ''}. The client gets no code and no token.`;
    case 'failed':
      return outcome.message;
  }
}

/** Runs a whole flow headless, as fast as it goes. */
export function runFlow(config: RunConfig): Promise<RunResult> {
  return prepareRun(config).start();
}
