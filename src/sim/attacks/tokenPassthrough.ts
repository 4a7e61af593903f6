/**
 * docs/reference §5.9 / Security Best Practices §Token Passthrough: an MCP server that forwards the
 * client's token to the API behind it, and does not check that the token was issued for itself, becomes
 * a free proxy for any token that API accepts, bypassing its own controls and leaving the wrong actor in
 * the API's logs.
 */
import { short, tokenIssuedFor } from './evidence';
import type { AttackDef } from './types';

export const tokenPassthrough: AttackDef = {
  id: 'token-passthrough',
  title: 'Token passthrough',
  summary:
    'The attacker holds a token for the downstream API and sends it to the MCP server, which forwards it unchanged.',
  target: 'mcp',
  rules: ['S-09', 'S-08', 'S-06'],
  lesson: 'rules-and-attacks',
  preconditions: [],
  defence: {
    label: 'The MCP server accepts only tokens issued for itself and calls the API with its own token',
    vulnerabilities: ['mcp-token-passthrough', 'mcp-no-audience-check'],
  },
  // The victim fetches her report first, so the diagram shows what S-09 asks of the server: with the
  // defence on, the MCP server gets a token of its own for the API (client credentials) and calls it
  // with that; with it off, it forwards the victim's token, which the API rightly refuses (S-08).
  victim: {
    scenario: 'first-connection',
    registration: 'dcr',
    operations: [
      { kind: 'call', method: 'tools/list' },
      { kind: 'call', method: 'tools/call', params: { name: 'fetch_report', arguments: {} } },
    ],
  },
  lanes: ['attacker', 'downstream'],
  needs: {
    rules: ['A-22'],
    why: 'It replays a token issued for another resource, and tokens name their resource (RFC 8707) from 2025-06-18.',
  },
  explain: {
    vulnerable:
      "The MCP server never looked at whom the token was for and passed it straight to the API, which saw a valid token for itself. The server's own checks, rate limits and audit were bypassed, and the API logged the victim's other app as the caller.",
    defended:
      "S-06/S-08: the stolen token's audience was the API, not this server, so it was refused with 401 before any tool ran. And when the victim fetched her report, the server called the API with a token issued to itself (S-09), never with hers.",
  },
  async act({ world, attacker }) {
    const token = tokenIssuedFor(world, world.urls.downstream, 'files:read reports:read');
    await attacker.note(
      'Holds a token for the reporting API',
      'Stolen from another app the victim uses; its aud is https://api.example.com. The API itself is not reachable from the internet, but the MCP server is.',
      {
        mark: 'stolen',
        values: { access_token: short(token ?? ''), aud: world.urls.downstream },
      },
    );
    const before = world.downstream.log.length;
    const call = await attacker.callTool(token, 'fetch_report');
    const entry = world.downstream.log[before];
    return call.status === 200 && !call.isError && entry
      ? {
          attackerWon: true,
          evidence: `The MCP server relayed the stolen token and returned the victim's report; the API logged client "${entry.clientId}" as the caller, not the MCP server.`,
        }
      : { attackerWon: false, evidence: `The MCP server refused the token: ${call.status}.` };
  },
};
