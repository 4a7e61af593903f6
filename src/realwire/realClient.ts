/**
 * Real-wire mode, client side: the simulator's own `McpClient` (the code the app teaches with) and
 * its flow machine, against any MCP server over real HTTP. The client's rules are the simulator's:
 * metadata resource and issuer checks, PKCE support, state, iss, resource; a refusal names its rule.
 */
import { createActor, toPromise } from 'xstate';
import { ATTACKS } from '../sim/attacks/registry';
import type { AttackId } from '../sim/attacks/ids';
import { attackVulnerabilities } from '../sim/attacks/run';
import { VULNERABILITIES } from '../sim/attacks/vulnerabilities';
import type { VulnerabilityId } from '../sim/attacks/vulnerabilities';
import { McpClient } from '../sim/client/client';
import { deriveSigningKey, keyedByThumbprint, signingKeyFromPkcs8 } from '../sim/crypto/jwt';
import type { SigningKey } from '../sim/crypto/jwt';
import { EXTENSION_CLIENT_CREDENTIALS, EXTENSION_ENTERPRISE } from '../sim/oauth/urns';
import { isSafeEndpoint } from '../sim/client/discovery';
import { describeNegotiated, negotiated } from '../sim/client/revision';
import type { Negotiated } from '../sim/client/revision';
import type {
  BrowserResult,
  ClientConfig,
  ClientCredentials,
  ClientDeps,
  ClientNote,
  EnterpriseConfig,
  ElicitationAnswer,
  Grant,
  ElicitationRequest,
  Operation,
} from '../sim/client/types';
import { clientChecks } from '../sim/flow/simulation';
import { flowWith } from '../sim/flow/flowMachine';
import type { FlowOutcome } from '../sim/flow/flowMachine';
import { CLIENT_NAME } from '../sim/servers/clientHost';
import { PROTOCOL_VERSION } from '../sim/servers/mcp';
import { LEGACY_VERSIONS } from '../sim/servers/mcp/legacy';
import { cryptoRng } from '../sim/world/random';
import type { Rng } from '../sim/world/random';
import { exchangeFetch, followRedirects, openInBrowser } from './browser';
import type { RealFetch } from './browser';
import { startCallbackListener } from './callback';
import type { CallbackListener } from './callback';
import { formatExchange } from './exchange';
import type { Exchange } from './exchange';

export interface RealClientOptions {
  serverUrl: string;
  /** Follow the authorization URL with fetch (an AS that approves by itself) instead of a browser. */
  follow?: boolean;
  /** Port of the loopback callback listener; 0 picks a free one. */
  callbackPort?: number;
  clientId?: string | undefined;
  clientSecret?: string;
  /** A P-256 private key (PKCS#8 PEM): authenticate with private_key_jwt instead of a secret (EXT-CC). */
  privateKeyPem?: string;
  /** The issuer the pre-registered credentials belong to (C-14); default: the one discovery finds. */
  issuer?: string;
  cimdUrl?: string;
  attack?: AttackId;
  vulnerabilities?: VulnerabilityId[];
  /** What to do once connected; default: tools/list. */
  operations?: Operation[];
  /**
   * authorization_code (a user signs in; the default), client_credentials (pre-registered secret or
   * key), or enterprise (single sign-on with the company IdP, then ID-JAGs: EXT-EMA).
   */
  grant?: Grant;
  /** For the enterprise grant: the IdP, the client's id there, and an ID token if one is already held. */
  enterprise?: EnterpriseConfig;
  /** Bind tokens to a fresh DPoP key pair (RFC 9449; on the MCP roadmap). */
  dpop?: boolean;
  /**
   * What the user answers a server's elicitation (2025-06-18 to 2025-11-25 servers): accept the
   * form as pre-filled (its defaults), decline or cancel. Absent: the client declares no elicitation.
   */
  elicitation?: 'accept' | 'decline' | 'cancel';
  callbackTimeoutMs?: number;
  log?: (line: string) => void;
  fetch?: RealFetch;
  /** Replaces the user's browser (tests, or a malicious app holding the loopback port). */
  browser?: (url: string, listener: CallbackListener) => Promise<BrowserResult>;
}

export interface RealClientResult {
  outcome: FlowOutcome;
  client: McpClient;
  redirectUri: string;
  exchanges: Exchange[];
  notes: ClientNote[];
  /** The revision the run ended on (transport and authorization); absent when it never started. */
  negotiated?: Negotiated;
}

/** Real randomness for PKCE verifiers and state: the seeded stream is for the simulation only. */
export { cryptoRng };

/** The client checks switched off by these vulnerabilities (only client-side ones matter here). */
export function clientVulnerabilities(
  attack: AttackId | undefined,
  vulnerabilities: readonly VulnerabilityId[] = [],
): VulnerabilityId[] {
  const all = [...(attack ? attackVulnerabilities(ATTACKS[attack], 'off') : []), ...vulnerabilities];
  return [...new Set(all)].filter((v) => VULNERABILITIES[v].party === 'client');
}

function noteLine(note: ClientNote): string[] {
  const mark = note.outcome === 'refused' ? '✗' : note.kind === 'handoff' ? '→' : '✓';
  const lines = [`  ${mark} ${note.title}${note.rule ? ` [${note.rule}]` : ''}`];
  if (note.stepId === 'open-browser') lines.push(`    Authorization URL: ${note.detail.values?.url ?? ''}`);
  else if (note.outcome === 'refused') {
    for (const check of note.detail.checks?.filter((c) => c.status === 'fail') ?? [])
      lines.push(`    ${check.label}: ${check.detail}`);
    lines.push(`    ${note.detail.summary}`);
  } else if (note.stepId === 'prepare-authorization' || note.stepId === 'choose-registration') {
    const values = { ...note.detail.values };
    if (values.code_verifier) values.code_verifier = '(kept by the client)';
    for (const [name, value] of Object.entries(values)) lines.push(`    ${name}: ${value}`);
  }
  return lines;
}

/** The user's answer to a server's form, given on the command line; the form is shown, not filled in. */
function answerElicitation(
  choice: 'accept' | 'decline' | 'cancel',
  say: (line: string) => void,
): (request: ElicitationRequest) => Promise<ElicitationAnswer> {
  return (request) => {
    say(`  ? the server asks: "${request.message}" (form: ${JSON.stringify(request.requestedSchema)})`);
    // Accepting sends the form as the server pre-filled it: its defaults (elicitation.ts).
    return Promise.resolve(choice === 'accept' ? { action: 'accept', content: {} } : { action: choice });
  };
}

/** Pre-registered credentials, keyed by the issuer discovery finds unless one was given (C-14). */
class RealMcpClient extends McpClient {
  constructor(
    deps: ClientDeps,
    config: ClientConfig,
    rng: Rng,
    private readonly unkeyed: ClientCredentials | undefined,
    private readonly say: (line: string) => void,
  ) {
    super(deps, config, rng);
  }

  override async discover(): Promise<void> {
    await super.discover();
    const issuer = this.session.metadata?.issuer;
    if (this.unkeyed && issuer && !this.ctx.config.preregistered[issuer]) {
      this.ctx.config.preregistered[issuer] = this.unkeyed;
      this.say(
        `  · the pre-registered client_id ${this.unkeyed.client_id} is taken to be for ${issuer} (--issuer pins it)`,
      );
    }
  }
}

export async function runRealClient(options: RealClientOptions): Promise<RealClientResult> {
  const say = options.log ?? (() => undefined);
  let server: URL;
  try {
    server = new URL(options.serverUrl);
  } catch {
    return failedEarly(options, `Not a URL: ${options.serverUrl}`);
  }
  // OAuth 2.1 §1.5 (C-32): tokens travel only over TLS. Pointing the client at an http server on
  // this machine is the explicit choice that lets a local world's endpoints be plain http too; a
  // remote server's metadata can never send it to http endpoints.
  const allowLoopbackHttp = server.protocol === 'http:' && isSafeEndpoint(server.href, true);
  const safe = isSafeEndpoint(server.href, allowLoopbackHttp);
  if (!safe) {
    return failedEarly(options, `Refusing ${server.href}: only https, or http to a loopback address`, 'C-32');
  }
  const exchanges: Exchange[] = [];
  const notes: ClientNote[] = [];
  const fetchOnce = exchangeFetch((exchange) => {
    exchanges.push(exchange);
    say(formatExchange(exchange));
  }, options.fetch);
  // What reaches the loopback listener from a browser is part of the flow too (the callback). With
  // --follow the client delivers it itself, through fetchOnce, which has recorded it already.
  const listener = await startCallbackListener(
    options.callbackPort ?? 0,
    '/callback',
    options.follow ? {} : { onExchange: (exchange) => exchanges.push(exchange) },
  );
  say(`Loopback callback listener: ${listener.redirectUri}`);
  const timeout = options.callbackTimeoutMs ?? 300_000;
  const grant = options.grant ?? 'authorization_code';

  const openBrowser = async (url: string): Promise<BrowserResult> => {
    listener.clear();
    if (options.browser) return options.browser(url, listener);
    if (options.follow) {
      const followed = await followRedirects(url, listener.redirectUri, fetchOnce);
      if (followed.kind === 'stopped') return { kind: 'no-callback', reason: followed.reason };
      // Deliver the response to our own listener, as the browser would.
      await fetchOnce(followed.url.href);
    } else {
      const opened = await openInBrowser(url);
      say(
        opened
          ? '  Opened the authorization URL in your browser.'
          : '  Could not start a browser: open the URL above yourself.',
      );
      say(
        `  Waiting up to ${Math.round(timeout / 1000)} s for the browser to come back to ${listener.redirectUri} ...`,
      );
    }
    const callback = await listener.next(options.follow ? 5_000 : timeout);
    if (callback) say(`  ← callback ${callback.pathname}?${[...callback.searchParams.keys()].join('&')}`);
    return callback
      ? { kind: 'callback', url: callback }
      : { kind: 'no-callback', reason: 'the browser did not come back to the client' };
  };

  const deps: ClientDeps = {
    fetch: (url, init) =>
      fetchOnce(url, {
        ...(init.method ? { method: init.method } : {}),
        ...(init.headers ? { headers: init.headers } : {}),
        body: init.body ?? null,
      }),
    note: (note) => {
      notes.push(note);
      for (const line of noteLine(note)) say(line);
      return Promise.resolve();
    },
    openBrowser,
    wait: () => Promise.resolve(), // real time passes by itself
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log: say,
    ...(options.elicitation !== undefined ? { elicit: answerElicitation(options.elicitation, say) } : {}),
  };
  let privateKey: SigningKey | undefined;
  try {
    privateKey = options.privateKeyPem ? await signingKeyFromPkcs8(options.privateKeyPem) : undefined;
  } catch (error) {
    await listener.close();
    return failedEarly(
      options,
      `The private key cannot be used: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const credentials =
    options.clientId !== undefined
      ? {
          client_id: options.clientId,
          ...(options.clientSecret !== undefined ? { client_secret: options.clientSecret } : {}),
          ...(privateKey ? { private_key: privateKey } : {}),
        }
      : undefined;
  const config: ClientConfig = {
    // Verbatim: the metadata's resource must be identical to the URL the client was given (RFC 9728 §3.3).
    serverUrl: options.serverUrl,
    redirectUri: listener.redirectUri,
    clientName: CLIENT_NAME,
    ...(options.cimdUrl ? { cimdUrl: options.cimdUrl } : {}),
    preregistered: credentials && options.issuer ? { [options.issuer]: credentials } : {},
    grant,
    checks: clientChecks(clientVulnerabilities(options.attack, options.vulnerabilities)),
    maxAuthorizations: 3,
    protocolVersion: PROTOCOL_VERSION,
    // Dual-era: the revisions the world also serves, for servers of before 2026-07-28 (mcp.ts).
    legacyVersions: LEGACY_VERSIONS,
    allowLoopbackHttp,
    // C-72: the extension in use, declared in every request.
    ...(grant === 'client_credentials' ? { extensions: [EXTENSION_CLIENT_CREDENTIALS] } : {}),
    ...(grant === 'enterprise' ? { extensions: [EXTENSION_ENTERPRISE] } : {}),
    ...(options.enterprise ? { enterprise: options.enterprise } : {}),
    // A key pair from the CSPRNG, made for this run and never written anywhere.
    ...(options.dpop ? { dpop: { key: keyedByThumbprint(deriveSigningKey(cryptoRng(), '')) } } : {}),
  };
  const client = new RealMcpClient(deps, config, cryptoRng(), options.issuer ? undefined : credentials, say);
  try {
    const actor = createActor(flowWith(client), {
      input: {
        operations: options.operations ?? [{ kind: 'call', method: 'tools/list' }],
        grant,
      },
    });
    actor.start();
    await toPromise(actor);
    const outcome = actor.getSnapshot().context.outcome ?? {
      kind: 'failed',
      message: 'the flow ended without an outcome',
    };
    // Which revision the client negotiated down to, read before closing forgets the session's.
    const settled = negotiated(client.ctx);
    say(describeNegotiated(settled));
    await client.close();
    return { outcome, client, redirectUri: listener.redirectUri, exchanges, notes, negotiated: settled };
  } finally {
    await listener.close();
  }
}

function failedEarly(options: RealClientOptions, message: string, rule?: 'C-32'): Promise<RealClientResult> {
  options.log?.(message);
  const deps: ClientDeps = {
    fetch: () => Promise.reject(new Error('not connected')),
    note: () => Promise.resolve(),
    openBrowser: () => Promise.resolve({ kind: 'no-callback', reason: 'not started' }),
  };
  const config: ClientConfig = {
    serverUrl: options.serverUrl,
    redirectUri: '',
    clientName: CLIENT_NAME,
    preregistered: {},
    grant: 'authorization_code',
    checks: clientChecks([]),
    maxAuthorizations: 0,
    protocolVersion: PROTOCOL_VERSION,
    allowLoopbackHttp: false,
  };
  const outcome: FlowOutcome = rule ? { kind: 'refused', rule, message } : { kind: 'failed', message };
  return Promise.resolve({
    outcome,
    client: new McpClient(deps, config, cryptoRng()),
    redirectUri: '',
    exchanges: [],
    notes: [],
  });
}
