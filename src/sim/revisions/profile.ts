/**
 * A revision as data: what it is called, which transport it speaks, and which scenarios and
 * registration modes it can play, each derived from the rule that brought the feature (rules.ts),
 * so a revision never disagrees with its own rules. The parties ask `ruleIn` where they enforce a
 * rule; this file answers the questions that are not one rule: the transport, the versions a
 * server negotiates, and what the simulator can offer under a revision.
 */
import type { RuleId } from '../rules';
import type { RegistrationMode, ScenarioId } from '../scenarios';
import { LATEST_REVISION, REVISIONS } from './ids';
import type { Revision } from './ids';
import { firstRevisionOf, ruleIn } from './rules';

/** What the learner reads about each revision, and where its text is (the spec repository). */
export const REVISION_INFO: Record<Revision, { title: string; summary: string; spec: string }> = {
  '2025-03-26': {
    title: 'The first authorization spec',
    summary:
      "OAuth 2.1 with PKCE. No protected resource metadata: the authorization server is found at the MCP server's own origin, with default endpoints when it publishes no metadata. Sessions opened with initialize.",
    spec: 'docs/specification/2025-03-26/basic/authorization.mdx',
  },
  '2025-06-18': {
    title: 'The MCP server becomes a resource server',
    summary:
      'Protected resource metadata (RFC 9728) names the authorization server, found through WWW-Authenticate; the resource parameter (RFC 8707) binds each token to its server, which checks the audience.',
    spec: 'docs/specification/2025-06-18/basic/authorization.mdx',
  },
  '2025-11-25': {
    title: 'Client ID Metadata Documents and scopes',
    summary:
      'Metadata through the header or well-known URLs, OpenID Connect discovery, Client ID Metadata Documents (DCR down to MAY), scope in the challenge and step-up, and a PKCE check on the metadata.',
    spec: 'docs/specification/2025-11-25/basic/authorization.mdx',
  },
  '2026-07-28': {
    title: 'Mix-up defence and a stateless transport',
    summary:
      'RFC 9207 iss and the metadata issuer check against mix-up, application_type in DCR (now deprecated), credentials bound to one authorization server, scope union on step-up, refresh tokens. No initialize, no sessions.',
    spec: 'docs/specification/2026-07-28/basic/authorization/',
  },
};

/**
 * The transport of a revision: 2026-07-28 is stateless (every request carries its version, S-26);
 * the revisions before open with `initialize` and keep a session (S-40).
 */
export function transportOf(revision: Revision): 'stateless' | 'sessions' {
  return ruleIn(revision, 'S-26') ? 'stateless' : 'sessions';
}

/**
 * The initialize-based revisions a party of this revision speaks, newest first: its own and the
 * earlier ones (lifecycle.mdx §Version Negotiation: a server answers with a version it supports).
 * 2026-07-28 lists them all: the dual-era server (and client) of versioning.mdx §Backward Compatibility.
 */
export function legacyVersionsOf(revision: Revision): Revision[] {
  return REVISIONS.filter((r) => transportOf(r) === 'sessions' && r <= revision).reverse();
}

/** The client of a run: a client of one revision, or the dual-era client `npm run client` is. */
export type ClientKind = Revision | 'dual-era';

export const CLIENT_KINDS: readonly ClientKind[] = [...REVISIONS, 'dual-era'];

export function isClientKind(value: string): value is ClientKind {
  return (CLIENT_KINDS as readonly string[]).includes(value);
}

/** The revision whose rules a client applies before it learns anything about the server. */
export function clientRevisionOf(kind: ClientKind): Revision {
  return kind === 'dual-era' ? LATEST_REVISION : kind;
}

/** A feature a scenario or registration mode needs, named by the rule that brought it. */
interface Need {
  rule: RuleId;
  what: string;
  /** The proposal or pull request that made it (changelog of the revision). */
  by: string;
  /**
   * Not part of any revision: an opt-in extension, or DPoP from the roadmap. Its rules have a cell
   * under 2026-07-28 only (docs/reference §3.5) because that is the transport it negotiates with.
   */
  outside?: 'extension' | 'roadmap';
}

const SCENARIO_NEEDS: Partial<Record<ScenarioId, Need>> = {
  'step-up': { rule: 'C-17', what: 'Step-up on 403 insufficient_scope', by: 'SEP-835' },
  'client-credentials-jwt': {
    rule: 'C-71',
    what: 'Client assertions (private_key_jwt, the client credentials extension)',
    by: 'SEP-1046',
    outside: 'extension',
  },
  enterprise: {
    rule: 'C-74',
    what: 'Enterprise-managed authorization (an extension)',
    by: 'SEP-990',
    outside: 'extension',
  },
  dpop: { rule: 'C-76', what: 'DPoP (RFC 9449)', by: 'the MCP roadmap', outside: 'roadmap' },
};

const REGISTRATION_NEEDS: Partial<Record<RegistrationMode, Need>> = {
  cimd: { rule: 'C-10', what: 'Client ID Metadata Documents', by: 'SEP-991' },
};

/**
 * A feature a revision does not have: what it is, the revision it arrived in (for an extension or
 * the roadmap, the revision it is played with), the proposal, and whether it is outside the revisions.
 */
export interface Arrival {
  what: string;
  since: Revision;
  by: string;
  outside: Need['outside'];
}

function arrival(revision: Revision, need: Need | undefined): Arrival | null {
  if (!need || ruleIn(revision, need.rule)) return null;
  return { what: need.what, since: firstRevisionOf(need.rule), by: need.by, outside: need.outside };
}

function sentence(missing: Arrival | null): string | null {
  if (!missing) return null;
  const { what, since, by } = missing;
  if (missing.outside === 'extension')
    return `${what} is in no revision; its pages negotiate it with ${since} (${by}).`;
  if (missing.outside === 'roadmap')
    return `${what} is on ${by}, in no published revision; it is played with ${since}.`;
  return `${what} arrived in ${since} (${by}).`;
}

/** When the scenario arrived, if this revision cannot play it yet. */
export function scenarioArrival(revision: Revision, scenario: ScenarioId): Arrival | null {
  return arrival(revision, SCENARIO_NEEDS[scenario]);
}

/** When the registration mode arrived, if this revision does not have it yet. */
export function registrationArrival(revision: Revision, registration: RegistrationMode): Arrival | null {
  return arrival(revision, REGISTRATION_NEEDS[registration]);
}

/** Why this revision cannot play the scenario, or null when it can. */
export function scenarioUnsupported(revision: Revision, scenario: ScenarioId): string | null {
  return sentence(scenarioArrival(revision, scenario));
}

/** Why this revision has no such registration mode, or null when it has. */
export function registrationUnsupported(revision: Revision, registration: RegistrationMode): string | null {
  return sentence(registrationArrival(revision, registration));
}

/** The registration a run falls back to when the one asked for is not in the revision. */
export function supportedRegistration(revision: Revision, wanted: RegistrationMode): RegistrationMode {
  return registrationUnsupported(revision, wanted) ? 'dcr' : wanted;
}

/**
 * Parts a revision added to a rule that earlier revisions already had: the rule's cell for the
 * earlier revision says what was missing (docs/reference §3.5), and here is the revision that
 * added the part and the proposal that made it. Asked where the part is enforced.
 */
export const CLAUSES = {
  /** C-16: "When re-authorizing, clients SHOULD include these scopes alongside any previously granted scopes". */
  'scope-union': { rule: 'C-16', since: '2026-07-28', by: 'SEP-2350' },
} as const satisfies Record<string, { rule: RuleId; since: Revision; by: string }>;

export type ClauseId = keyof typeof CLAUSES;

export function hasClause(revision: Revision, clause: ClauseId): boolean {
  const { rule, since } = CLAUSES[clause];
  return ruleIn(revision, rule) && revision >= since;
}
