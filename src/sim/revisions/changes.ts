/**
 * What changed between two revisions, for one scenario: the two runs are aligned message by message
 * (trace/diff.ts, alignRuns), and each difference found is explained by the change that made it:
 * the revision, the spec section, the proposal or pull request, and one sentence on why. The runs
 * decide what differs; this catalogue only says why, and a test holds it to every difference the
 * runs show (none unexplained, none of these entries explaining nothing).
 */
import type { StepId } from '../steps';
import { alignRuns } from '../trace/diff';
import type { AlignedRow, ParamDifference } from '../trace/diff';
import type { TraceEvent } from '../trace/types';
import { REVISIONS } from './ids';
import type { Revision } from './ids';

export interface Link {
  label: string;
  href: string;
}

export interface Change {
  id: string;
  /** The revision that made the change. */
  since: Revision;
  title: string;
  /** One sentence: the attack or the problem it answers. */
  why: string;
  spec: Link;
  by: Link;
  /** A second proposal, where the change took two (2026-07-28's changelog, items 1 and 2). */
  also?: Link;
}

const SITE = 'https://modelcontextprotocol.io/specification';
const REPO = 'https://github.com/modelcontextprotocol/modelcontextprotocol';
const pr = (n: number): Link => ({ label: `PR #${n}`, href: `${REPO}/pull/${n}` });
const sep = (n: number): Link => ({ label: `SEP-${n}`, href: `${REPO}/pull/${n}` });

export const CHANGES = {
  'resource-server': {
    id: 'resource-server',
    since: '2025-06-18',
    title: 'The MCP server names its authorization server',
    why: "The MCP server became a resource server that points to its authorization server in protected resource metadata (RFC 9728), so one authorization server can serve many MCP servers and a client no longer assumes it sits at the MCP server's origin.",
    spec: {
      label: '2025-06-18 Authorization §Authorization Server Discovery',
      href: `${SITE}/2025-06-18/basic/authorization#authorization-server-discovery`,
    },
    by: pr(338),
  },
  resource: {
    id: 'resource',
    since: '2025-06-18',
    title: 'Tokens bound to one MCP server (RFC 8707)',
    why: 'The client names the server a token is for and that server checks the audience, so a malicious MCP server cannot replay a token it was given at another one (the confused deputy and token passthrough).',
    spec: {
      label: '2025-06-18 Authorization §Resource Parameter Implementation',
      href: `${SITE}/2025-06-18/basic/authorization#resource-parameter-implementation`,
    },
    by: pr(734),
  },
  'version-header': {
    id: 'version-header',
    since: '2025-06-18',
    title: 'Every request names the negotiated version',
    why: 'After initialize, each HTTP request carries MCP-Protocol-Version, so a server (or anything in between) knows which revision it is reading without keeping track of the session.',
    spec: {
      label: '2025-06-18 Transports §Protocol Version Header',
      href: `${SITE}/2025-06-18/basic/transports#protocol-version-header`,
    },
    by: pr(548),
  },
  'scope-challenge': {
    id: 'scope-challenge',
    since: '2025-11-25',
    title: 'The challenge names the scope, and the client asks for it',
    why: 'A client used to guess what to ask for; now the server says which scope the operation needs and the client asks for just that, getting more later by step-up: least privilege.',
    spec: {
      label: '2025-11-25 Authorization §Scope Selection Strategy',
      href: `${SITE}/2025-11-25/basic/authorization#scope-selection-strategy`,
    },
    by: sep(835),
  },
  cimd: {
    id: 'cimd',
    since: '2025-11-25',
    title: 'Client ID Metadata Documents',
    why: 'Clients and servers rarely know each other in advance: a client can use the URL of its own metadata document as its client_id instead of registering at every authorization server.',
    spec: {
      label: '2025-11-25 Authorization §Client ID Metadata Documents',
      href: `${SITE}/2025-11-25/basic/authorization#client-id-metadata-documents`,
    },
    by: sep(991),
  },
  'pkce-check': {
    id: 'pkce-check',
    since: '2025-11-25',
    title: 'The client checks PKCE support before it starts',
    why: 'A server that does not list code_challenge_methods_supported may not enforce PKCE; the client refuses rather than send a code that anyone who sees it could redeem (a downgrade).',
    spec: {
      label: '2025-11-25 Authorization §Authorization Code Protection',
      href: `${SITE}/2025-11-25/basic/authorization#authorization-code-protection`,
    },
    by: pr(797),
  },
  stateless: {
    id: 'stateless',
    since: '2026-07-28',
    title: 'No initialize, no session',
    why: 'Each request carries its version and capabilities in _meta, so any server instance can answer it and there is no session id to steal: the session hijacking of earlier revisions has nothing to take.',
    spec: {
      label: '2026-07-28 Key Changes §Major changes 1-2',
      href: `${SITE}/2026-07-28/changelog#major-changes`,
    },
    // Item 2 removed initialize (SEP-2575); item 1 removed sessions and Mcp-Session-Id (SEP-2567).
    by: sep(2575),
    also: sep(2567),
  },
  'mcp-headers': {
    id: 'mcp-headers',
    since: '2026-07-28',
    title: 'The method in the headers',
    why: 'Mcp-Method and Mcp-Name repeat the body in the headers, so a gateway can route and authorize a request without parsing it; the server refuses a header that disagrees with the body.',
    spec: {
      label: '2026-07-28 Streamable HTTP §Request Metadata',
      href: `${SITE}/2026-07-28/basic/transports/streamable-http`,
    },
    by: sep(2243),
  },
  iss: {
    id: 'iss',
    since: '2026-07-28',
    title: 'iss in the authorization response (RFC 9207)',
    why: "Against the mix-up attack: the client records which authorization server it sent the user to and checks the response's iss before the code goes anywhere, so a malicious server cannot have it redeem an honest server's code at the attacker's token endpoint.",
    spec: {
      label: '2026-07-28 Authorization §Authorization Response Validation',
      href: `${SITE}/2026-07-28/basic/authorization#authorization-response-validation`,
    },
    by: sep(2468),
  },
  'metadata-issuer': {
    id: 'metadata-issuer',
    since: '2026-07-28',
    title: "The metadata's issuer must be the one asked",
    why: "The iss check is only as good as the issuer recorded: a metadata document that claims another server's name is refused (RFC 8414 §3.3), or a malicious server could lend itself the honest one's.",
    spec: {
      label: '2026-07-28 Authorization Server Discovery §Authorization Server Metadata Discovery',
      href: `${SITE}/2026-07-28/basic/authorization/authorization-server-discovery`,
    },
    by: sep(2468),
  },
  'application-type': {
    id: 'application-type',
    since: '2026-07-28',
    title: 'application_type in Dynamic Client Registration',
    why: 'OpenID Connect takes a registration without application_type as "web", which may refuse the loopback redirect a desktop client uses; a client now says "native".',
    spec: {
      label: '2026-07-28 Client Registration §Application Type',
      href: `${SITE}/2026-07-28/basic/authorization/client-registration#application-type-and-redirect-uri-constraints`,
    },
    by: sep(837),
  },
  'scope-union': {
    id: 'scope-union',
    since: '2026-07-28',
    title: 'Step-up keeps the scopes granted before',
    why: 'A client that asked for only the challenged scope lost what it had, and the next call needed another round of consent; it now asks for the union.',
    spec: {
      label: '2026-07-28 Authorization §Step-Up Authorization Flow',
      href: `${SITE}/2026-07-28/basic/authorization#step-up-authorization-flow`,
    },
    by: sep(2350),
  },
} as const satisfies Record<string, Change>;

export type ChangeId = keyof typeof CHANGES;

/** A difference in one message, as the matcher sees it. */
interface Seen {
  row: 'added' | 'removed' | 'changed';
  event: TraceEvent;
  param?: ParamDifference;
}

function rpcMethodOf(e: TraceEvent): string | undefined {
  if (e.kind !== 'request' && e.kind !== 'response') return undefined;
  try {
    const body: unknown = JSON.parse(e.request.body ?? '');
    return typeof body === 'object' && body !== null && 'method' in body ? String(body.method) : undefined;
  } catch {
    return undefined;
  }
}

const SERVER_WORK: readonly StepId[] = ['jwks-fetch', 'validate-token', 'introspect-token'];
const AS_PLACES = ['url', 'response json'];

/** Which change explains it; undefined when none does (a test says so). */
function changeFor({ row, event, param }: Seen): ChangeId | undefined {
  const step = event.stepId;
  if (row !== 'changed') {
    if (step === 'prm-discovery' || step === 'validate-prm') return 'resource-server';
    const method = rpcMethodOf(event);
    if (method === 'initialize' || method === 'notifications/initialized') return 'stateless';
    // The server's own work moves with the first authorized call, initialize or not.
    if (SERVER_WORK.includes(step) || step === 'mcp-request') return 'stateless';
    if (step === 'cimd-fetch') return 'cimd';
    return undefined;
  }
  if (!param) return undefined;
  const { where, name, a, b } = param;
  if (
    name === 'iss' ||
    name === 'authorization_response_iss_parameter_supported' ||
    name === 'Expected issuer recorded'
  )
    return where.endsWith('claim') ? 'resource-server' : 'iss';
  if (name === 'issuer is identical') return 'metadata-issuer';
  if (name === 'application_type') return 'application-type';
  if (name === 'client_id_metadata_document_supported') return 'cimd';
  if (name === 'PKCE S256 supported') return 'pkce-check';
  if (name === 'resource' || name === 'aud' || name === 'Audience') return 'resource';
  if (
    name === 'resource_metadata' ||
    name === 'realm' ||
    name === 'Metadata found' ||
    name === 'Metadata, or the default endpoints'
  )
    return 'resource-server';
  if (name === 'address' || (AS_PLACES.includes(where) && /_endpoint$|^jwks_uri$|^issuer$/.test(name)))
    return 'resource-server';
  if (name === 'mcp-method' || name === 'mcp-name') return 'mcp-headers';
  // C-70, the client credentials extension's check of the method the server lists: an extension is
  // negotiated in the per-request capabilities of the stateless transport (C-72), so only a 2026-07-28
  // client runs it (docs/reference §3.5: the extensions' rules have a cell under 2026-07-28 only).
  if (where === 'check' && name.startsWith('The server accepts ')) return 'stateless';
  if (step === 'step-up') return 'scope-union';
  if (name === 'scope') {
    // A machine client asks for the first scope the resource's metadata lists: there is none in 2025-03-26.
    if (step === 'client-credentials') return 'resource-server';
    // Asked for at all: the challenge's scope; asked for differently on a step-up: the union.
    return a !== undefined && b !== undefined ? 'scope-union' : 'scope-challenge';
  }
  if (name === 'mcp-protocol-version')
    return a === undefined && step === 'mcp-request' ? 'version-header' : 'stateless';
  if (where.endsWith('json') && (name === 'params' || name === 'method' || name === 'result'))
    return 'stateless';
  return undefined;
}

/**
 * Differences that carry no meaning of their own: JSON-RPC ids count the messages of a connection
 * (fewer messages, other numbers), and a note's title follows the checks beside it.
 */
function isNoise(step: StepId, param: ParamDifference): boolean {
  return (
    (param.where.endsWith('json') && param.name === 'id') ||
    (param.where === 'note' && step !== 'step-up') ||
    onlyTheRevisionsName(param)
  );
}

/** Values that differ only in the revision they name (the version a request carries is its revision's). */
function onlyTheRevisionsName({ a, b }: ParamDifference): boolean {
  const strip = (v: string | undefined) => v?.replace(/\d{4}-\d\d-\d\d/g, 'DATE');
  return a !== undefined && b !== undefined && strip(a) === strip(b);
}

export interface ExplainedRow {
  row: AlignedRow;
  a: TraceEvent | undefined;
  b: TraceEvent | undefined;
  /** The changes that explain this row, each with the parameters it explains (none for added/removed). */
  explained: { change: ChangeId; params: ParamDifference[] }[];
  /** What differs that nothing explains (a test keeps it empty). */
  unexplained: ParamDifference[];
}

/** Each row of the alignment with the change behind it. */
export function explainRows(
  a: readonly TraceEvent[],
  b: readonly TraceEvent[],
  rows: readonly AlignedRow[],
): ExplainedRow[] {
  return rows.map((row) => {
    const ea = row.kind === 'added' ? undefined : a[row.a];
    const eb = row.kind === 'removed' ? undefined : b[row.b];
    const explained: ExplainedRow['explained'] = [];
    const unexplained: ParamDifference[] = [];
    const add = (change: ChangeId, param?: ParamDifference) => {
      const entry = explained.find((x) => x.change === change);
      if (entry) {
        if (param) entry.params.push(param);
      } else explained.push({ change, params: param ? [param] : [] });
    };
    if (row.kind === 'added' || row.kind === 'removed') {
      const event = ea ?? eb;
      const change = event ? changeFor({ row: row.kind, event }) : undefined;
      if (change) add(change);
    } else if (row.kind === 'changed' && ea) {
      for (const param of row.params) {
        if (isNoise(ea.stepId, param)) continue;
        const change = changeFor({ row: 'changed', event: ea, param });
        if (change) add(change, param);
        else unexplained.push(param);
      }
    }
    return { row, a: ea, b: eb, explained, unexplained };
  });
}

export interface RevisionComparison {
  from: Revision;
  to: Revision;
  rows: ExplainedRow[];
  /** The changes that explain something here, in the order the flow first meets them. */
  changes: ChangeId[];
}

/** Compares two traces of the same scenario under two revisions. */
export function compareTraces(
  from: Revision,
  to: Revision,
  a: readonly TraceEvent[],
  b: readonly TraceEvent[],
): RevisionComparison {
  const rows = explainRows(a, b, alignRuns(a, b));
  const changes: ChangeId[] = [];
  for (const row of rows)
    for (const { change } of row.explained) if (!changes.includes(change)) changes.push(change);
  return { from, to, rows, changes };
}

/** The revisions strictly after `from` up to and including `to`: where a change between them was made. */
export function revisionsBetween(from: Revision, to: Revision): Revision[] {
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  return REVISIONS.filter((r) => r > lo && r <= hi);
}
