/**
 * docs/reference §5.17 and: tokens copied from the client days ago. A short-lived access token has
 * expired; a rotated refresh token, presented again, is reuse, and revokes the whole grant.
 */
import { ranAsVictim, readVictimFile, responseBody, short } from './evidence';
import type { AttackDef } from './types';

export const refreshReplay: AttackDef = {
  id: 'refresh-replay',
  title: 'Stolen tokens: long lifetimes and refresh without rotation',
  summary:
    "Malware copies the client's tokens. Two days later the attacker tries the access token, then the refresh token.",
  target: 'as',
  rules: ['A-14', 'A-15'],
  lesson: 'token-lifecycle',
  preconditions: [],
  defence: {
    label: 'Short-lived access tokens, and refresh tokens rotated on every use',
    vulnerabilities: ['as-long-lived-tokens', 'as-no-refresh-rotation'],
  },
  victim: { scenario: 'refresh', registration: 'preregistered' },
  lanes: ['attacker'],
  explain: {
    vulnerable:
      'A 30-day access token and a refresh token that never changes stay useful to a thief for as long as the victim uses the app.',
    defended:
      "The access token expired within the hour (A-14), so the MCP server refused it at the expiry check (S-05). The refresh token had been rotated when the client last refreshed, so its reuse was detected and the whole grant revoked (A-15): the thief, and the victim's stale copies, are out.",
  },
  async act({ world, attacker, victim }) {
    const stolen = responseBody(victim.trace, 'token');
    const accessToken = typeof stolen.access_token === 'string' ? stolen.access_token : null;
    const refreshToken = typeof stolen.refresh_token === 'string' ? stolen.refresh_token : undefined;
    await attacker.note(
      "Copies the client's token store",
      'The first tokens the client received, taken from its storage before its refresh.',
      {
        mark: 'stolen',
        values: { access_token: short(accessToken ?? ''), refresh_token: short(refreshToken ?? '') },
      },
    );
    world.clock.advance(2 * 24 * 3600);
    await attacker.note('Waits two days', 'The simulated clock moves 48 hours ahead.');
    const first = await attacker.callTool(accessToken, 'read_file', { path: 'notes/plan.md' });
    if (ranAsVictim(world, first))
      return { attackerWon: true, evidence: 'Two days later the stolen access token still worked.' };
    const refreshed = await attacker.token({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: 'mcp-sim-desktop',
      resource: world.urls.mcp,
    });
    const token = typeof refreshed.body.access_token === 'string' ? refreshed.body.access_token : null;
    if (!token)
      return {
        attackerWon: false,
        evidence: `The access token had expired (${first.status}) and the refresh was refused: ${String(refreshed.body.error)}.`,
      };
    return readVictimFile(world, attacker, token, {
      won: 'The stolen refresh token, never rotated, minted a fresh access token.',
      lost: (call) => `The refreshed token was refused (${call.status}).`,
    });
  },
};
