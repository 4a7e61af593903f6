/**
 * Security Best Practices (2026-07-28) §State Handle Hijacking (S-19): conversation state behind a
 * handle (here a search_id). The attacker, with her own valid token, presents the victim's handle; only
 * binding state to the token's user keeps her out.
 */
import { challengeS256, createVerifier } from '../crypto/pkce';
import { PREREGISTERED_CLIENT_ID } from '../servers/auth/state';
import type { TraceEvent } from '../trace/types';
import { short } from './evidence';
import type { AttackDef } from './types';

function lastSearchId(trace: readonly TraceEvent[]): string {
  for (const e of [...trace].reverse()) {
    if (e.kind === 'response' && e.stepId === 'mcp-request' && e.response?.body?.includes('search_id')) {
      return /search_id\\?":\\?"([^"\\]+)/.exec(e.response.body)?.[1] ?? '';
    }
  }
  return '';
}

export const stateHandleHijack: AttackDef = {
  id: 'state-handle-hijack',
  title: 'State handle hijacking',
  summary:
    'A search handle the victim got leaks; the attacker presents it with her own, perfectly valid token.',
  target: 'mcp',
  rules: ['S-19'],
  lesson: 'defense-in-depth',
  preconditions: [],
  defence: {
    label: "The server keys state by the token's user and the handle",
    vulnerabilities: ['mcp-unbound-handles'],
  },
  victim: {
    scenario: 'first-connection',
    registration: 'dcr',
    operations: [
      { kind: 'call', method: 'tools/list' },
      { kind: 'call', method: 'tools/call', params: { name: 'search_start', arguments: { query: 'plan' } } },
    ],
  },
  lanes: ['attacker'],
  needs: {
    rules: ['S-26'],
    why: 'State handles in tool arguments replace sessions in 2026-07-28; before, the same attack was on the session id (S-20).',
  },
  explain: {
    vulnerable:
      "The server treated holding the handle as proof of ownership. The attacker's token was valid, just not the victim's, and she read the victim's search results.",
    defended:
      'S-19: state is stored under <user_id>:<handle>. Under the attacker\'s user id the handle does not exist, so she got "not found".',
  },
  async act({ world, attacker, victim }) {
    const handle = lastSearchId(victim.trace);
    await attacker.note("Finds the victim's search_id", 'It was pasted into a shared support ticket.', {
      mark: 'stolen',
      values: { search_id: handle },
    });
    // Mallory signs in as herself with the same public client: a valid token, for her own account.
    const verifier = createVerifier(world.rng('attacker'));
    const code = await attacker.ownCode({
      response_type: 'code',
      client_id: PREREGISTERED_CLIENT_ID,
      redirect_uri: world.urls.callback,
      state: 'mine',
      code_challenge: await challengeS256(verifier),
      code_challenge_method: 'S256',
      scope: 'files:read',
      resource: world.urls.mcp,
    });
    const res = await attacker.token({
      grant_type: 'authorization_code',
      code: code ?? '',
      code_verifier: verifier,
      client_id: PREREGISTERED_CLIENT_ID,
      redirect_uri: world.urls.callback,
      resource: world.urls.mcp,
    });
    const token = typeof res.body.access_token === 'string' ? res.body.access_token : null;
    await attacker.note(
      'Has her own valid token',
      'Signed in as herself; the token is genuine, for her account.',
      { values: { access_token: short(token ?? '') } },
    );
    const call = await attacker.callTool(token, 'search_results', { search_id: handle });
    const leaked = call.status === 200 && !call.isError && call.text.includes('Q3 plan');
    return leaked
      ? {
          attackerWon: true,
          evidence: `With her own token and the victim's handle, the attacker read: "${short(call.text, 24)}".`,
        }
      : { attackerWon: false, evidence: `The server answered "${call.text}".` };
  },
};
