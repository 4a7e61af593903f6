/**
 * docs/reference §5.8 (RFC 8707, S-06): a token the same authorization server issued for another
 * resource (here, a server the attacker runs) is replayed at the honest MCP server. Only the audience
 * check tells them apart.
 */
import { evilMcpHosts, tokenSentToEvilMcp } from './evilMcp';
import { readVictimFile, short, tokenIssuedFor } from './evidence';
import type { AttackDef } from './types';
import { defineVariants } from './variants';

export const wrongAudience: AttackDef = {
  id: 'wrong-audience',
  title: 'A token for another server, replayed here',
  summary:
    'The victim also uses an MCP server the attacker runs. That server replays the token it received at the honest server.',
  target: 'mcp',
  rules: ['S-06', 'S-08', 'C-22'],
  lesson: 'access',
  preconditions: [],
  defence: {
    label: 'The MCP server checks that its own URI is in aud',
    vulnerabilities: ['mcp-no-audience-check'],
  },
  victim: { scenario: 'first-connection', registration: 'preregistered' },
  lanes: ['attacker'],
  variants: defineVariants('wrong-audience', {
    'replayed-token': { label: 'The MCP server does not check aud' },
    'no-resource': {
      // docs/reference §5.8's companion toggle: the audience check is only as good as the audience in
      // the token.
      label: 'The client omits resource, so the token fits every server',
      summary:
        "The victim connects her client to the attacker's MCP server. If the client leaves out resource, the token it gets has no binding to that server, and the attacker replays it at the honest one.",
      target: 'client',
      rules: ['C-22', 'S-06'],
      preconditions: ['as-default-audience'],
      needs: {
        rules: ['C-22'],
        why: 'It is about the resource parameter, which arrived in 2025-06-18 (RFC 8707): before, no token named its server.',
      },
      defence: {
        label: 'The client sends resource in the authorization and token requests (C-22)',
        vulnerabilities: ['client-omit-resource'],
      },
      victim: {
        scenario: 'first-connection',
        registration: 'preregistered',
        serverUrl: (world) => world.urls.evilMcp,
      },
      hosts: (world) =>
        evilMcpHosts(world, { resource: world.urls.evilMcp, authorizationServer: world.urls.issuer }),
      explain: {
        vulnerable:
          'Asked without resource, this authorization server issued a token for every resource it serves. The honest server checked aud and found itself there: the check passed, because the client never said which server the token was for.',
        defended:
          'C-22 (RFC 8707): the client asked for a token for https://evil-mcp.example/mcp, so aud named only that server, and the honest server refused the replay with 401 invalid_token (S-06).',
      },
      async act({ world, attacker }) {
        const token = tokenSentToEvilMcp(world);
        if (!token) return { attackerWon: false, evidence: 'The victim never sent evil-mcp a token.' };
        await attacker.note(
          'Replays the token evil-mcp received',
          "The victim's client sent it with its first request to evil-mcp.example.",
          { mark: 'stolen', values: { access_token: short(token) } },
        );
        return readVictimFile(world, attacker, token, {
          won: "The honest server accepted the token evil-mcp was sent and returned the victim's file.",
          lost: (call) => `The honest server refused the token: ${call.status}.`,
        });
      },
    },
  }),
  explain: {
    vulnerable:
      'Signature, issuer and expiry were all fine: the token was genuine, just not meant for this server. Without the audience check, any server the user ever connected to can act as the user everywhere else.',
    defended:
      'S-06 (RFC 8707): the token\'s aud named evil-mcp, not this server, so it got 401 invalid_token "token audience mismatch".',
  },
  async act({ world, attacker }) {
    // A genuine token, issued by the real authorization server code for the attacker's resource,
    // as it was when the victim connected the same client to evil-mcp.example yesterday.
    const accessToken = tokenIssuedFor(world, world.urls.evilMcp, 'files:read');
    await attacker.note(
      'Keeps a token it was sent',
      'Yesterday the victim connected the same app to evil-mcp.example, which the attacker runs. The authorization server issued that token with aud = https://evil-mcp.example/mcp.',
      {
        mark: 'stolen',
        values: { access_token: short(accessToken ?? ''), aud: world.urls.evilMcp },
      },
    );
    return readVictimFile(world, attacker, accessToken, {
      won: "The honest server accepted a token issued for evil-mcp and returned the victim's file.",
      lost: (call) => `The honest server refused the token: ${call.status}.`,
    });
  },
};
