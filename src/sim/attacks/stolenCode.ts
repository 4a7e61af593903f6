/**
 * Spec §5.1: a malicious app on the victim's machine takes the loopback port first and receives the
 * authorization response. Without PKCE the code alone is enough; with it, the verifier is missing.
 */
import { http } from 'msw';
import { htmlPage } from '../servers/http';
import { PREREGISTERED_CLIENT_ID } from '../servers/auth/state';
import { ranAsVictim, short } from './evidence';
import type { AttackDef } from './types';

/** Codes the malicious listener received, per world. */
const intercepted = new WeakMap<object, URL>();

export const stolenCode: AttackDef = {
  id: 'stolen-code-no-pkce',
  title: 'Stolen authorization code without PKCE',
  summary:
    "A malicious local app listens on the client's loopback port, receives the code, and redeems it first.",
  target: 'client',
  rules: ['C-26', 'A-16'],
  lesson: 'pkce-and-request',
  preconditions: [],
  defence: {
    label: 'PKCE: the client sends a code_challenge and the server demands the matching code_verifier',
    vulnerabilities: ['client-no-pkce', 'as-pkce-optional'],
  },
  victim: { scenario: 'first-connection', registration: 'preregistered' },
  lanes: ['attacker'],
  laneOverrides: (urls) => ({ [new URL(urls.callback).host]: 'attacker' }),
  hosts: (world) => [
    http.get(world.urls.callback, ({ request }) => {
      intercepted.set(world, new URL(request.url));
      world.network.annotate({ mark: 'stolen' });
      return htmlPage('Authorization complete', '<h1>You can close this window</h1>');
    }),
  ],
  // Spec §5.1 names who may skip the rule: the server, the client, or both; and the downgrade.
  variants: [
    { id: 'neither', label: 'Neither side uses PKCE' },
    {
      id: 'client-omits',
      label: 'The client sends no code_challenge',
      summary:
        'The authorization server accepts requests without PKCE, so everything rests on the client: does it send a code_challenge?',
      rules: ['C-26'],
      preconditions: ['as-pkce-optional'],
      defence: {
        label: 'The client sends a code_challenge (C-26)',
        vulnerabilities: ['client-no-pkce'],
      },
      explain: {
        vulnerable:
          'The server would have enforced a challenge had there been one. The client sent none, so the code alone was enough.',
        defended:
          'C-26: the client sent a code_challenge, so the server bound the code to it, even though it does not demand PKCE. The thief had no verifier and got 400 invalid_grant.',
      },
    },
    {
      id: 'server-lax',
      label: 'The authorization server does not require PKCE',
      summary:
        'An older client sends no code_challenge. Does the authorization server refuse, or issue a code anyone can redeem?',
      rules: ['A-16'],
      preconditions: ['client-no-pkce'],
      defence: {
        label: 'The authorization server refuses requests without code_challenge (A-16)',
        vulnerabilities: ['as-pkce-optional'],
      },
      explain: {
        vulnerable: 'The server issued a code without a challenge, so whoever holds the code is the client.',
        defended:
          'A-16 (OAuth 2.1 §4.1.2.1): the request had no code_challenge, so the server answered error=invalid_request instead of a code. The malicious app caught a redirect with nothing to redeem.',
      },
    },
    {
      id: 'downgrade',
      label: 'Downgrade: the metadata does not list S256',
      summary:
        'The authorization server predates PKCE: its metadata has no code_challenge_methods_supported and it ignores code_challenge. Does the client notice before it sends the user there?',
      target: 'client',
      rules: ['C-28', 'C-26'],
      preconditions: ['as-no-pkce-support'],
      defence: {
        label: 'The client refuses a server whose metadata does not list S256 (C-28)',
        vulnerabilities: ['client-no-s256-check'],
      },
      explain: {
        vulnerable:
          'The client sent a code_challenge, but a server without PKCE support ignores it: the code was not bound to anything, and the thief redeemed it with no verifier. Sending PKCE is not enough; the client must know the server enforces it.',
        defended:
          'C-28: code_challenge_methods_supported was absent, so the client refused to proceed: no authorization request, no code to steal.',
      },
    },
  ],
  explain: {
    vulnerable: 'A public client has no secret: without PKCE, whoever holds the code is the client.',
    defended:
      'The code was bound to a code_challenge. Only the app that made the challenge knows the verifier, so the thief got 400 invalid_grant (A-16, C-26).',
  },
  async act({ world, attacker }) {
    const callback = intercepted.get(world);
    const code = callback?.searchParams.get('code');
    if (!callback)
      return { attackerWon: false, evidence: 'No authorization response ever reached the port.' };
    if (!code)
      return {
        attackerWon: false,
        evidence: `The redirect the malicious app caught carried no code: error=${callback.searchParams.get('error') ?? '(none)'}.`,
      };
    await attacker.note(
      'Reads the intercepted redirect',
      'The malicious app bound 127.0.0.1:33418 before the real client and received the authorization response.',
      {
        mark: 'stolen',
        values: { code: short(code) },
      },
    );
    const res = await attacker.token({
      grant_type: 'authorization_code',
      code,
      client_id: PREREGISTERED_CLIENT_ID,
      redirect_uri: world.urls.callback,
      resource: world.urls.mcp,
    });
    const token = typeof res.body.access_token === 'string' ? res.body.access_token : null;
    if (!token)
      return {
        attackerWon: false,
        evidence: `Redeeming the stolen code without a verifier failed: ${res.status} ${String(res.body.error)}.`,
      };
    const call = await attacker.callTool(token, 'read_file', { path: 'notes/plan.md' });
    return ranAsVictim(world, call)
      ? {
          attackerWon: true,
          evidence: "The stolen code became a token, and the token read the victim's file.",
        }
      : { attackerWon: false, evidence: `The token did not work (${call.status}).` };
  },
};
