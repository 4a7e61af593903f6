/**
 * docs/reference §5.22 (RFC 7523 §3; EXT-CC): a client assertion is a signed statement, not a
 * secret, but a copy works for whoever holds it until it expires, at whichever server accepts its
 * aud. Replayed later, after its one-minute lifetime, exp stops it where jti is not tracked
 * (A-52 is a MAY); made for another authorization server that uses the same key, aud stops it.
 */
import { signClientAssertion } from '../client/assertion';
import { CLIENT_ASSERTION_TYPE } from '../oauth/urns';
import { MACHINE_JWT_CLIENT_ID } from '../servers/auth/state';
import type { World } from '../world/world';
import type { Attacker } from './attacker';
import { requestForm, short } from './evidence';
import type { AttackDef, AttackFinding } from './types';
import { defineVariants } from './variants';

/** She authenticates as the machine client with the assertion, and reads its report. */
async function present(world: World, attacker: Attacker, assertion: string): Promise<AttackFinding> {
  const res = await attacker.token({
    grant_type: 'client_credentials',
    scope: 'files:read',
    resource: world.urls.mcp,
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    client_assertion: assertion,
  });
  const token = typeof res.body.access_token === 'string' ? res.body.access_token : null;
  if (!token)
    return {
      attackerWon: false,
      evidence: `The authorization server refused the assertion: ${res.status} ${String(res.body.error)}.`,
    };
  const call = await attacker.callTool(token, 'read_file', { path: 'reports/latest.csv' });
  return call.status === 200 && !call.isError && world.mcp.calls.at(-1)?.sub === MACHINE_JWT_CLIENT_ID
    ? { attackerWon: true, evidence: `She got a token as ${MACHINE_JWT_CLIENT_ID} and read its report.` }
    : { attackerWon: false, evidence: `A token was issued but the tool call failed (${call.status}).` };
}

export const clientAssertionMisuse: AttackDef = {
  id: 'client-assertion-misuse',
  title: 'A client assertion replayed after its lifetime, or made for another server',
  summary:
    'The attacker copies the signed client assertion of a backend job (private_key_jwt) and authenticates as the job with it.',
  target: 'as',
  rules: ['A-51'],
  lesson: 'machine-identity',
  // jti tracking is a MAY (RFC 7523 §3, A-52) and this server does not: the assertion's lifetime is what is left.
  preconditions: ['as-jwt-replay'],
  defence: {
    label: 'The authorization server refuses an assertion after its exp (A-51)',
    vulnerabilities: ['as-assertion-no-expiry'],
  },
  victim: { scenario: 'client-credentials-jwt', registration: 'preregistered' },
  lanes: ['attacker'],
  variants: defineVariants('client-assertion-misuse', {
    expired: { label: 'Replayed after its lifetime: exp' },
    'other-server': {
      label: 'Made for another authorization server: aud',
      summary:
        'The job uses the same key at another authorization server, which the attacker runs; she replays the assertion it sent her at this one.',
      preconditions: [],
      defence: {
        label: "The authorization server checks that the assertion's aud is its own issuer (A-51)",
        vulnerabilities: ['as-assertion-any-audience'],
      },
      explain: {
        vulnerable:
          "The assertion was fresh, unused here and signed by the job's registered key: only its aud said it was for another server, and this one did not read it.",
        defended:
          "A-51 (RFC 7523 §3, as draft-ietf-oauth-rfc7523bis tightens it): the assertion's aud is https://attacker-as.example, not this server's issuer, so it got invalid_client.",
      },
      async act({ world, attacker }) {
        const now = world.clock.now();
        const assertion = signClientAssertion(
          world.clientHost.signingKey,
          MACHINE_JWT_CLIENT_ID,
          world.urls.attackerIssuer,
          now,
          world.rng('client-elsewhere').token(16),
        );
        await attacker.note(
          'Receives a client assertion at her authorization server',
          'The job authenticates to her server too, with the same key: the assertion it sent names https://attacker-as.example as its audience.',
          { mark: 'stolen', values: { client_assertion: short(assertion), aud: world.urls.attackerIssuer } },
        );
        return present(world, attacker, assertion);
      },
    },
  }),
  explain: {
    vulnerable:
      'The assertion was signed by the right key, for this server, and this server keeps no record of jti values: without the exp check, a copy from a log authenticates as the job for as long as anyone keeps it.',
    defended:
      'A-51 (RFC 7523 §3): the assertion expired a minute after it was made, so ten minutes later it got invalid_client. Short lifetimes are what make a leaked assertion worthless, even where jti values are not remembered.',
  },
  async act({ world, attacker, victim }) {
    const leaked = requestForm(victim.trace, 'client-credentials');
    const assertion = leaked.get('client_assertion') ?? '';
    await attacker.note(
      'Copies the client assertion from a log',
      "The job's token request was logged in full. No secret is in it, only a signed assertion.",
      { mark: 'stolen', values: { client_assertion: short(assertion) } },
    );
    world.clock.advance(600);
    await attacker.note('Waits ten minutes', 'The simulated clock moves 600 s ahead.');
    return present(world, attacker, assertion);
  },
};
