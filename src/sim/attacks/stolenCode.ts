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
  explain: {
    vulnerable: 'A public client has no secret: without PKCE, whoever holds the code is the client.',
    defended:
      'The code was bound to a code_challenge. Only the app that made the challenge knows the verifier, so the thief got 400 invalid_grant (A-16, C-26).',
  },
  async act({ world, attacker }) {
    const callback = intercepted.get(world);
    const code = callback?.searchParams.get('code') ?? '';
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
