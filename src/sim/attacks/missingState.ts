/**
 * docs/reference §5.4: login CSRF / code injection. The attacker makes the victim's browser deliver HER
 * code to the victim's client, which then works inside the attacker's account. PKCE would also stop
 * this, so the precondition is a client and server without it; the defence under test is state.
 */
import { http } from 'msw';
import { decodeJwt } from 'jose';
import { ATTACKER_USER, PREREGISTERED_CLIENT_ID } from '../servers/auth/state';
import { redirect } from '../servers/http';
import { short } from './evidence';
import type { AttackDef } from './types';

const CSRF_PAGE = 'https://attacker.example/free-gift';

export const missingState: AttackDef = {
  id: 'missing-state',
  title: "Missing state: the attacker's code injected into the victim's client",
  summary:
    "While the victim's client waits for a callback, a page sends the victim's browser to it with the attacker's own code.",
  target: 'client',
  rules: ['C-30'],
  lesson: 'pkce-and-request',
  preconditions: ['client-no-pkce', 'as-pkce-optional'],
  defence: {
    label: 'The client checks that state matches the value it sent',
    vulnerabilities: ['client-no-state-check'],
  },
  victim: { scenario: 'first-connection', registration: 'preregistered' },
  lanes: ['attacker'],
  hosts: (world) => [
    http.get(CSRF_PAGE, () => {
      const callback = new URL(world.urls.callback);
      callback.searchParams.set('code', world.attacker.ownCode ?? '');
      callback.searchParams.set('state', 'anything');
      callback.searchParams.set('iss', world.urls.issuer);
      return redirect(callback.href);
    }),
  ],
  async prepare(world, attacker) {
    await attacker.note(
      'Gets a code for her own account',
      'The attacker signs in as herself and stops at the redirect, keeping the code unredeemed.',
    );
    const code = await attacker.ownCode({
      response_type: 'code',
      client_id: PREREGISTERED_CLIENT_ID,
      redirect_uri: world.urls.callback,
      state: 'mine',
      scope: 'files:read',
      resource: world.urls.mcp,
    });
    world.attacker.ownCode = code ?? '';
  },
  async lure(world, attacker) {
    await attacker.note(
      "Lures the victim's browser",
      "The victim opens a page that redirects to the client's callback with the attacker's code.",
      {
        values: { code: short(world.attacker.ownCode ?? '') },
      },
    );
    return CSRF_PAGE;
  },
  explain: {
    vulnerable:
      "The client accepted a response to a request it never made. It is now signed in to the attacker's account: whatever the victim saves goes to her.",
    defended:
      'C-30: state did not match the value the client sent, so the response was discarded and no token request was made.',
  },
  act({ victim }) {
    const token = victim.client.session.tokens?.access_token;
    const sub = token ? String(decodeJwt(token).sub) : null;
    return Promise.resolve(
      sub === ATTACKER_USER.sub
        ? {
            attackerWon: true,
            evidence: `The victim's client holds a token for ${ATTACKER_USER.name}'s account (sub ${sub}).`,
          }
        : { attackerWon: false, evidence: "The victim's client never redeemed the injected code." },
    );
  },
};
