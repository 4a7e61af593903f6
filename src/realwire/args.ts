/**
 * Command-line options of `npm run world` and `npm run client`, parsed by hand (no dependency):
 * `--name value`, `--name=value`, boolean `--name`, repeatable options, and positionals.
 */
import { isAttackId } from '../sim/attacks/ids';
import type { AttackId } from '../sim/attacks/ids';
import { isVulnerabilityId, VULNERABILITY_IDS } from '../sim/attacks/vulnerabilities';
import type { VulnerabilityId } from '../sim/attacks/vulnerabilities';
import { ATTACK_IDS } from '../sim/attacks/ids';
import { isRevision, LATEST_REVISION, REVISIONS } from '../sim/revisions/ids';
import type { Revision } from '../sim/revisions/ids';
import { VULNERABILITIES } from '../sim/attacks/vulnerabilities';
import { FAULT_IDS, isFaultId } from '../sim/practice/faults';
import type { FaultId } from '../sim/practice/faults';
import { isSecretMethodChoice, SECRET_METHOD_CHOICES } from '../sim/servers/auth/secretMethods';
import type { SecretMethodChoice } from '../sim/servers/auth/secretMethods';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

interface Spec {
  values: readonly string[];
  booleans: readonly string[];
}

interface Argv {
  positionals: string[];
  values: Map<string, string[]>;
  booleans: Set<string>;
}

export function parseArgv(argv: readonly string[], spec: Spec): Parsed<Argv> {
  const result: Argv = { positionals: [], values: new Map(), booleans: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--') || arg === '--') {
      if (arg !== '--') result.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (spec.booleans.includes(name)) {
      if (eq >= 0) return { ok: false, message: `--${name} takes no value` };
      result.booleans.add(name);
    } else if (spec.values.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--')))
        return { ok: false, message: `--${name} needs a value` };
      result.values.set(name, [...(result.values.get(name) ?? []), value]);
    } else {
      return { ok: false, message: `unknown option --${name}` };
    }
  }
  return { ok: true, value: result };
}

function last(argv: Argv, name: string): string | undefined {
  return argv.values.get(name)?.at(-1);
}

function integer(argv: Argv, name: string, min: number, max: number): Parsed<number | undefined> {
  const raw = last(argv, name);
  if (raw === undefined) return { ok: true, value: undefined };
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max)
    return { ok: false, message: `--${name} must be a whole number from ${min} to ${max}` };
  return { ok: true, value: n };
}

function attackAndVulns(argv: Argv): Parsed<{ attack?: AttackId; vulnerabilities: VulnerabilityId[] }> {
  const attack = last(argv, 'attack');
  if (attack !== undefined && !isAttackId(attack)) {
    return { ok: false, message: `unknown attack ${attack}; one of: ${ATTACK_IDS.join(', ')}` };
  }
  const vulnerabilities: VulnerabilityId[] = [];
  for (const v of argv.values.get('vuln') ?? []) {
    if (!isVulnerabilityId(v))
      return { ok: false, message: `unknown vulnerability ${v}; one of: ${VULNERABILITY_IDS.join(', ')}` };
    vulnerabilities.push(v);
  }
  return { ok: true, value: { ...(attack !== undefined ? { attack } : {}), vulnerabilities } };
}

/** Whose faults a command serves: the world's servers, or the client's own. */
type Side = 'world' | 'client';

const sideOf = (id: FaultId): Side => (VULNERABILITIES[id].party === 'client' ? 'client' : 'world');

/** The practice faults a command takes, one line each, for its --help. */
function faultList(side: Side): string {
  return FAULT_IDS.filter((id) => sideOf(id) === side)
    .map((id) => `  ${id.padEnd(26)}${VULNERABILITIES[id].breaks}: ${VULNERABILITIES[id].title}`)
    .join('\n');
}

/**
 * `--fault <id>` (repeatable): a practice drill's fault (src/sim/practice/faults.ts), a named
 * vulnerability like the lab's; the world serves the servers' faults, the client has its own.
 */
function faults(argv: Argv, side: Side): Parsed<VulnerabilityId[]> {
  const out: VulnerabilityId[] = [];
  for (const id of argv.values.get('fault') ?? []) {
    if (!isFaultId(id)) return { ok: false, message: `unknown fault ${id}; --help lists them` };
    if (sideOf(id) !== side) {
      const other = side === 'world' ? 'npm run client -- <url> --fault' : 'npm run world -- --fault';
      return {
        ok: false,
        message: `${id} is a fault of the ${side === 'world' ? 'client' : 'servers'}: ${other} ${id}`,
      };
    }
    out.push(id);
  }
  return { ok: true, value: out };
}

export interface WorldArgs {
  port: number | undefined;
  seed: string | undefined;
  attack: AttackId | undefined;
  vulnerabilities: VulnerabilityId[];
  autoApprove: boolean;
  strictDcr: boolean;
  tokenLifetime: number | undefined;
  har: string | undefined;
  /** Write the machine client's private key (private_key_jwt) here, for npm run client -- --private-key. */
  clientKey: string | undefined;
  /** The revision the servers follow (default: the latest). */
  revision: Revision;
  /** How the token endpoint takes a client secret: both ways, or the body only. */
  clientAuth: SecretMethodChoice;
  help: boolean;
}

export const WORLD_USAGE = `Usage: npm run world -- [options]

Serves the simulator's MCP server and authorization server on 127.0.0.1 for real MCP clients.

  --port <n>              port to listen on (default 8765; 0 picks a free one)
  --seed <text>           seed of the world's keys, secrets, codes and tokens: a reproducible world,
                          for demos only (anyone who knows the seed, or sees a few codes, can forge
                          tokens and predict codes). Default: every secret from the system's CSPRNG
  --attack <id>           switch on an attack's vulnerabilities, defence off (ids of the attack lab)
  --vuln <id>             switch on one named vulnerability (repeatable)
  --fault <id>            serve a practice drill's hidden fault (repeatable; listed below)
  --auto-approve          approve the consent page automatically (headless clients)
  --token-lifetime <s>    access token lifetime in seconds (default 3600)
  --har <file>            write every exchange as a HAR 1.2 file on exit
  --strict-dcr            refuse registrations without application_type (no pre-2026 compat)
  --client-key <file>     write the private key of the pre-registered machine client that signs
                          client assertions (private_key_jwt) to this file (mode 600), for
                          npm run client -- --grant client_credentials --private-key <file>
  --client-auth <which>   how the token endpoint takes a client secret, as its metadata lists:
                          both (default: client_secret_basic and client_secret_post) or post
                          (client_secret_post only, the method OAuth 2.1 requires; Basic is
                          refused with 401 invalid_client)
  --revision <date>       serve that revision of the spec: ${REVISIONS.join(', ')} (default
                          ${LATEST_REVISION}). Before 2026-07-28 only initialize and sessions; in
                          2025-03-26 no protected resource metadata, and the authorization server at
                          the MCP server's origin
  --help                  this text

Faults of the practice drills (the app's #/practice), each a bug real servers shipped:
${faultList('world')}`;

export function parseWorldArgs(raw: readonly string[]): Parsed<WorldArgs> {
  const parsed = parseArgv(raw, {
    values: [
      'port',
      'seed',
      'attack',
      'vuln',
      'fault',
      'token-lifetime',
      'har',
      'client-key',
      'revision',
      'client-auth',
    ],
    booleans: ['auto-approve', 'strict-dcr', 'help'],
  });
  if (!parsed.ok) return parsed;
  const argv = parsed.value;
  if (argv.positionals.length > 0)
    return { ok: false, message: `unexpected argument ${argv.positionals[0] ?? ''}` };
  const port = integer(argv, 'port', 0, 65535);
  if (!port.ok) return port;
  const lifetime = integer(argv, 'token-lifetime', 1, 30 * 24 * 3600);
  if (!lifetime.ok) return lifetime;
  const av = attackAndVulns(argv);
  if (!av.ok) return av;
  const revision = last(argv, 'revision') ?? LATEST_REVISION;
  if (!isRevision(revision))
    return { ok: false, message: `unknown revision ${revision}; one of: ${REVISIONS.join(', ')}` };
  const fault = faults(argv, 'world');
  if (!fault.ok) return fault;
  const clientAuth = last(argv, 'client-auth') ?? 'both';
  if (!isSecretMethodChoice(clientAuth))
    return {
      ok: false,
      message: `unknown --client-auth ${clientAuth}; one of: ${Object.keys(SECRET_METHOD_CHOICES).join(', ')}`,
    };
  return {
    ok: true,
    value: {
      revision,
      clientAuth,
      port: port.value,
      seed: last(argv, 'seed'),
      attack: av.value.attack,
      vulnerabilities: [...av.value.vulnerabilities, ...fault.value],
      autoApprove: argv.booleans.has('auto-approve'),
      strictDcr: argv.booleans.has('strict-dcr'),
      tokenLifetime: lifetime.value,
      har: last(argv, 'har'),
      clientKey: last(argv, 'client-key'),
      help: argv.booleans.has('help'),
    },
  };
}

export type Grant = 'authorization_code' | 'client_credentials' | 'enterprise';
export type ElicitationChoice = 'accept' | 'decline' | 'cancel';

export interface ClientArgs {
  serverUrl: string;
  grant: Grant;
  elicitation: ElicitationChoice;
  port: number | undefined;
  follow: boolean;
  clientId: string | undefined;
  clientSecret: string | undefined;
  /** A file holding the client's private key (PKCS#8 PEM), for private_key_jwt. */
  privateKey: string | undefined;
  /** For --grant enterprise: the company IdP's issuer, this client's id there, an ID token already held. */
  idp: string | undefined;
  idpClientId: string | undefined;
  idToken: string | undefined;
  /** Bind the tokens to a DPoP key (RFC 9449). */
  dpop: boolean;
  issuer: string | undefined;
  cimdUrl: string | undefined;
  attack: AttackId | undefined;
  vulnerabilities: VulnerabilityId[];
  call: string | undefined;
  callArgs: Record<string, unknown>;
  timeout: number | undefined;
  /** Write the exchanges as a HAR file here when the run ends. */
  trace: string | undefined;
  help: boolean;
}

export const CLIENT_USAGE = `Usage: npm run client -- <mcp-server-url> [options]

Runs the simulator's own MCP client against an MCP server over real HTTP.

  --grant <type>          authorization_code (default: a user signs in) or client_credentials
                          (a machine client: needs --client-id and --client-secret or
                          --private-key, no browser)
                          or enterprise (the user signs in once with the company IdP, then the
                          client gets ID-JAGs for MCP servers: needs --idp and --idp-client-id)
  --idp <issuer>          the company identity provider (enterprise-managed authorization)
  --idp-client-id <id>    this client's client_id at that IdP
  --id-token <jwt>        an ID token already held: no sign-in, straight to the token exchange
  --dpop                  bind the tokens to a fresh key pair with DPoP (RFC 9449, on the MCP
                          roadmap, in no published revision): a proof with every request
  --follow                follow the authorization URL with fetch instead of opening a browser
                          (for an authorization server that approves by itself, e.g. world --auto-approve)
  --port <n>              port of the loopback callback listener on 127.0.0.1 (default: a free one)
  --client-id <id>        use pre-registered credentials...
  --client-secret <s>     ...with this secret (confidential client)
  --private-key <file>    ...or with this P-256 private key (PKCS#8 PEM): the client signs a
                          client assertion instead of sending a secret (private_key_jwt, RFC 7523)
  --issuer <url>          ...for this authorization server only (default: the one the server names)
  --cimd-url <https url>  use a Client ID Metadata Document at this URL as client_id
  --call <tool>           after tools/list, call this tool...
  --args <json>           ...with these arguments (a JSON object)
  --vuln <id>             switch off one client check (a client-* vulnerability; repeatable)
  --attack <id>           switch off the client checks an attack needs off
  --fault <id>            play a practice drill's client fault (repeatable; listed below)
  --timeout <s>           how long to wait for the browser to come back (default 300)
  --trace <file>          write every exchange of the run as a HAR 1.2 file (tokens and codes
                          included: keep it private); open it in the app at #/har to check it
  --elicitation <answer>  what to answer a server that asks the user for input (elicitation, on
                          servers of 2025-06-18 to 2025-11-25): accept (the form as the server
                          pre-filled it, with its defaults), decline (default) or cancel
  --help                  this text

Without --client-id or --cimd-url the client registers itself dynamically (DCR), if the server allows it.
The client speaks 2026-07-28; a server of an earlier revision (2025-03-26 to 2025-11-25) is detected
from its first answer and spoken to with initialize and sessions instead. A server with no protected
resource metadata is taken to be of 2025-03-26: the client looks for the authorization server at its
origin (the default endpoints /authorize, /token, /register when there is no metadata) and follows
that revision's rules. The last line before the outcome says which revision the run ended on.

Client faults of the practice drills (the app's #/practice):
${faultList('client')}`;

export function parseClientArgs(raw: readonly string[]): Parsed<ClientArgs> {
  const parsed = parseArgv(raw, {
    values: [
      'port',
      'client-id',
      'client-secret',
      'private-key',
      'idp',
      'idp-client-id',
      'id-token',
      'issuer',
      'cimd-url',
      'attack',
      'vuln',
      'fault',
      'call',
      'args',
      'timeout',
      'trace',
      'grant',
      'elicitation',
    ],
    booleans: ['follow', 'dpop', 'help'],
  });
  if (!parsed.ok) return parsed;
  const argv = parsed.value;
  const help = argv.booleans.has('help');
  const [serverUrl, extra] = argv.positionals;
  if (!help && serverUrl === undefined) return { ok: false, message: 'the MCP server URL is missing' };
  if (extra !== undefined) return { ok: false, message: `unexpected argument ${extra}` };
  const port = integer(argv, 'port', 0, 65535);
  if (!port.ok) return port;
  const timeout = integer(argv, 'timeout', 1, 3600);
  if (!timeout.ok) return timeout;
  const av = attackAndVulns(argv);
  if (!av.ok) return av;
  const fault = faults(argv, 'client');
  if (!fault.ok) return fault;
  let callArgs: Record<string, unknown> = {};
  const rawArgs = last(argv, 'args');
  if (rawArgs !== undefined) {
    try {
      const value: unknown = JSON.parse(rawArgs);
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new Error('not an object');
      callArgs = value as Record<string, unknown>;
    } catch {
      return { ok: false, message: '--args must be a JSON object, e.g. \'{"path":"notes/plan.md"}\'' };
    }
  }
  if (last(argv, 'client-secret') !== undefined && last(argv, 'client-id') === undefined) {
    return { ok: false, message: '--client-secret needs --client-id' };
  }
  if (last(argv, 'private-key') !== undefined && last(argv, 'client-id') === undefined) {
    return { ok: false, message: '--private-key needs --client-id' };
  }
  if (last(argv, 'private-key') !== undefined && last(argv, 'client-secret') !== undefined) {
    // OAuth 2.1 §2.4: one authentication method per request.
    return { ok: false, message: '--private-key and --client-secret: use one of them' };
  }
  const grant = last(argv, 'grant') ?? 'authorization_code';
  if (grant !== 'authorization_code' && grant !== 'client_credentials' && grant !== 'enterprise')
    return { ok: false, message: '--grant must be authorization_code, client_credentials or enterprise' };
  if (
    grant === 'enterprise' &&
    (last(argv, 'idp') === undefined || last(argv, 'idp-client-id') === undefined)
  )
    return { ok: false, message: '--grant enterprise needs --idp and --idp-client-id' };
  // OAuth 2.1 §4.2: only a confidential client may use client_credentials.
  if (
    grant === 'client_credentials' &&
    last(argv, 'client-secret') === undefined &&
    last(argv, 'private-key') === undefined
  )
    return {
      ok: false,
      message: '--grant client_credentials needs --client-id and --client-secret or --private-key',
    };
  const elicitation = last(argv, 'elicitation') ?? 'decline';
  if (elicitation !== 'accept' && elicitation !== 'decline' && elicitation !== 'cancel')
    return { ok: false, message: '--elicitation must be accept, decline or cancel' };
  return {
    ok: true,
    value: {
      serverUrl: serverUrl ?? '',
      grant,
      elicitation,
      port: port.value,
      follow: argv.booleans.has('follow'),
      clientId: last(argv, 'client-id'),
      clientSecret: last(argv, 'client-secret'),
      privateKey: last(argv, 'private-key'),
      idp: last(argv, 'idp'),
      idpClientId: last(argv, 'idp-client-id'),
      idToken: last(argv, 'id-token'),
      dpop: argv.booleans.has('dpop'),
      issuer: last(argv, 'issuer'),
      cimdUrl: last(argv, 'cimd-url'),
      attack: av.value.attack,
      vulnerabilities: [...av.value.vulnerabilities, ...fault.value],
      call: last(argv, 'call'),
      callArgs,
      timeout: timeout.value,
      trace: last(argv, 'trace'),
      help,
    },
  };
}
