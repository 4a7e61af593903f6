import { describe, expect, it } from 'vitest';
import { Stepper } from '../../sim/flow/stepper';
import type { RunConfig } from '../../sim/flow/simulation';
import type { TraceEvent } from '../../sim/trace/types';
import { collectSecrets, createMasker, MASK, MaskerCache, maskValue } from './mask';
import { parseJson, stringAt } from '../../../tests/json';

async function fullRun(config: RunConfig): Promise<readonly TraceEvent[]> {
  const stepper = new Stepper(config);
  await stepper.runToEnd();
  return stepper.trace;
}

/** Every string a run shows: URLs, headers, bodies, note summaries and values. */
function shownTexts(trace: readonly TraceEvent[]): string[] {
  return trace.flatMap((e) => {
    if (e.kind === 'request' || e.kind === 'response') {
      const res = e.kind === 'response' ? e.response : null;
      return [
        e.request.url,
        ...e.request.headers.map(([n, v]) => `${n}: ${v}`),
        e.request.body ?? '',
        ...(res ? [...res.headers.map(([n, v]) => `${n}: ${v}`), res.body ?? ''] : []),
      ];
    }
    return [e.title, e.detail.summary, ...Object.values(e.detail.values ?? {})];
  });
}

describe('maskValue', () => {
  it('keeps three characters', () => {
    expect(maskValue('eyJhbGciOiJFUzI1NiJ9')).toBe(`eyJ${MASK}`);
    expect(maskValue('abc')).toBe(MASK);
  });
});

describe('createMasker over a real run', () => {
  it('finds every secret of the first connection, and no public value', async () => {
    const trace = await fullRun({ seed: 'demo', scenario: 'first-connection', registration: 'dcr' });
    const secrets = collectSecrets(trace);
    const tokenBody = trace.find((e) => e.kind === 'response' && e.stepId === 'token');
    const tokens = JSON.parse(tokenBody?.kind === 'response' ? (tokenBody.response?.body ?? '{}') : '{}') as {
      access_token: string;
      refresh_token: string;
    };
    const prepared = trace.find((e) => e.stepId === 'prepare-authorization');
    const values = prepared && prepared.kind === 'internal' ? (prepared.detail.values ?? {}) : {};
    for (const secret of [tokens.access_token, tokens.refresh_token, values.code_verifier, values.state]) {
      expect(secret).toBeTruthy();
      expect(secrets).toContain(secret);
    }
    // The challenge is public (it travels through the browser), and so is the client_id.
    expect(secrets).not.toContain(values.code_challenge);
    const registered = trace.find((e) => e.kind === 'response' && e.stepId === 'dcr');
    const clientId = stringAt(
      parseJson(registered?.kind === 'response' ? (registered.response?.body ?? '{}') : '{}'),
      'client_id',
    );
    expect(secrets).not.toContain(clientId);

    const mask = createMasker(trace);
    const shown = shownTexts(trace).map(mask).join('\n');
    for (const secret of [tokens.access_token, tokens.refresh_token, values.code_verifier, values.state]) {
      expect(shown).not.toContain(secret);
    }
    expect(shown).not.toMatch(/eyJhbGciOi/);
    expect(shown).toContain(`Bearer eyJ${MASK}`);
    expect(shown).toContain(values.code_challenge);
    expect(shown).toContain(clientId);
    // The consent page's CSRF token (HTML and its JSON) and the session cookie.
    expect(shown).not.toMatch(/name="csrf" value="[A-Za-z0-9_-]{6,}/);
    expect(shown).toMatch(/as_session=[A-Za-z0-9_-]{3}•/);
  });

  it('masks the code in the redirect and at the token endpoint alike, and Basic credentials', async () => {
    const trace = await fullRun({
      seed: 'demo',
      scenario: 'client-credentials',
      registration: 'preregistered',
    });
    const mask = createMasker(trace);
    const basic = trace.find((e) => e.kind === 'request' && e.stepId === 'client-credentials');
    const header =
      basic?.kind === 'request' ? basic.request.headers.find(([n]) => n === 'Authorization') : null;
    expect(header?.[1]).toMatch(/^Basic /);
    expect(mask(header?.[1] ?? '')).toBe(`Basic ${maskValue(header?.[1].slice(6) ?? '')}`);

    const login = await fullRun({ seed: 'class-7', scenario: 'first-connection', registration: 'cimd' });
    const maskLogin = createMasker(login);
    const redirect = login.find((e) => e.kind === 'response' && e.stepId === 'consent-decision');
    const location =
      redirect?.kind === 'response'
        ? (redirect.response?.headers.find(([n]) => n === 'location')?.[1] ?? '')
        : '';
    const code = new URL(location).searchParams.get('code') ?? '';
    expect(code.length).toBeGreaterThan(20);
    expect(maskLogin(location)).toContain(`code=${code.slice(0, 3)}${MASK}&`);
    expect(maskLogin(`The stolen code ${code.slice(0, 12)}…${code.slice(-6)}`)).not.toContain(
      code.slice(0, 12),
    );
  });

  it('masks by name and shape what the run has not carried yet', () => {
    const mask = createMasker([]);
    expect(mask('https://x.example/cb?state=abcdefgh&iss=https%3A%2F%2Fa')).toBe(
      `https://x.example/cb?state=abc${MASK}&iss=https%3A%2F%2Fa`,
    );
    expect(mask('{"refresh_token": "r-123456789", "token_type": "Bearer"}')).toBe(
      `{"refresh_token": "r-1${MASK}", "token_type": "Bearer"}`,
    );
    expect(mask('a eyJhbGciOi.eyJzdWIi.c2ln token')).toBe(`a eyJ${MASK} token`);
    expect(mask('code_challenge=aoUJ8alIvbwgROHK')).toBe('code_challenge=aoUJ8alIvbwgROHK');
    expect(mask('Plain words stay: state and code are words too.')).toBe(
      'Plain words stay: state and code are words too.',
    );
  });

  it('keeps the same masker while no new secret appears', async () => {
    const trace = await fullRun({ seed: 'demo', scenario: 'first-connection', registration: 'cimd' });
    const cache = new MaskerCache();
    const first = cache.get(trace.slice(0, 3));
    expect(cache.get(trace.slice(0, 4))).toBe(first);
    expect(cache.get(trace)).not.toBe(first);
  });
});
