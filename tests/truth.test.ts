/**
 * "Everything the simulator shows is true": every rejection, in every run the simulator can play,
 * shows the rule of the check that failed. Runs every scenario x registration mode, and every attack
 * x variant x defence, and holds each refusal in the trace to its own check:
 * - a server's refused response carries its refusal (the check's rule and error), the rule on screen
 *   is that rule, and the error it answered with is that error;
 * - a party's refused note names the rule of its first failed check;
 * - the client's final "stopped" names the rule of the note that refused;
 * - the lab's verdict names the rule of the message it points at.
 * Then one test per mislabel the audit found.
 */
import { describe, expect, it } from 'vitest';
import { ATTACK_IDS, variantIdsOf } from '../src/sim/attacks/ids';
import { runFlow } from '../src/sim/flow/simulation';
import type { RunConfig, RunResult } from '../src/sim/flow/simulation';
import { REGISTRATION_MODE_IDS, SCENARIO_IDS } from '../src/sim/scenarios';
import { LATEST_REVISION, REVISIONS } from '../src/sim/revisions/ids';
import { CLIENT_KINDS, registrationUnsupported, scenarioUnsupported } from '../src/sim/revisions/profile';
import { firstFailure } from '../src/sim/trace/check';
import { headerValue } from '../src/sim/trace/types';
import type { ResponseEvent, TraceEvent } from '../src/sim/trace/types';
import { accessToken, send, world } from './helpers';

function configs(): RunConfig[] {
  const all: RunConfig[] = [];
  for (const scenario of SCENARIO_IDS)
    for (const registration of REGISTRATION_MODE_IDS) all.push({ seed: 'truth', scenario, registration });
  for (const id of ATTACK_IDS)
    for (const variant of variantIdsOf(id) ?? [undefined])
      for (const defence of ['on', 'off'] as const)
        all.push({
          seed: 'truth',
          scenario: 'first-connection',
          registration: 'dcr',
          attack: { id, defence, ...(variant ? { variant } : {}) },
        });
  // Every earlier revision's runs, and every mixed-era combination (src/sim/revisions).
  for (const revision of REVISIONS.filter((r) => r !== LATEST_REVISION))
    for (const scenario of SCENARIO_IDS)
      for (const registration of REGISTRATION_MODE_IDS)
        if (!scenarioUnsupported(revision, scenario) && !registrationUnsupported(revision, registration))
          all.push({ seed: 'truth', scenario, registration, revision });
  for (const client of CLIENT_KINDS)
    for (const revision of REVISIONS)
      if (client !== revision)
        all.push({ seed: 'truth', scenario: 'first-connection', registration: 'dcr', revision, client });
  return all;
}

function name(config: RunConfig): string {
  const a = config.attack;
  const era = config.revision
    ? ` (${config.revision}${config.client ? `, client ${config.client}` : ''})`
    : '';
  return a
    ? `${a.id}${a.variant ? `/${a.variant}` : ''} defence ${a.defence}`
    : `${config.scenario} / ${config.registration}${era}`;
}

/** The error a response answered with, read from the response itself: OAuth JSON, JSON-RPC, redirect, challenge. */
function answeredError(e: ResponseEvent): string | undefined {
  const response = e.response;
  if (!response) return undefined;
  const location = headerValue(response.headers, 'location');
  if (location) return new URL(location).searchParams.get('error') ?? undefined;
  try {
    const body: unknown = JSON.parse(response.body ?? '');
    if (typeof body === 'object' && body !== null) {
      if ('error' in body && typeof body.error === 'string') return body.error;
      if ('error' in body && typeof body.error === 'object' && body.error !== null && 'code' in body.error)
        return String(body.error.code);
    }
  } catch {
    // HTML error pages name the error in their text.
    const page = /<p>([a-z_]+): /.exec(response.body ?? '')?.[1];
    if (page) return page;
  }
  return /error="([^"]+)"/.exec(headerValue(response.headers, 'www-authenticate') ?? '')?.[1];
}

/** A response that tells the client no: an error status, or a redirect carrying an error. */
function isRejection(e: ResponseEvent): boolean {
  const response = e.response;
  if (!response) return false;
  const location = headerValue(response.headers, 'location');
  const redirectedError = location ? new URL(location).searchParams.get('error') : null;
  // access_denied is the user's decision, not a check that failed.
  if (redirectedError) return redirectedError !== 'access_denied';
  // 404 from a host that serves no such path is not a check (a well-known URL tried in turn).
  if (response.status === 404 && !response.body) return false;
  return response.status >= 400;
}

function checkTrace(trace: readonly TraceEvent[], run: RunResult): void {
  for (const e of trace) {
    const where = `message ${e.seq + 1} (${e.stepId})`;
    if (e.kind === 'response' && e.from !== 'attacker') {
      if (isRejection(e)) {
        expect(e.refusal, `${where}: a rejection without its check`).toBeDefined();
      }
      if (e.refusal) {
        expect(e.rule, `${where}: the rule shown`).toBe(e.refusal.rule);
        const error = answeredError(e);
        if (error !== undefined) expect(error, `${where}: the error answered`).toBe(e.refusal.error);
      }
    }
    if (
      e.kind === 'internal' &&
      e.outcome === 'refused' &&
      e.stepId !== 'flow-ended' &&
      e.stepId !== 'attack-verdict'
    ) {
      expect(e.rule, `${where}: a refusal without a rule`).toBeDefined();
      const failed = firstFailure(e.detail.checks ?? []);
      if (failed) expect(e.rule, `${where}: the rule of its first failed check`).toBe(failed.rule);
    }
  }
  // The client's "stopped" names the rule of the note that refused.
  if (run.outcome.kind === 'refused') {
    const refusal = [...trace]
      .reverse()
      .find(
        (e) =>
          e.kind === 'internal' &&
          e.from === 'client' &&
          e.outcome === 'refused' &&
          e.stepId !== 'flow-ended',
      );
    expect(run.outcome.rule, 'the outcome names the refusing check').toBe(refusal?.rule);
  }
  // The lab's verdict names the rule of the message it points at, and that message is a refusal.
  const stop = run.attack?.stoppedAt;
  if (stop) {
    const at = trace[stop.seq];
    expect(stop.rule, 'verdict rule').toBe(at?.rule);
    const refused =
      (at?.kind === 'response' && at.refusal !== undefined) ||
      ((at?.kind === 'internal' || at?.kind === 'handoff') && at.outcome === 'refused');
    expect(refused, `the verdict points at a refusal, message ${stop.seq + 1}`).toBe(true);
  }
  // flow-ended is the client's last word, never the step of an exchange.
  expect(trace.filter((e) => e.stepId === 'flow-ended' && e.kind !== 'internal')).toEqual([]);
}

describe('every rejection shows the rule of the check that failed', () => {
  it.each(configs().map((c) => [name(c), c] as const))('%s', async (_, config) => {
    const run = await runFlow(config);
    checkTrace(run.trace, run);
  });
});

describe('the mislabels the audit found', () => {
  /** The rule of the response to GET /authorize with these query parameters changed. */
  async function authorizeRule(changes: Record<string, string | null>) {
    const w = world();
    const url = new URL(`${w.urls.issuer}/authorize`);
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: 'mcp-sim-desktop',
      redirect_uri: w.urls.callback,
      state: 's',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      scope: 'files:read',
      resource: w.urls.mcp,
    };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) url.searchParams.delete(k);
      else url.searchParams.set(k, v);
    }
    await send(w, url.href, { step: 'authorize' }, 'browser');
    const e = w.recorder.events.findLast((x) => x.kind === 'response');
    return e?.kind === 'response' ? { rule: e.rule, refusal: e.refusal } : undefined;
  }

  it.each([
    ['an unknown scope', { scope: 'files:delete' }, 'A-21', 'invalid_scope'],
    ['an unsupported response_type', { response_type: 'token' }, 'A-21', 'unsupported_response_type'],
    ['an unknown client (not a metadata document URL)', { client_id: 'nobody' }, 'A-19', 'invalid_client'],
    [
      'an unregistered redirect URI',
      { redirect_uri: 'https://attacker.example/cb' },
      'A-12',
      'invalid_request',
    ],
    ['no code_challenge', { code_challenge: null, code_challenge_method: null }, 'A-16', 'invalid_request'],
    ['an unknown resource', { resource: 'https://other.example/mcp' }, 'A-22', 'invalid_target'],
  ])('/authorize with %s: %s', async (_, changes, rule, error) => {
    expect(await authorizeRule(changes)).toMatchObject({ rule, refusal: { rule, error } });
  });

  it('the refresh scenario: the expired token is refused by S-05 (expiry), not S-06 (audience)', async () => {
    const run = await runFlow({ seed: 'demo', scenario: 'refresh', registration: 'cimd' });
    const refused = run.trace.find(
      (e) => e.kind === 'response' && e.stepId === 'mcp-request' && e.response?.status === 401,
    );
    expect(refused).toMatchObject({
      rule: 'S-05',
      refusal: { rule: 'S-05', error: 'invalid_token', description: 'token expired' },
    });
    const check = run.trace.find(
      (e) => e.kind === 'internal' && e.stepId === 'validate-token' && e.outcome === 'refused',
    );
    expect(check).toMatchObject({ rule: 'S-05', title: 'Token rejected: expiry check failed' });
  });

  it('a token for another audience is refused by S-06', async () => {
    const w = world();
    await send(w, w.urls.mcp, {
      method: 'POST',
      step: 'mcp-request',
      headers: {
        'Content-Type': 'application/json',
        'MCP-Protocol-Version': '2026-07-28',
        'Mcp-Method': 'tools/list',
        Authorization: `Bearer ${accessToken(w, { aud: w.urls.evilMcp })}`,
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/list',
        params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } },
      }),
    });
    expect(w.recorder.events.findLast((e) => e.kind === 'response')).toMatchObject({ rule: 'S-06' });
  });

  it('the mix-up attack is stopped by C-19 (the iss table), not C-20', async () => {
    const run = await runFlow({
      seed: 'demo',
      scenario: 'first-connection',
      registration: 'cimd',
      attack: { id: 'mix-up', defence: 'on' },
    });
    expect(run.attack?.stoppedAt?.rule).toBe('C-19');
    expect(run.outcome).toMatchObject({ kind: 'refused', rule: 'C-19' });
  });

  it('a step is required to send a request (the compiler refuses one without)', () => {
    const w = world();
    // @ts-expect-error: an exchange without a step is a type error, not a silent "flow-ended".
    const missing = () => w.network.fetchAs('client')(w.urls.mcp, {});
    expect(typeof missing).toBe('function');
  });
});
