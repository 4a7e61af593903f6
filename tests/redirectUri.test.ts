/**
 * A-12 (OAuth 2.1 §2.3.1, §4.1.1; RFC 8252 §7.3): a redirect URI matches a registered one by simple
 * string comparison, and for a loopback IP literal only the port may differ. Every string below is
 * one the hardening audit saw a server accept after normalising it; each must now be refused, at
 * the matcher and at the authorization endpoint (an error page, never a redirect).
 */
import { describe, expect, it } from 'vitest';
import { redirectUriMatches } from '../src/sim/servers/auth/clients';
import { authorizeUrl } from './authFlow';
import { send, sessionCookie, world } from './helpers';

const REGISTERED = ['http://127.0.0.1:33418/callback'];

const ACCEPTED = [
  'http://127.0.0.1:33418/callback',
  // RFC 8252 §7.3: any port for a loopback IP redirect.
  'http://127.0.0.1:9999/callback',
  'http://127.0.0.1/callback',
  'http://127.0.0.1:65535/callback',
];

const REFUSED = [
  'http://0x7f.0.0.1:9999/callback',
  'http://2130706433:9999/callback',
  'http://127.1:9999/callback',
  'http://127.0.0.1:9999/x/../callback',
  'http://127.0.0.1:9999/./callback',
  'http://127.0.0.1:9999/callback#frag',
  'http://127.0.0.1:9999/callback?',
  'http://127.0.0.1:9999/callback?x=1',
  'http://127.0.0.1:9999/callback/',
  'http://127.0.0.1:9999/Callback',
  'http://127.0.0.1:9999/%63allback',
  'http://evil.example@127.0.0.1:9999/callback',
  'http://127.0.0.1:9999@evil.example/callback',
  'http://127.0.0.1:9999/call\r\nback',
  'http://127.0.0.1:9999/callback\r\nLocation: https://evil.example',
  'http://127.0.0.1:0/callback',
  'http://127.0.0.1:09999/callback',
  'http://127.0.0.1:65536/callback',
  'http://127.0.0.1:99999/callback',
  'HTTP://127.0.0.1:9999/callback',
  'https://127.0.0.1:9999/callback',
  'http://localhost:9999/callback',
  'http://[::1]:9999/callback',
  'http://127.0.0.2:9999/callback',
  ' http://127.0.0.1:9999/callback',
  'http://127.0.0.1:9999/callback ',
];

describe('redirect URIs match exactly; only a loopback IP port may vary (A-12)', () => {
  it.each(ACCEPTED)('accepts %j', (candidate) => {
    expect(redirectUriMatches(REGISTERED, candidate)).toBe(true);
  });

  it.each(REFUSED)('refuses %j', (candidate) => {
    expect(redirectUriMatches(REGISTERED, candidate)).toBe(false);
  });

  it('https redirect URIs are compared as strings, with no port allowance', () => {
    const registered = ['https://app.example.com/oauth/callback'];
    expect(redirectUriMatches(registered, 'https://app.example.com/oauth/callback')).toBe(true);
    for (const candidate of [
      'https://app.example.com:443/oauth/callback',
      'https://APP.example.com/oauth/callback',
      'https://app.example.com/oauth/callback/',
      'https://app.example.com.attacker.example/oauth/callback',
    ])
      expect(redirectUriMatches(registered, candidate)).toBe(false);
  });

  it.each(REFUSED)(
    'the authorization endpoint shows an error page for %j and redirects nowhere',
    async (candidate) => {
      const w = world();
      const res = await send(
        w,
        authorizeUrl(w, { redirect_uri: candidate }),
        { headers: sessionCookie(w) },
        'browser',
      );
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('Unregistered redirect_uri');
    },
  );
});
