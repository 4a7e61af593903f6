import { describe, expect, it } from 'vitest';
import { runFlow } from '../../sim/flow/simulation';
import type { TraceEvent } from '../../sim/trace/types';
import { messageLabel } from './describe';
import { responseCarries } from './carries';

const response = (status: number, headers: [string, string][], body: string | null): TraceEvent =>
  ({
    kind: 'response',
    seq: 0,
    exchange: 0,
    stepId: 'token',
    from: 'as',
    to: 'client',
    at: 0,
    response: { status, statusText: 'X', headers, body },
  }) as unknown as TraceEvent;

describe('what a response carries', () => {
  it('labels every response of a first connection by its content, not "200 OK"', async () => {
    const { trace } = await runFlow({ seed: 'demo', scenario: 'first-connection', registration: 'dcr' });
    const labels = trace.filter((e) => e.kind === 'response').map(messageLabel);
    expect(labels).toContain('401 · challenge: resource_metadata');
    expect(labels).toContain('200 · resource metadata');
    expect(labels).toContain('200 · authorization server metadata');
    expect(labels).toContain('201 · client registered');
    expect(labels).toContain('302 · code, state, iss');
    expect(labels).toContain('200 · access + refresh token');
    expect(labels).toContain('200 · signing keys (JWKS)');
    expect(labels).toContain('200 · list of tools');
    expect(labels.filter((l) => l === '200 OK')).toEqual([]);
  });

  it('names what the enterprise flow and DPoP issue: the ID token, the ID-JAG, a bound token', async () => {
    const enterprise = await runFlow({ seed: 'demo', scenario: 'enterprise', registration: 'cimd' });
    const labels = enterprise.trace.filter((e) => e.kind === 'response').map(messageLabel);
    expect(labels).toContain('200 · access + ID token');
    expect(labels).toContain('200 · ID-JAG');
    const dpop = await runFlow({ seed: 'demo', scenario: 'dpop', registration: 'dcr' });
    expect(dpop.trace.filter((e) => e.kind === 'response').map(messageLabel)).toContain(
      '200 · DPoP-bound access + refresh token',
    );
  });

  it('reads the message itself: the same body says the same thing whatever the step', () => {
    const json = [['content-type', 'application/json']] as [string, string][];
    expect(responseCarries(response(200, json, '{"access_token":"a","token_type":"Bearer"}'))).toBe(
      'access token',
    );
    expect(
      responseCarries(
        response(200, json, '{"access_token":"a","token_type":"DPoP","refresh_token":"r","id_token":"i"}'),
      ),
    ).toBe('DPoP-bound access + refresh + ID token');
    expect(
      responseCarries(
        response(
          200,
          json,
          '{"access_token":"j","issued_token_type":"urn:ietf:params:oauth:token-type:id-jag","token_type":"N_A"}',
        ),
      ),
    ).toBe('ID-JAG');
    expect(responseCarries(response(200, json, '{"active":false}'))).toBe('token not active');
    expect(responseCarries(response(200, json, '{"client_id":"https://app/c.json"}'))).toBe(
      'client metadata',
    );
    // An error keeps its status line and code (describe.ts), a challenge with an error included.
    const expired = [['www-authenticate', 'Bearer error="invalid_token", resource_metadata="https://x"']] as [
      string,
      string,
    ][];
    expect(responseCarries(response(401, expired, null))).toBeNull();
    expect(responseCarries(response(400, json, '{"error":"invalid_grant"}'))).toBeNull();
    expect(
      responseCarries(response(302, [['location', 'https://c/cb?error=access_denied&state=s']], null)),
    ).toBe('error: access_denied');
    expect(responseCarries(response(302, [['location', 'https://as/authorize?client_id=x']], null))).toBe(
      'to /authorize',
    );
    // Bodies it cannot read leave the status line alone.
    expect(responseCarries(response(200, json, '{not json'))).toBeNull();
    expect(responseCarries(response(200, json, '{"user":"alex"}'))).toBeNull();
  });
});
