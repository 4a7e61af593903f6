import { describe, expect, it } from 'vitest';
import { formatSimHref, parseSimHref } from '../content/links';
import { DEFAULT_CONFIG, readSimParams, simHash } from './simParams';

describe('sim URL parameters', () => {
  it('reads scenario, registration, seed and a step number', () => {
    expect(readSimParams('scenario=step-up&reg=dcr&seed=class-7&step=12&consent=approve,deny')).toEqual({
      config: { seed: 'class-7', scenario: 'step-up', registration: 'dcr' },
      target: { kind: 'count', count: 12 },
      decisions: ['approve', 'deny'],
    });
  });

  it('reads at= as a step id with an optional part', () => {
    expect(readSimParams('at=token:response').target).toEqual({
      kind: 'step',
      step: 'token',
      part: 'response',
    });
    // The one parser of at= (stepRef.ts): a part only on an exchange step.
    expect(readSimParams('at=prepare-authorization:request').target).toEqual({ kind: 'count', count: 0 });
    expect(readSimParams('at=validate-token').target).toEqual({ kind: 'step', step: 'validate-token' });
    // An unknown step falls back to the start.
    expect(readSimParams('at=nope').target).toEqual({ kind: 'count', count: 0 });
  });

  it('falls back to the defaults for unknown or missing values', () => {
    expect(readSimParams('scenario=hack&reg=x&step=-4&consent=maybe')).toEqual({
      config: DEFAULT_CONFIG,
      target: { kind: 'count', count: 0 },
      decisions: [],
    });
  });

  it('reads an attack with its defence, on unless the link says off', () => {
    expect(readSimParams('attack=mix-up').config.attack).toEqual({ id: 'mix-up', defence: 'on' });
    expect(readSimParams('attack=mix-up&defence=off').config.attack).toEqual({
      id: 'mix-up',
      defence: 'off',
    });
    expect(readSimParams('attack=not-an-attack').config.attack).toBeUndefined();
  });

  it('reads an attack variant the attack has, and drops one it has not', () => {
    expect(readSimParams('attack=open-redirect&variant=error-redirect').config.attack).toEqual({
      id: 'open-redirect',
      defence: 'on',
      variant: 'error-redirect',
    });
    expect(readSimParams('attack=open-redirect&variant=nope').config.attack).toEqual({
      id: 'open-redirect',
      defence: 'on',
    });
    expect(readSimParams('attack=mix-up&variant=error-redirect').config.attack).toEqual({
      id: 'mix-up',
      defence: 'on',
    });
    const hash = simHash(
      { ...DEFAULT_CONFIG, attack: { id: 'metadata-steering', defence: 'off', variant: 'spoofed-issuer' } },
      3,
      [],
    );
    expect(hash).toContain('&variant=spoofed-issuer');
    expect(readSimParams(hash.split('?')[1] ?? '').config.attack?.variant).toBe('spoofed-issuer');
  });

  it('reads the new flows and their attacks like the old', () => {
    expect(readSimParams('scenario=enterprise&at=token-exchange:request')).toEqual({
      config: { ...DEFAULT_CONFIG, scenario: 'enterprise' },
      target: { kind: 'step', step: 'token-exchange', part: 'request' },
      decisions: [],
    });
    expect(readSimParams('scenario=dpop&at=validate-dpop-proof').target).toEqual({
      kind: 'step',
      step: 'validate-dpop-proof',
    });
    expect(readSimParams('scenario=client-credentials-jwt').config.scenario).toBe('client-credentials-jwt');
    expect(readSimParams('attack=dpop-proof-misuse&variant=other-url&defence=off').config.attack).toEqual({
      id: 'dpop-proof-misuse',
      defence: 'off',
      variant: 'other-url',
    });
    const hash = simHash(
      { ...DEFAULT_CONFIG, attack: { id: 'id-jag-misuse', defence: 'on', variant: 'replayed' } },
      7,
      [],
    );
    expect(readSimParams(hash.split('?')[1] ?? '').config.attack).toEqual({
      id: 'id-jag-misuse',
      defence: 'on',
      variant: 'replayed',
    });
  });

  it('the secret in the body (client_secret_post) round-trips, in a run link and in a lesson link', () => {
    const config = {
      seed: 'demo',
      scenario: 'client-credentials-post' as const,
      registration: 'preregistered' as const,
    };
    const hash = simHash(config, 9, [], 7);
    expect(hash).toBe('#/sim?scenario=client-credentials-post&reg=preregistered&seed=demo&step=9&sel=8');
    expect(readSimParams(hash.split('?')[1] ?? '')).toEqual({
      config,
      target: { kind: 'count', count: 9 },
      decisions: [],
      selected: 7,
    });
    const link = '#/sim?scenario=client-credentials-post&at=client-credentials:request';
    const parsed = parseSimHref(link);
    expect(parsed).toEqual({
      ok: true,
      value: { scenario: 'client-credentials-post', at: { step: 'client-credentials', part: 'request' } },
    });
    expect(parsed.ok && formatSimHref(parsed.value)).toBe(link);
    // Its client always uses its pre-registered secret: a registration mode in a lesson link is a mistake.
    expect(parseSimHref('#/sim?scenario=client-credentials-post&reg=dcr')).toMatchObject({ ok: false });
    // A step no run of it makes (it signs no assertion) is caught.
    expect(parseSimHref('#/sim?scenario=client-credentials-post&at=sign-client-assertion')).toMatchObject({
      ok: false,
    });
  });

  it('writes what it reads', () => {
    const hash = simHash(
      {
        seed: 'demo',
        scenario: 'refresh',
        registration: 'cimd',
        attack: { id: 'code-replay', defence: 'off' },
      },
      7,
      ['approve'],
    );
    expect(hash).toBe(
      '#/sim?scenario=refresh&reg=cimd&seed=demo&attack=code-replay&defence=off&step=7&consent=approve',
    );
    const back = readSimParams(hash.slice('#/sim?'.length));
    expect(back.config.attack).toEqual({ id: 'code-replay', defence: 'off' });
    expect(back.target).toEqual({ kind: 'count', count: 7 });
    expect(simHash(DEFAULT_CONFIG, 0, [])).toBe('#/sim?scenario=first-connection&reg=cimd&seed=demo');
  });

  it('a revision round-trips through rev=, and the latest needs none', () => {
    const config = {
      seed: 'demo',
      scenario: 'refresh',
      registration: 'dcr',
      revision: '2025-06-18',
    } as const;
    const hash = simHash(config, 5, []);
    expect(hash).toBe('#/sim?scenario=refresh&reg=dcr&seed=demo&rev=2025-06-18&step=5');
    const back = readSimParams(hash.slice('#/sim?'.length));
    expect(back.config).toEqual(config);
    expect(simHash(back.config, 5, [])).toBe(hash);
    // The latest revision is the default: a link that names it reads as one that does not.
    expect(readSimParams('rev=2026-07-28').config).toEqual(DEFAULT_CONFIG);
    expect(readSimParams('rev=1999-01-01').config).toEqual(DEFAULT_CONFIG);
  });

  it('a client of another revision (mixed eras) round-trips through client=', () => {
    const hash = simHash(
      { ...DEFAULT_CONFIG, registration: 'dcr', revision: '2025-06-18', client: 'dual-era' },
      0,
      [],
    );
    expect(hash).toBe('#/sim?scenario=first-connection&reg=dcr&seed=demo&rev=2025-06-18&client=dual-era');
    expect(readSimParams(hash.slice('#/sim?'.length)).config).toMatchObject({
      revision: '2025-06-18',
      client: 'dual-era',
    });
    expect(readSimParams('client=nobody').config.client).toBeUndefined();
  });

  it('what a revision cannot play falls back to what it can', () => {
    // CIMD arrived in 2025-11-25, step-up too: under 2025-06-18 the link runs DCR and a first connection.
    expect(readSimParams('scenario=step-up&reg=cimd&rev=2025-06-18').config).toMatchObject({
      scenario: 'first-connection',
      registration: 'dcr',
      revision: '2025-06-18',
    });
    expect(readSimParams('reg=cimd&rev=2025-11-25').config.registration).toBe('cimd');
  });

  it('says what a link asked for that its revision lacks, and only for what the link named', () => {
    expect(readSimParams('scenario=step-up&reg=cimd&rev=2025-06-18').fallbacks).toEqual([
      'Step-up on 403 insufficient_scope arrived in 2025-11-25 (SEP-835). This 2025-06-18 run plays “First connection” instead.',
      'Client ID Metadata Documents arrived in 2025-11-25 (SEP-991). This 2025-06-18 run uses Dynamic Client Registration instead.',
    ]);
    // The default registration (CIMD) falling back under an old revision is no news: nothing named it.
    expect(readSimParams('rev=2025-06-18').fallbacks).toBeUndefined();
    expect(readSimParams('reg=cimd').fallbacks).toBeUndefined();
  });
});
