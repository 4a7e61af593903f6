/**
 * The flow under each revision, headless: every scenario and registration mode the revision can
 * play completes, and the first connection follows that revision's own flow as its spec draws it
 * (the sequence diagrams of docs/specification/<revision>/basic/authorization.mdx), message by
 * message, one table per revision; 2026-07-28's is tests/flow.test.ts.
 */
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { runFlow } from '../../src/sim/flow/simulation';
import type { RunResult } from '../../src/sim/flow/simulation';
import { REVISIONS } from '../../src/sim/revisions/ids';
import type { Revision } from '../../src/sim/revisions/ids';
import { registrationUnsupported, scenarioUnsupported } from '../../src/sim/revisions/profile';
import { REGISTRATION_MODE_IDS, SCENARIO_IDS } from '../../src/sim/scenarios';
import { headerValue } from '../../src/sim/trace/types';
import type { RequestEvent, TraceEvent } from '../../src/sim/trace/types';
import { responses, stepsOf } from '../helpers';
import { at, parseJson, stringAt } from '../json';

function requests(trace: readonly TraceEvent[], stepId: string): RequestEvent[] {
  return trace.filter((e): e is RequestEvent => e.kind === 'request' && e.stepId === stepId);
}

function firstRequest(run: RunResult, stepId: string): RequestEvent {
  const found = requests(run.trace, stepId)[0];
  if (!found) throw new Error(`no ${stepId} request`);
  return found;
}

function query(event: RequestEvent): URLSearchParams {
  return new URL(event.request.url).searchParams;
}

function jsonRpcMethod(event: RequestEvent): unknown {
  return at(parseJson(event.request.body ?? '{}'), 'method');
}

describe('every revision plays every scenario and registration mode it has', () => {
  for (const revision of REVISIONS)
    for (const scenario of SCENARIO_IDS)
      for (const registration of REGISTRATION_MODE_IDS) {
        const why =
          scenarioUnsupported(revision, scenario) ?? registrationUnsupported(revision, registration);
        if (why) continue;
        it(`${revision}: ${scenario} with ${registration}`, async () => {
          const run = await runFlow({ seed: 'rev', scenario, registration, revision });
          if (scenario === 'deny')
            expect(run.outcome).toMatchObject({ kind: 'denied', error: 'access_denied' });
          else expect(run.outcome.kind).toBe('success');
          expect(responses(run.trace).every((r) => (r.response?.status ?? 0) < 500)).toBe(true);
        });
      }

  it('says why a revision cannot play what it lacks, naming the revision and proposal that brought it', () => {
    expect(registrationUnsupported('2025-06-18', 'cimd')).toBe(
      'Client ID Metadata Documents arrived in 2025-11-25 (SEP-991).',
    );
    expect(scenarioUnsupported('2025-03-26', 'step-up')).toBe(
      'Step-up on 403 insufficient_scope arrived in 2025-11-25 (SEP-835).',
    );
    expect(registrationUnsupported('2025-11-25', 'cimd')).toBeNull();
    expect(scenarioUnsupported('2026-07-28', 'step-up')).toBeNull();
  });
});

/** The legacy transport's four messages once authorized: initialize, initialized, then the calls. */
const LEGACY_ACCESS = [
  'mcp-request:request', // initialize, now with the token
  'jwks-fetch:request',
  'jwks-fetch:response',
  'validate-token',
  'mcp-request:response', // InitializeResult + Mcp-Session-Id
  'mcp-request:request', // notifications/initialized
  'validate-token',
  'mcp-request:response', // 202
  'mcp-request:request', // tools/list
  'validate-token',
  'mcp-request:response',
  'mcp-request:request', // tools/call read_file
  'validate-token',
  'mcp-request:response',
  'flow-ended',
];

const AUTHORIZATION = [
  'prepare-authorization',
  'open-browser',
  'authorize:request',
  'authorize:response',
  'user-consent',
  'consent-decision:request',
  'consent-decision:response',
  'callback:request',
  'callback:response',
  'validate-callback',
  'token:request',
  'verify-pkce',
  'token:response',
];

/** One table per revision: the first connection with DCR, as that revision's spec draws it. */
const FLOWS: Record<Exclude<Revision, '2026-07-28'>, string[]> = {
  // A0326 §Authorization Flow Steps: 401, then GET /.well-known/oauth-authorization-server at the
  // MCP server itself, POST /register, PKCE, authorization, token: no resource metadata at all.
  '2025-03-26': [
    'mcp-unauthenticated:request', // initialize
    'mcp-unauthenticated:response', // 401
    'as-metadata:request', // at the MCP server's origin
    'as-metadata:response',
    'validate-as-metadata',
    'choose-registration',
    'dcr:request',
    'dcr:response',
    ...AUTHORIZATION,
    ...LEGACY_ACCESS,
  ],
  // A0618 §Authorization Flow Steps: 401 with WWW-Authenticate, protected resource metadata, then
  // the separate authorization server's metadata.
  '2025-06-18': [
    'mcp-unauthenticated:request',
    'mcp-unauthenticated:response',
    'prm-discovery:request',
    'prm-discovery:response',
    'validate-prm',
    'as-metadata:request',
    'as-metadata:response',
    'validate-as-metadata',
    'choose-registration',
    'dcr:request',
    'dcr:response',
    ...AUTHORIZATION,
    ...LEGACY_ACCESS,
  ],
  // A1125: the same messages; what they carry differs (scope, PKCE check, CIMD advertised).
  '2025-11-25': [
    'mcp-unauthenticated:request',
    'mcp-unauthenticated:response',
    'prm-discovery:request',
    'prm-discovery:response',
    'validate-prm',
    'as-metadata:request',
    'as-metadata:response',
    'validate-as-metadata',
    'choose-registration',
    'dcr:request',
    'dcr:response',
    ...AUTHORIZATION,
    ...LEGACY_ACCESS,
  ],
};

describe('the first connection follows each revision’s own flow', () => {
  for (const [revision, steps] of Object.entries(FLOWS)) {
    it(`${revision}: message for message`, async () => {
      const run = await runFlow({
        seed: 's1',
        scenario: 'first-connection',
        registration: 'dcr',
        revision: revision as Revision,
      });
      expect(stepsOf(run.trace)).toEqual(steps);
    });
  }

  it('2025-03-26: the authorization server is found at the MCP server’s origin, without resource indicators or iss', async () => {
    const run = await runFlow({
      seed: 's1',
      scenario: 'first-connection',
      registration: 'dcr',
      revision: '2025-03-26',
    });
    const [unauth, meta, dcr] = responses(run.trace);
    // No resource metadata to name: the Bearer challenge carries a realm only (OAuth 2.1 §5.3).
    expect(headerValue(unauth?.response?.headers ?? [], 'www-authenticate')).toBe(
      'Bearer realm="mcp.example.com"',
    );
    expect(meta?.request.url).toBe('https://mcp.example.com/.well-known/oauth-authorization-server');
    // C-60: MCP-Protocol-Version during discovery (a SHOULD).
    expect(headerValue(meta?.request.headers ?? [], 'mcp-protocol-version')).toBe('2025-03-26');
    const metadata = parseJson(meta?.response?.body ?? '{}');
    expect(at(metadata, 'issuer')).toBe('https://mcp.example.com');
    expect(at(metadata, 'client_id_metadata_document_supported')).toBeUndefined();
    expect(at(metadata, 'authorization_response_iss_parameter_supported')).toBeUndefined();
    expect(dcr?.request.url).toBe('https://mcp.example.com/register');
    expect(at(parseJson(dcr?.request.body ?? '{}'), 'application_type')).toBeUndefined();
    const authorize = query(firstRequest(run, 'authorize'));
    expect(authorize.get('code_challenge_method')).toBe('S256'); // "PKCE is REQUIRED for all clients"
    expect(authorize.has('resource')).toBe(false);
    expect(authorize.has('scope')).toBe(false);
    expect(query(firstRequest(run, 'callback')).has('iss')).toBe(false);
    const token = responses(run.trace).find((r) => r.stepId === 'token');
    expect(new URLSearchParams(token?.request.body ?? '').has('resource')).toBe(false);
    const claims = decodeJwt(stringAt(parseJson(token?.response?.body ?? '{}'), 'access_token'));
    expect(claims.aud).toBeUndefined();
    expect(claims.iss).toBe('https://mcp.example.com');
    // The transport: initialize first; 2025-03-26 has no MCP-Protocol-Version header on requests.
    const calls = requests(run.trace, 'mcp-request');
    expect(calls.map(jsonRpcMethod)).toEqual([
      'initialize',
      'notifications/initialized',
      'tools/list',
      'tools/call',
    ]);
    expect(at(parseJson(calls[0]?.request.body ?? '{}'), 'params', 'protocolVersion')).toBe('2025-03-26');
    expect(headerValue(calls[2]?.request.headers ?? [], 'mcp-protocol-version')).toBeUndefined();
    expect(headerValue(calls[2]?.request.headers ?? [], 'mcp-session-id')).toMatch(/^sess_/);
    // Two roles on one origin: the MCP endpoint is drawn on the MCP server's lane, /token on the
    // authorization server's.
    expect(calls[0]?.to).toBe('mcp');
    expect(firstRequest(run, 'token').to).toBe('as');
  });

  it('2025-03-26 without metadata: the default endpoints /authorize, /token, /register', async () => {
    const run = await runFlow({
      seed: 's1',
      scenario: 'first-connection',
      registration: 'dcr',
      revision: '2025-03-26',
      asMetadata: false,
    });
    expect(run.outcome.kind).toBe('success');
    const meta = responses(run.trace).find((r) => r.stepId === 'as-metadata');
    expect(meta?.response?.status).toBe(404);
    expect(firstRequest(run, 'dcr').request.url).toBe('https://mcp.example.com/register');
    expect(firstRequest(run, 'authorize').request.url).toMatch(/^https:\/\/mcp\.example\.com\/authorize\?/);
    expect(firstRequest(run, 'token').request.url).toBe('https://mcp.example.com/token');
    const note = run.trace.find((e) => e.stepId === 'validate-as-metadata');
    expect(note?.kind === 'internal' && note.title).toBe('No metadata: the default endpoints');
  });

  it('2025-06-18: resource metadata through WWW-Authenticate, resource in both requests, no scope, no iss', async () => {
    const run = await runFlow({
      seed: 's1',
      scenario: 'first-connection',
      registration: 'dcr',
      revision: '2025-06-18',
    });
    const [unauth, prm, meta, dcr] = responses(run.trace);
    expect(headerValue(unauth?.response?.headers ?? [], 'www-authenticate')).toBe(
      'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
    );
    expect(prm?.response?.status).toBe(200);
    expect(meta?.request.url).toBe('https://auth.example.com/.well-known/oauth-authorization-server');
    expect(
      at(parseJson(meta?.response?.body ?? '{}'), 'client_id_metadata_document_supported'),
    ).toBeUndefined();
    expect(at(parseJson(dcr?.request.body ?? '{}'), 'application_type')).toBeUndefined();
    const authorize = query(firstRequest(run, 'authorize'));
    expect(authorize.get('resource')).toBe('https://mcp.example.com/mcp');
    expect(authorize.has('scope')).toBe(false);
    expect(query(firstRequest(run, 'callback')).has('iss')).toBe(false);
    const token = responses(run.trace).find((r) => r.stepId === 'token');
    expect(new URLSearchParams(token?.request.body ?? '').get('resource')).toBe(
      'https://mcp.example.com/mcp',
    );
    expect(decodeJwt(stringAt(parseJson(token?.response?.body ?? '{}'), 'access_token')).aud).toBe(
      'https://mcp.example.com/mcp',
    );
    const calls = requests(run.trace, 'mcp-request');
    expect(headerValue(calls[2]?.request.headers ?? [], 'mcp-protocol-version')).toBe('2025-06-18');
    // The checks this revision's client makes on the metadata: no issuer check, no PKCE check yet.
    const validated = run.trace.find((e) => e.stepId === 'validate-as-metadata');
    const labels = validated?.kind === 'internal' ? (validated.detail.checks ?? []).map((c) => c.label) : [];
    expect(labels).not.toContain('issuer is identical');
    expect(labels).not.toContain('PKCE S256 supported');
  });

  it('2025-11-25: scope in the challenge and the request, the PKCE check, CIMD advertised, still no iss', async () => {
    const run = await runFlow({
      seed: 's1',
      scenario: 'first-connection',
      registration: 'dcr',
      revision: '2025-11-25',
    });
    const [unauth, , meta] = responses(run.trace);
    expect(headerValue(unauth?.response?.headers ?? [], 'www-authenticate')).toBe(
      'Bearer scope="files:read", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
    );
    expect(at(parseJson(meta?.response?.body ?? '{}'), 'client_id_metadata_document_supported')).toBe(true);
    expect(
      at(parseJson(meta?.response?.body ?? '{}'), 'authorization_response_iss_parameter_supported'),
    ).toBeUndefined();
    expect(query(firstRequest(run, 'authorize')).get('scope')).toBe('files:read');
    expect(query(firstRequest(run, 'callback')).has('iss')).toBe(false);
    const validated = run.trace.find((e) => e.stepId === 'validate-as-metadata');
    const labels = validated?.kind === 'internal' ? (validated.detail.checks ?? []).map((c) => c.label) : [];
    expect(labels).toContain('PKCE S256 supported');
    expect(labels).not.toContain('issuer is identical');
    const calls = requests(run.trace, 'mcp-request');
    expect(at(parseJson(calls[0]?.request.body ?? '{}'), 'params', 'protocolVersion')).toBe('2025-11-25');
  });

  it('2025-11-25: CIMD, and a step-up that asks for the challenged scope alone (the union is 2026-07-28’s, SEP-2350)', async () => {
    const cimd = await runFlow({
      seed: 's1',
      scenario: 'first-connection',
      registration: 'cimd',
      revision: '2025-11-25',
    });
    expect(stepsOf(cimd.trace)).toContain('cimd-fetch:request');
    const older = await runFlow({
      seed: 's1',
      scenario: 'step-up',
      registration: 'dcr',
      revision: '2025-11-25',
    });
    const latest = await runFlow({
      seed: 's1',
      scenario: 'step-up',
      registration: 'dcr',
      revision: '2026-07-28',
    });
    const secondScope = (run: RunResult) =>
      query(requests(run.trace, 'authorize')[1] ?? firstRequest(run, 'authorize')).get('scope');
    expect(older.outcome.kind).toBe('success');
    expect(secondScope(older)).toBe('files:write');
    expect(secondScope(latest)).toBe('files:read files:write');
  });
});
