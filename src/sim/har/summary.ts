/**
 * The verdict on a recording, rule by rule: which rules a message broke, which held each time they
 * were checked, and which no recording can show (what a server does inside, or between servers).
 * Read off the checks on the trace's messages; nothing here decides a result of its own.
 */
import type { Lane } from '../lanes';
import { RULES } from '../rules';
import type { RuleId } from '../rules';
import type { Check, TraceEvent } from '../trace/types';
import { headerValue } from '../trace/types';
import type { Analysis } from './analyse';

export interface Finding {
  /** The message the check is about. */
  seq: number;
  /** Who sent that message. */
  from: Lane;
  check: Check;
}

export interface RuleResult {
  rule: RuleId;
  /** The failed checks of a broken rule; every check of a rule that held. */
  findings: Finding[];
}

export interface NotCheckable {
  rule: RuleId;
  why: string;
}

export interface HarSummary {
  failed: RuleResult[];
  passed: RuleResult[];
  notCheckable: NotCheckable[];
}

/** MUST-level rules first: a broken MUST is a defect; a SHOULD not followed is a choice to explain. */
function weight(rule: RuleId): number {
  return RULES[rule].level.startsWith('MUST') ? 0 : 1;
}

function findingsOf(trace: readonly TraceEvent[]): Finding[] {
  return trace.flatMap((e) =>
    e.kind === 'request' || e.kind === 'response'
      ? (e.checks ?? []).map((check) => ({ seq: e.seq, from: e.from, check }))
      : [],
  );
}

function notCheckable(analysis: Analysis): NotCheckable[] {
  const { trace, sanitized } = analysis;
  const steps = new Set(trace.map((e) => e.stepId));
  const out: NotCheckable[] = [];
  const add = (rule: RuleId, why: string) => out.push({ rule, why });
  const accepted = trace.some(
    (e) =>
      e.kind === 'response' &&
      e.stepId === 'mcp-request' &&
      e.response !== null &&
      e.response.status >= 200 &&
      e.response.status < 300,
  );
  if (accepted) {
    add(
      'S-05',
      'How the MCP server validated the token (signature, issuer, revocation) happens inside it: the recording shows only that it answered. A token it accepted after it expired, or for another audience (S-06), would show, and is checked.',
    );
    add(
      'S-09',
      "Whether the MCP server passes the client's token on to an API behind it: that call is made by the server, and is not in the client's recording.",
    );
    add(
      'S-19',
      "Whether the server binds its state handles and sessions to the user: that shows only when another user's request reuses them.",
    );
  }
  if (steps.has('mcp-unauthenticated') || steps.has('mcp-request'))
    add(
      'S-16',
      "If the MCP server is a proxy to a third-party authorization server, whether it asks the user's consent for each client happens in its own upstream flow, which a client's recording does not contain.",
    );
  if (steps.has('prm-discovery'))
    add(
      'S-04',
      'Whether the scopes a server offers are consistent and no broader than needed is a design judgement, not a message.',
    );
  if (steps.has('authorize') || steps.has('callback'))
    add(
      'C-18',
      'That the client kept the expected issuer with its verifier and state happens inside the client; the iss check on the callback (C-19) shows its effect.',
    );
  // A recording of the client's own requests only (the MCP Inspector's export): the code came back
  // through the browser, so neither the authorization request nor its answer is here.
  if (steps.has('token') && !steps.has('authorize') && !steps.has('callback')) {
    const away =
      "The authorization request and the redirect back went through the user's browser, which this recording does not contain (the MCP Inspector's export holds only its client's requests): record with the browser's developer tools, or with npm run client -- <url> --follow, to check";
    add('C-26', `${away} the PKCE challenge sent.`);
    add('A-16', `${away} that the server required a PKCE challenge.`);
    add('C-30', `${away} state.`);
    add('A-08', `${away} whether the answer carried iss.`);
    add('C-19', `${away} the client's iss check.`);
    add('A-12', `${away} the redirect URI matching.`);
  }
  if (steps.has('callback') && !steps.has('authorize'))
    add(
      'C-30',
      "The authorization request went through the user's own browser and is not in this recording, so the state sent is unknown: record with the browser's developer tools, or with npm run client -- <url> --follow, to check it.",
    );
  if (
    trace.some(
      (e) =>
        e.kind === 'request' && e.stepId === 'authorize' && /[?&]client_id=https%3A/i.test(e.request.url),
    )
  )
    add(
      'A-05',
      "The authorization server fetched the client's metadata document itself, server to server: not in the client's recording.",
    );
  if (steps.has('token') || steps.has('refresh'))
    add('C-31', 'How the client stores its tokens happens inside the client.');
  extensionNotCheckable(trace, add);
  if (sanitized) {
    add(
      'C-24',
      "The Authorization headers were removed from this recording (a sanitized export, or the MCP Inspector's redaction), so whether each request carried the token cannot be seen.",
    );
    add(
      'S-10',
      'The Authorization headers were removed from this recording, so a request answered without a token cannot be told from one whose token was removed.',
    );
  }
  return out;
}

/** What no recording of the authorization extensions or of DPoP can show (each a server's inside work). */
function extensionNotCheckable(trace: readonly TraceEvent[], add: (rule: RuleId, why: string) => void): void {
  const requests = trace.filter((e) => e.kind === 'request');
  const steps = new Set(trace.map((e) => e.stepId));
  const assertion = requests.some(
    (e) => e.kind === 'request' && /(^|&)client_assertion=/.test(e.request.body ?? ''),
  );
  const dpop = requests.some(
    (e) => e.kind === 'request' && headerValue(e.request.headers, 'dpop') !== undefined,
  );
  const prmOffersDpop = trace.some(
    (e) =>
      e.kind === 'response' &&
      e.stepId === 'prm-discovery' &&
      (e.response?.body ?? '').includes('dpop_signing_alg_values_supported'),
  );
  if (assertion)
    add(
      'A-51',
      "How the authorization server verified the client's assertion (its signature with the registered key, its aud and exp) happens inside it: the recording shows its answer to a valid one. One made for another server, or expired, shows only if someone sends it.",
    );
  if (assertion || steps.has('jwt-bearer'))
    add(
      'A-52',
      'Whether the authorization server remembers the jti of the assertions it accepted shows only when one is presented a second time.',
    );
  if (steps.has('jwt-bearer')) {
    add(
      'A-54',
      "Whether the authorization server checks an ID-JAG's aud shows only when someone presents one issued for another server.",
    );
    add(
      'A-56',
      'Whether the authorization server issues only what the ID-JAG names shows only when a request asks for more (another resource, more scope).',
    );
  }
  if (dpop) {
    add(
      'S-51',
      'How the MCP server checked each DPoP proof (htm, htu, the signature) happens inside it; a proof made for another URL shows only if someone sends one.',
    );
    add('S-53', 'Whether the MCP server refuses a stale DPoP proof shows only when one is sent late.');
    add(
      'S-54',
      'Whether the MCP server remembers the jti of the proofs it accepted shows only when one is sent twice.',
    );
    add(
      'S-56',
      'Whether the MCP server refuses a DPoP-bound token sent as a Bearer token shows only when someone downgrades one.',
    );
  }
  if (prmOffersDpop)
    add(
      'C-76',
      'Whether a client binds its tokens with DPoP is its own choice: DPoP is on the MCP roadmap, in no published revision. The recording shows what it did.',
    );
}

export function summarise(analysis: Analysis): HarSummary {
  const byRule = new Map<RuleId, Finding[]>();
  for (const finding of findingsOf(analysis.trace)) {
    const list = byRule.get(finding.check.rule) ?? [];
    list.push(finding);
    byRule.set(finding.check.rule, list);
  }
  const failed: RuleResult[] = [];
  const passed: RuleResult[] = [];
  for (const [rule, findings] of byRule) {
    const failures = findings.filter((f) => f.check.status === 'fail');
    if (failures.length > 0) failed.push({ rule, findings: failures });
    else passed.push({ rule, findings });
  }
  const first = (r: RuleResult) => r.findings[0]?.seq ?? 0;
  failed.sort((a, b) => weight(a.rule) - weight(b.rule) || first(a) - first(b));
  passed.sort((a, b) => first(a) - first(b));
  return { failed, passed, notCheckable: notCheckable(analysis) };
}
