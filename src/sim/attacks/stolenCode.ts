/**
 * docs/reference §5.1: a malicious app on the victim's machine takes the loopback port first and receives the
 * authorization response. Without PKCE the code alone is enough; with it, the verifier is missing.
 */
import { http } from 'msw';
import { htmlPage } from '../servers/http';
import { PREREGISTERED_CLIENT_ID } from '../servers/auth/state';
import { readVictimFile, short } from './evidence';
import type { Attacker } from './attacker';
import type { AttackDef, AttackFinding } from './types';
import { defineVariants } from './variants';
import type { World } from '../world/world';

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
      world.attacker.landed = new URL(request.url);
      world.network.annotate({ mark: 'stolen' });
      return htmlPage('Authorization complete', '<h1>You can close this window</h1>');
    }),
  ],
  // docs/reference §5.1 names who may skip the rule: the server, the client, or both; and the downgrade.
  variants: defineVariants('stolen-code-no-pkce', {
    neither: { label: 'Neither side uses PKCE' },
    'client-omits': {
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
          'C-26: the client sent a code_challenge, so the server bound the code to it even though it does not demand PKCE, and checked the verifier at redemption (A-16). The thief had no verifier and got 400 invalid_grant.',
      },
    },
    'server-lax': {
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
    downgrade: {
      label: 'Downgrade: the metadata has no code_challenge_methods_supported',
      summary:
        'The authorization server predates PKCE: its metadata has no code_challenge_methods_supported and it ignores code_challenge. Does the client notice before it sends the user there?',
      target: 'client',
      rules: ['C-28', 'C-26'],
      preconditions: ['as-no-pkce-support'],
      defence: {
        label: 'The client refuses a server whose metadata has no code_challenge_methods_supported (C-28)',
        vulnerabilities: ['client-no-s256-check'],
      },
      explain: {
        vulnerable:
          'The client sent a code_challenge, but a server without PKCE support ignores it: the code was not bound to anything, and the thief redeemed it with no verifier. Sending PKCE is not enough; the client must know the server enforces it.',
        defended:
          'C-28: code_challenge_methods_supported was absent, so the client refused to proceed: no authorization request, no code to steal.',
      },
    },
    'downgrade-plain': {
      label: 'Downgrade: the metadata lists only plain',
      summary:
        "The authorization server's metadata lists only the plain method, where the challenge is the verifier itself. The malicious app can read the authorization URL from the browser's command line.",
      target: 'client',
      rules: ['C-27', 'C-26'],
      preconditions: ['as-pkce-plain-only'],
      defence: {
        label: 'The client uses S256 and refuses a server that offers only plain (C-27)',
        vulnerabilities: ['client-no-s256-check'],
      },
      explain: {
        vulnerable:
          'The client settled for plain, so the code_challenge in the authorization URL was the verifier itself. The malicious app read it from the command line that opened the browser, caught the code on the port, and redeemed both: PKCE in name only.',
        defended:
          'C-27: the client must use S256 when it can, and this server offered only plain, so the client refused to proceed: no authorization request, no code to steal.',
      },
      act: async ({ world, attacker }) =>
        redeemIntercepted(world, attacker, await readCommandLine(world, attacker)),
    },
  }),
  explain: {
    vulnerable: 'A public client has no secret: without PKCE, whoever holds the code is the client.',
    defended:
      'The code was bound to a code_challenge. Only the app that made the challenge knows the verifier, so the thief got 400 invalid_grant (A-16, C-26).',
  },
  act: ({ world, attacker }) => redeemIntercepted(world, attacker, undefined),
};

/**
 * The malicious app's move: the code it caught on the loopback port, redeemed at the token endpoint,
 * with a verifier if it managed to learn one, then used to read the victim's file.
 */
async function redeemIntercepted(
  world: World,
  attacker: Attacker,
  verifier: string | undefined,
): Promise<AttackFinding> {
  const callback = world.attacker.landed;
  const code = callback?.searchParams.get('code');
  if (!callback) return { attackerWon: false, evidence: 'No authorization response ever reached the port.' };
  if (!code)
    return {
      attackerWon: false,
      evidence: `The redirect the malicious app caught carried no code: error=${callback.searchParams.get('error') ?? '(none)'}.`,
    };
  await attacker.note(
    'Reads the intercepted redirect',
    'The malicious app bound 127.0.0.1:33418 before the real client and received the authorization response.',
    { mark: 'stolen', values: { code: short(code) } },
  );
  const res = await attacker.token({
    grant_type: 'authorization_code',
    code,
    client_id: PREREGISTERED_CLIENT_ID,
    redirect_uri: world.urls.callback,
    resource: world.urls.mcp,
    ...(verifier ? { code_verifier: verifier } : {}),
  });
  const token = typeof res.body.access_token === 'string' ? res.body.access_token : null;
  if (!token)
    return {
      attackerWon: false,
      evidence: `Redeeming the stolen code ${verifier ? 'with the verifier it read' : 'without a verifier'} failed: ${res.status} ${String(res.body.error)}.`,
    };
  return readVictimFile(world, attacker, token, {
    won: "The stolen code became a token, and the token read the victim's file.",
    lost: (call) => `The token did not work (${call.status}).`,
  });
}

/**
 * The plain downgrade: the client launched the browser with the authorization URL as an argument,
 * and any local process can list command lines. With plain, the challenge there is the verifier.
 */
async function readCommandLine(world: World, attacker: Attacker): Promise<string | undefined> {
  const opened = world.recorder.events.find((e) => e.kind === 'handoff' && e.stepId === 'open-browser');
  const url = opened?.kind === 'handoff' ? opened.detail.values?.url : undefined;
  if (!url) return undefined;
  const params = new URL(url).searchParams;
  const challenge = params.get('code_challenge') ?? undefined;
  await attacker.note(
    "Reads the browser's command line",
    'The client opened the browser with the authorization URL as an argument; any process on the machine can list it.',
    {
      values: {
        code_challenge: challenge ? short(challenge) : '(none)',
        code_challenge_method: params.get('code_challenge_method') ?? '(none)',
      },
    },
  );
  // Only a plain challenge is worth anything to her: it is the verifier. An S256 one cannot be reversed.
  return params.get('code_challenge_method') === 'plain' ? challenge : undefined;
}
