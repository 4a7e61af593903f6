/**
 * The inspector finds every JWT of the new flows in the messages that carry it, names its kind from
 * where it travels, and has a meaning for each claim the parties put in it (no claim of a DPoP proof,
 * an ID-JAG or a client assertion falls back to the generic text).
 */
import { describe, expect, it } from 'vitest';
import { peekJwt } from '../../sim/crypto/jwt';
import { runFlow } from '../../sim/flow/simulation';
import type { TraceEvent } from '../../sim/trace/types';
import { claimTexts, findTokens } from './tokens';
import type { TokenKind } from './tokens';

const kindsAt = (trace: readonly TraceEvent[], step: string, part: 'request' | 'response') =>
  trace.filter((e) => e.stepId === step && e.kind === part).flatMap((e) => findTokens(e).map((t) => t.kind));

/** Every claim and header field of each JWT of this kind in the trace has its own explanation. */
function unexplained(trace: readonly TraceEvent[], kind: TokenKind): string[] {
  const missing = new Set<string>();
  const tokens = trace.flatMap((e) => findTokens(e)).filter((t) => t.kind === kind);
  expect(tokens.length, kind).toBeGreaterThan(0);
  for (const { token } of tokens) {
    const decoded = peekJwt(token);
    expect(decoded, kind).not.toBeNull();
    for (const name of Object.keys(decoded?.payload ?? {}))
      if (!(name in claimTexts(kind, 'payload'))) missing.add(name);
    for (const name of Object.keys(decoded?.header ?? {}))
      if (!(name in claimTexts(kind, 'header'))) missing.add(name);
  }
  return [...missing];
}

describe('JWTs of the new flows in the inspector', () => {
  it('DPoP: a proof in the DPoP header of each request, the token with the DPoP scheme, cnf explained', async () => {
    const run = await runFlow({ seed: 'insp', scenario: 'dpop', registration: 'cimd' });
    expect(kindsAt(run.trace, 'token', 'request')).toContain('dpop-proof');
    const mcp = run.trace.filter((e) => e.stepId === 'mcp-request' && e.kind === 'request').at(-1);
    expect(mcp && findTokens(mcp).map((t) => [t.kind, t.where])).toEqual([
      ['access-token', 'Authorization: DPoP header'],
      ['dpop-proof', 'DPoP header (a proof)'],
    ]);
    expect(unexplained(run.trace, 'dpop-proof')).toEqual([]);
    expect(claimTexts('dpop-proof', 'payload').ath).toMatch(/S-52/);
    expect(claimTexts('access-token', 'payload').cnf).toMatch(/jkt.*S-52/);
  });

  it('enterprise: the ID token, the ID-JAG (in access_token, typed by issued_token_type) and the grant', async () => {
    const run = await runFlow({ seed: 'insp', scenario: 'enterprise', registration: 'cimd' });
    expect(kindsAt(run.trace, 'sso-token', 'response')).toEqual(['id-token']);
    expect(kindsAt(run.trace, 'token-exchange', 'request')).toEqual(['id-token']);
    expect(kindsAt(run.trace, 'token-exchange', 'response')).toEqual(['id-jag']);
    expect(kindsAt(run.trace, 'jwt-bearer', 'request')).toEqual(['id-jag']);
    expect(kindsAt(run.trace, 'jwt-bearer', 'response')).toEqual(['access-token']);
    expect(unexplained(run.trace, 'id-jag')).toEqual([]);
    expect(unexplained(run.trace, 'id-token')).toEqual([]);
    expect(claimTexts('id-jag', 'header').typ).toMatch(/oauth-id-jag\+jwt/);
  });

  it('private_key_jwt: the client assertion in the token request', async () => {
    const run = await runFlow({ seed: 'insp', scenario: 'client-credentials-jwt', registration: 'cimd' });
    expect(kindsAt(run.trace, 'client-credentials', 'request')).toEqual(['client-assertion']);
    expect(unexplained(run.trace, 'client-assertion')).toEqual([]);
    expect(claimTexts('client-assertion', 'payload').aud).toMatch(/A-51/);
  });
});
