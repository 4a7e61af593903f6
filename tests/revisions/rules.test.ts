/**
 * Each rule is enforced only in its revisions. The rule table (docs/reference §3.5, generated into
 * rules.ts) says which revisions have a rule; here each rule a party consults is probed in a
 * revision that has it and in one that does not, both ways: the behaviour is there in the first and
 * absent in the second, and the table agrees. Then: every rule a run shows is a rule of that run's
 * revision.
 */
import { describe, expect, it } from 'vitest';
import { runFlow } from '../../src/sim/flow/simulation';
import type { RunConfig, RunResult } from '../../src/sim/flow/simulation';
import { REVISIONS } from '../../src/sim/revisions/ids';
import type { Revision } from '../../src/sim/revisions/ids';
import {
  CLAUSES,
  hasClause,
  registrationUnsupported,
  scenarioUnsupported,
} from '../../src/sim/revisions/profile';
import { firstRevisionOf, levelIn, ruleIn } from '../../src/sim/revisions/rules';
import { RULE_IDS, RULES } from '../../src/sim/rules';
import type { RuleId } from '../../src/sim/rules';
import { REGISTRATION_MODE_IDS, SCENARIO_IDS } from '../../src/sim/scenarios';
import { headerValue } from '../../src/sim/trace/types';
import type { TraceEvent } from '../../src/sim/trace/types';
import { PREREGISTERED_CLIENT_ID } from '../../src/sim/servers/auth/state';
import { accessToken, send, sessionCookie, world } from '../helpers';
import { at, parseJson } from '../json';

describe('the rule table by revision', () => {
  it('every rule is in at least one revision, and the new ones only in theirs', () => {
    for (const id of RULE_IDS) expect(Object.keys(RULES[id].revisions).length, id).toBeGreaterThan(0);
    expect(REVISIONS.filter((r) => ruleIn(r, 'C-60'))).toEqual(['2025-03-26']);
    expect(REVISIONS.filter((r) => ruleIn(r, 'A-40'))).toEqual(['2025-03-26']);
    expect(firstRevisionOf('C-19')).toBe('2026-07-28');
    expect(firstRevisionOf('C-22')).toBe('2025-06-18');
    expect(levelIn('2025-03-26', 'A-07')).toBe('SHOULD (support DCR)');
    expect(levelIn('2025-11-25', 'A-07')).toBe('MAY');
  });

  it('a clause is a part a later revision added to a rule the earlier ones had, and says so there', () => {
    for (const [id, clause] of Object.entries(CLAUSES)) {
      for (const revision of REVISIONS.filter((r) => ruleIn(r, clause.rule))) {
        const level = levelIn(revision, clause.rule) ?? '';
        if (revision < clause.since) expect(level, `${id} in ${revision}`).toMatch(/\(.+\)/);
        expect(hasClause(revision, id as keyof typeof CLAUSES)).toBe(revision >= clause.since);
      }
    }
  });
});

const first = (revision: Revision, extra: Partial<RunConfig> = {}): Promise<RunResult> =>
  runFlow({ seed: 'rules', scenario: 'first-connection', registration: 'dcr', revision, ...extra });

function requestOf(run: RunResult, stepId: string): TraceEvent | undefined {
  return run.trace.find((e) => e.kind === 'request' && e.stepId === stepId);
}

function query(run: RunResult, stepId: string): URLSearchParams {
  const e = requestOf(run, stepId);
  return new URL(e?.kind === 'request' ? e.request.url : 'x:').searchParams;
}

function checkLabels(run: RunResult, stepId: string): string[] {
  return run.trace.flatMap((e) =>
    e.stepId === stepId && e.kind === 'internal' ? (e.detail.checks ?? []).map((c) => c.label) : [],
  );
}

function challengeOf(run: RunResult): string {
  const e = run.trace.find((t) => t.kind === 'response' && t.stepId === 'mcp-unauthenticated');
  return e?.kind === 'response' ? (headerValue(e.response?.headers ?? [], 'www-authenticate') ?? '') : '';
}

/** An initialize request (the opening of every revision before 2026-07-28) with a token. */
function initialize(w: ReturnType<typeof world>, token: string): Promise<Response> {
  return send(w, w.urls.mcp, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      Authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: w.revision, capabilities: {}, clientInfo: { name: 't', version: '1' } },
    }),
  });
}

interface Probe {
  rule: RuleId;
  /** A revision with the rule, and one without. */
  has: Revision;
  lacks: Revision;
  /** Whether the rule's behaviour shows in that revision. */
  shows: (revision: Revision) => Promise<boolean>;
}

const PROBES: Probe[] = [
  // The MCP server
  {
    rule: 'S-01',
    has: '2025-06-18',
    lacks: '2025-03-26',
    shows: async (revision) => {
      const w = world({ revision });
      return (
        (await send(w, 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp')).status === 200
      );
    },
  },
  {
    rule: 'S-02',
    has: '2025-06-18',
    lacks: '2025-03-26',
    shows: async (r) => challengeOf(await first(r)).includes('resource_metadata='),
  },
  {
    rule: 'S-03',
    has: '2025-11-25',
    lacks: '2025-06-18',
    shows: async (r) => challengeOf(await first(r)).includes('scope='),
  },
  {
    rule: 'S-06',
    has: '2025-06-18',
    lacks: '2025-03-26',
    shows: async (revision) => {
      const w = world({ revision });
      return (await initialize(w, accessToken(w, { aud: w.urls.evilMcp }))).status === 401;
    },
  },
  {
    rule: 'S-14',
    has: '2026-07-28',
    lacks: '2025-11-25',
    // A token for the broader "files" satisfies files:read only where scope hierarchies count.
    shows: async (revision) => {
      const w = world({ revision });
      const token = accessToken(w, { scope: 'files' });
      if (revision === '2026-07-28') {
        const { mcpHeaders, mcpBody } = await import('../helpers');
        const res = await send(w, w.urls.mcp, {
          method: 'POST',
          headers: mcpHeaders('tools/list', { Authorization: `Bearer ${token}` }),
          body: mcpBody('tools/list'),
        });
        return res.status === 200;
      }
      return (await initialize(w, token)).status === 200;
    },
  },
  {
    rule: 'S-26',
    has: '2026-07-28',
    lacks: '2025-11-25',
    // The stateless transport: a request without initialize is served.
    shows: async (revision) => {
      const w = world({ revision });
      const { mcpHeaders, mcpBody } = await import('../helpers');
      const res = await send(w, w.urls.mcp, {
        method: 'POST',
        headers: mcpHeaders('tools/list', { Authorization: `Bearer ${accessToken(w)}` }),
        body: mcpBody('tools/list'),
      });
      return res.status === 200;
    },
  },
  // The authorization server
  {
    rule: 'A-40',
    has: '2025-03-26',
    lacks: '2025-06-18',
    shows: async (revision) => {
      const w = world({ revision });
      return (await send(w, 'https://mcp.example.com/.well-known/oauth-authorization-server')).status === 200;
    },
  },
  {
    rule: 'A-03',
    has: '2025-11-25',
    lacks: '2025-06-18',
    shows: async (revision) => {
      const w = world({ revision });
      return (await send(w, 'https://auth.example.com/.well-known/openid-configuration')).status === 200;
    },
  },
  {
    rule: 'A-04',
    has: '2025-11-25',
    lacks: '2025-06-18',
    shows: async (revision) => {
      const w = world({ revision });
      const res = await send(w, 'https://auth.example.com/.well-known/oauth-authorization-server');
      return at(parseJson(await res.text()), 'client_id_metadata_document_supported') === true;
    },
  },
  {
    rule: 'A-05',
    has: '2025-11-25',
    lacks: '2025-06-18',
    // A URL client_id is a metadata document to fetch, or an unknown client.
    shows: async (revision) => {
      const w = world({ revision });
      const url = new URL('https://auth.example.com/authorize');
      for (const [k, v] of Object.entries({
        response_type: 'code',
        client_id: w.urls.cimd,
        redirect_uri: w.urls.callback,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
        resource: w.urls.mcp,
        scope: 'files:read',
      }))
        url.searchParams.set(k, v);
      return (await send(w, url.href, { headers: sessionCookie(w) }, 'browser')).status === 200;
    },
  },
  {
    rule: 'A-08',
    has: '2026-07-28',
    lacks: '2025-11-25',
    shows: async (r) => query(await first(r), 'callback').has('iss'),
  },
  {
    rule: 'A-22',
    has: '2025-06-18',
    lacks: '2025-03-26',
    // An authorization request without resource: refused where resource indicators exist (this
    // server requires it, a MAY); a server of 2025-03-26 does not know the parameter.
    shows: async (revision) => {
      const w = world({ revision });
      const url = new URL(`${w.urls.issuer}/authorize`);
      for (const [k, v] of Object.entries({
        response_type: 'code',
        client_id: PREREGISTERED_CLIENT_ID,
        redirect_uri: w.urls.callback,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
        scope: 'files:read',
      }))
        url.searchParams.set(k, v);
      const res = await send(w, url.href, { headers: sessionCookie(w) }, 'browser');
      return new URL(res.headers.get('location') ?? 'x:').searchParams.get('error') === 'invalid_target';
    },
  },
  // The client
  {
    rule: 'C-01',
    has: '2025-06-18',
    lacks: '2025-03-26',
    shows: async (r) => requestOf(await first(r), 'prm-discovery') !== undefined,
  },
  {
    rule: 'C-03',
    has: '2025-11-25',
    lacks: '2025-06-18',
    // Against a server with no header to follow, only a 2025-11-25 client tries the well-known URLs.
    shows: async (revision) =>
      requestOf(await first('2025-03-26', { client: revision }), 'prm-discovery') !== undefined,
  },
  {
    rule: 'C-06',
    has: '2026-07-28',
    lacks: '2025-11-25',
    shows: async (r) => checkLabels(await first(r), 'validate-as-metadata').includes('issuer is identical'),
  },
  {
    rule: 'C-10',
    has: '2025-11-25',
    lacks: '2025-06-18',
    shows: async (revision) =>
      requestOf(await first('2025-11-25', { client: revision, registration: 'cimd' }), 'cimd-fetch') !==
      undefined,
  },
  {
    rule: 'C-13',
    has: '2026-07-28',
    lacks: '2025-11-25',
    shows: async (r) => {
      const e = requestOf(await first(r), 'dcr');
      return (
        at(parseJson(e?.kind === 'request' ? (e.request.body ?? '{}') : '{}'), 'application_type') ===
        'native'
      );
    },
  },
  {
    rule: 'C-15',
    has: '2025-11-25',
    lacks: '2025-06-18',
    shows: async (r) => query(await first(r), 'authorize').has('scope'),
  },
  {
    rule: 'C-17',
    has: '2025-11-25',
    lacks: '2025-06-18',
    shows: async (r) => (await first(r, { scenario: 'step-up' })).trace.some((e) => e.stepId === 'step-up'),
  },
  {
    rule: 'C-18',
    has: '2026-07-28',
    lacks: '2025-11-25',
    shows: async (r) =>
      checkLabels(await first(r), 'prepare-authorization').includes('Expected issuer recorded'),
  },
  {
    rule: 'C-19',
    has: '2026-07-28',
    lacks: '2025-11-25',
    shows: async (r) => checkLabels(await first(r), 'validate-callback').includes('iss'),
  },
  {
    rule: 'C-22',
    has: '2025-06-18',
    lacks: '2025-03-26',
    shows: async (r) => query(await first(r), 'authorize').has('resource'),
  },
  {
    rule: 'C-28',
    has: '2025-11-25',
    lacks: '2025-06-18',
    // Metadata without code_challenge_methods_supported: refused where the PKCE check exists.
    shows: async (r) => {
      const run = await first(r, { vulnerabilities: ['as-no-pkce-support'] });
      return run.outcome.kind === 'refused' && run.outcome.rule === 'C-28';
    },
  },
  {
    rule: 'C-51',
    has: '2026-07-28',
    lacks: '2025-11-25',
    shows: async (r) => (await first(r)).trace.some((e) => e.stepId === 'open-browser' && e.rule === 'C-51'),
  },
  {
    rule: 'C-60',
    has: '2025-03-26',
    // A client of 2025-06-18 or 2025-11-25 speaks 2025-03-26 too (it negotiates down to it, like
    // its transport), so the client without the rule is 2026-07-28's, which speaks only its own.
    lacks: '2026-07-28',
    // Against a server of 2025-03-26, discovery at the origin: only a client that has the rule looks there.
    shows: async (revision) => {
      const run = await first('2025-03-26', { client: revision });
      const meta = run.trace.find((e) => e.kind === 'request' && e.stepId === 'as-metadata');
      return (
        meta?.kind === 'request' &&
        meta.request.url === 'https://mcp.example.com/.well-known/oauth-authorization-server' &&
        requestOf(run, 'prm-discovery') === undefined
      );
    },
  },
];

describe('each rule is enforced only in its revisions (both ways)', () => {
  for (const probe of PROBES) {
    it(`${probe.rule}: in ${probe.has}, not in ${probe.lacks}`, async () => {
      expect(ruleIn(probe.has, probe.rule)).toBe(true);
      expect(ruleIn(probe.lacks, probe.rule)).toBe(false);
      expect(await probe.shows(probe.has)).toBe(true);
      expect(await probe.shows(probe.lacks)).toBe(false);
    });
  }
});

describe('every rule a run shows is a rule of its revision', () => {
  for (const revision of REVISIONS) {
    it(revision, async () => {
      for (const scenario of SCENARIO_IDS)
        for (const registration of REGISTRATION_MODE_IDS) {
          if (scenarioUnsupported(revision, scenario) || registrationUnsupported(revision, registration))
            continue;
          const run = await runFlow({ seed: 'rules', scenario, registration, revision });
          for (const e of run.trace) {
            const rules: RuleId[] = [
              ...(e.rule ? [e.rule] : []),
              ...(e.kind === 'response' && e.refusal ? [e.refusal.rule] : []),
              ...(e.kind === 'internal' || e.kind === 'handoff'
                ? (e.detail.checks ?? []).map((c) => c.rule)
                : []),
            ];
            for (const rule of rules)
              expect(ruleIn(revision, rule), `${scenario}/${registration} ${e.stepId}: ${rule}`).toBe(true);
          }
        }
    });
  }
});
