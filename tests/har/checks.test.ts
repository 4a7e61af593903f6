/**
 * The wire checks one by one, on hand-made messages: what real servers and clients do that the
 * simulated ones never do (the SDK's error code on a first 401, a missing no-store, iss sent but not
 * advertised...), each with its rule, its verdict and a fix.
 */
import { describe, expect, it } from 'vitest';
import { callbackChecks, scopeCheck } from '../../src/sim/checks/authorization';
import { authorizationResponseChecks, registrationChecks } from '../../src/sim/checks/authorizationServer';
import { challengeChecks } from '../../src/sim/checks/resourceServer';
import { pkceRedemptionCheck, refreshRotationCheck, tokenResponseChecks } from '../../src/sim/checks/tokens';
import { challengeS256 } from '../../src/sim/crypto/pkce';
import type { Check } from '../../src/sim/trace/types';

const verdicts = (checks: Check[]) => checks.map((c) => `${c.rule} ${c.status}`);

describe('the MCP server on the wire', () => {
  const rm = 'resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"';

  it("the SDK's first 401 carries an error code: S-27, a SHOULD NOT, fails", () => {
    const checks = challengeChecks(401, [['WWW-Authenticate', `Bearer error="invalid_token", ${rm}`]], {
      credentials: 'none',
      metadataAtWellKnown: false,
    });
    expect(verdicts(checks)).toEqual(['S-25 pass', 'S-02 pass', 'S-27 fail', 'S-03 fail']);
    expect(checks.every((c) => c.fix)).toBe(true);
  });

  it('a 401 with no challenge fails S-25; a refused token without one fails S-07', () => {
    expect(verdicts(challengeChecks(401, [], { credentials: 'none', metadataAtWellKnown: true }))).toEqual([
      'S-25 fail',
    ]);
    expect(verdicts(challengeChecks(401, [], { credentials: 'bearer', metadataAtWellKnown: true }))).toEqual([
      'S-07 fail',
    ]);
  });

  it('no resource_metadata is fine when the metadata is at the well-known URL (S-02 allows either)', () => {
    const header: [string, string] = ['WWW-Authenticate', 'Bearer scope="files:read"'];
    expect(
      challengeChecks(401, [header], { credentials: 'none', metadataAtWellKnown: true })[1]?.status,
    ).toBe('pass');
    expect(
      challengeChecks(401, [header], { credentials: 'none', metadataAtWellKnown: false })[1]?.status,
    ).toBe('fail');
  });

  it('offline_access in the challenge fails S-22; insufficient_scope without scope fails S-12', () => {
    const offline = challengeChecks(
      401,
      [['WWW-Authenticate', `Bearer scope="files:read offline_access", ${rm}`]],
      {
        credentials: 'none',
        metadataAtWellKnown: false,
      },
    );
    expect(verdicts(offline)).toContain('S-22 fail');
    const scope = challengeChecks(403, [['WWW-Authenticate', `Bearer error="insufficient_scope", ${rm}`]], {
      credentials: 'bearer',
      metadataAtWellKnown: false,
    });
    expect(verdicts(scope)).toEqual(['S-12 fail']);
  });
});

describe('the authorization server on the wire', () => {
  const request = new URLSearchParams({ client_id: 'c', redirect_uri: 'http://127.0.0.1:9/callback' });

  it('iss sent but not advertised fails A-09; no iss fails A-08, a SHOULD', () => {
    const location = new URL('http://127.0.0.1:9/callback?code=x&iss=https%3A%2F%2Fas.example');
    const sent = authorizationResponseChecks({
      request: new URLSearchParams({ ...Object.fromEntries(request), code_challenge: 'c' }),
      location,
      issAdvertised: false,
      registered: undefined,
      selfRegistered: false,
      direct: false,
    });
    expect(verdicts(sent)).toEqual(['A-08 pass', 'A-09 fail', 'A-16 pass']);
    const none = authorizationResponseChecks({
      request,
      location: new URL('http://127.0.0.1:9/callback?code=x'),
      issAdvertised: true,
      registered: ['http://127.0.0.1/callback'],
      selfRegistered: false,
      direct: false,
    });
    // A loopback redirect URI may change its port only (RFC 8252 §7.3): A-12 holds.
    expect(verdicts(none)).toEqual(['A-08 fail', 'A-16 fail', 'A-12 pass']);
  });

  it('an error redirected at once to a self-registered URI fails A-13; after the user decided, it does not', () => {
    const location = new URL('http://127.0.0.1:9/callback?error=access_denied&iss=x');
    const facts = { request, location, issAdvertised: true, registered: ['http://127.0.0.1:9/callback'] };
    expect(verdicts(authorizationResponseChecks({ ...facts, selfRegistered: true, direct: true }))).toContain(
      'A-13 fail',
    );
    expect(
      verdicts(authorizationResponseChecks({ ...facts, selfRegistered: true, direct: false })).some((v) =>
        v.startsWith('A-13'),
      ),
    ).toBe(false);
  });

  it('a token response without no-store fails A-20; a day-long token passes A-14, a longer one fails', () => {
    const body = { access_token: 'opaque', token_type: 'Bearer', expires_in: 86_400 };
    expect(verdicts(tokenResponseChecks([], body, { resource: undefined }))).toEqual([
      'A-01 pass',
      'A-20 fail',
      'A-14 pass',
    ]);
    const long = tokenResponseChecks(
      [['Cache-Control', 'no-store']],
      { ...body, expires_in: 86_401 },
      {
        resource: undefined,
      },
    );
    expect(verdicts(long)).toEqual(['A-01 pass', 'A-20 pass', 'A-14 fail']);
    expect(
      verdicts(tokenResponseChecks([], { access_token: 'x', token_type: 'mac' }, { resource: undefined }))[0],
    ).toBe('A-01 fail');
  });

  it('PKCE at redemption: the verifier must transform into the challenge (A-16)', async () => {
    const verifier = 'a'.repeat(43);
    const challenge = { value: await challengeS256(verifier), method: 'S256' };
    expect((await pkceRedemptionCheck(challenge, verifier)).status).toBe('pass');
    expect((await pkceRedemptionCheck(challenge, 'b'.repeat(43))).status).toBe('fail');
    expect((await pkceRedemptionCheck(challenge, null)).detail).toMatch(/no code_verifier/);
  });

  it('a refresh for a public client rotates the refresh token (A-15)', () => {
    expect(refreshRotationCheck('r1', { refresh_token: 'r2' }).status).toBe('pass');
    expect(refreshRotationCheck('r1', { refresh_token: 'r1' }).detail).toMatch(/same refresh token/);
    expect(refreshRotationCheck('r1', {}).status).toBe('fail');
  });

  it('registration: application_type sent (C-13); an accepted http redirect URI off loopback fails A-11', () => {
    expect(verdicts(registrationChecks({ redirect_uris: ['http://app.example/cb'] }, true))).toEqual([
      'C-13 fail',
      'A-11 fail',
    ]);
    expect(
      verdicts(
        registrationChecks({ redirect_uris: ['http://localhost:1/cb'], application_type: 'native' }, true),
      ),
    ).toEqual(['C-13 pass', 'A-11 pass']);
  });
});

describe("the client's checks, on what a recording shows", () => {
  it('iss differing only in form is C-20 (never normalise); missing though advertised is C-19', () => {
    const expected = { state: 's', issuer: 'https://as.example/tenant', issSupported: true };
    const slash = callbackChecks(
      expected,
      new URLSearchParams({ state: 's', iss: 'https://as.example/tenant/' }),
    );
    expect(verdicts(slash)).toEqual(['C-30 pass', 'C-20 fail']);
    const missing = callbackChecks(expected, new URLSearchParams({ state: 'other' }));
    expect(verdicts(missing)).toEqual(['C-30 fail', 'C-19 fail']);
    // Without the authorization request, the state sent is unknown: no C-30 at all, never a guess.
    expect(verdicts(callbackChecks({ ...expected, state: undefined }, new URLSearchParams()))).toEqual([
      'C-19 fail',
    ]);
  });

  it('least privilege (C-15): the challenge and what was asked before, and nothing more', () => {
    expect(scopeCheck('files:read files:write', ['files:read', 'files:write'], 'the challenge').status).toBe(
      'pass',
    );
    const more = scopeCheck('files:read admin:*', ['files:read'], 'the challenge');
    expect(more.status).toBe('fail');
    expect(more.detail).toMatch(/also asked for admin:\*/);
  });
});
