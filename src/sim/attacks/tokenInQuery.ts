/** docs/reference §5.17 / C-24: a token in the URL ends up in logs, where anyone who reads them can replay it. */
import { readVictimFile, short } from './evidence';
import type { AttackDef } from './types';

export const tokenInQuery: AttackDef = {
  id: 'token-in-query',
  title: 'Bearer token in the URL',
  summary:
    "The client puts the access token in the query string; it lands in the server's access log, which the attacker can read.",
  target: 'client',
  rules: ['C-24', 'S-24'],
  lesson: 'access',
  preconditions: [],
  defence: {
    label:
      'Authorization header only: the client never puts the token in a URL (C-24), and the server ignores one that is there (S-24)',
    vulnerabilities: ['client-token-in-query', 'mcp-accept-query-token'],
  },
  victim: { scenario: 'first-connection', registration: 'dcr' },
  lanes: ['attacker'],
  explain: {
    vulnerable:
      'URLs are logged, cached and sent in Referer headers. The token in the query string was there for the taking.',
    defended:
      'With the token in the Authorization header (C-24), the log holds only the path: there is nothing to replay. A server that ignores tokens in URLs (S-24) helps only so much: by the time it ignores one, the request line with the token is already in its log.',
  },
  async act({ world, attacker }) {
    const line = [...world.mcp.accessLog].reverse().find((l) => l.startsWith('POST')) ?? '';
    const token = new URL(line.split(' ')[1] ?? 'https://x.invalid').searchParams.get('access_token');
    await attacker.note(
      "Reads the MCP server's access log",
      "A log shipper with weak permissions exposes the server's request log.",
      {
        ...(token ? { mark: 'stolen' as const } : { refused: true, rule: 'C-24' as const }),
        values: { log_line: short(line, 40), token: token ? short(token) : '(none in the log)' },
      },
    );
    return readVictimFile(world, attacker, token, {
      won: "The token copied from the log opened the victim's files.",
      lost: (call) => `The log held no token; the attacker's request was refused with ${call.status}.`,
    });
  },
};
