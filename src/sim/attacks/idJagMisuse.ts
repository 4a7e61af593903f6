/**
 * docs/reference §5.21 (EXT-EMA §5.1; RFC 7523 §3): the attacker holds an ID-JAG issued to the
 * victim's client, a public client known everywhere by its Client ID Metadata Document URL, so she
 * can present it as that client. What binds the grant is in the ID-JAG itself: its aud names one
 * authorization server, it grants one resource and scope, and its jti is used once
 * (A-52).
 */
import { endpoints } from '../servers/auth/metadata';
import { mintIdJag } from '../servers/idp/token';
import { ENTERPRISE_USER } from '../servers/idp/state';
import { JWT_BEARER_GRANT } from '../oauth/urns';
import type { World } from '../world/world';
import type { Attacker } from './attacker';
import { readVictimFile, responseBody, short } from './evidence';
import type { AttackDef, AttackFinding } from './types';
import { defineVariants } from './variants';

/** She presents the ID-JAG as the victim's public client, asking for a token for the Files MCP server. */
async function present(world: World, attacker: Attacker, idJag: string): Promise<AttackFinding> {
  const res = await attacker.token(
    {
      grant_type: JWT_BEARER_GRANT,
      assertion: idJag,
      client_id: world.urls.cimd,
      resource: world.urls.mcp,
      scope: 'files:read',
    },
    endpoints(world.urls.issuer).token_endpoint,
  );
  const token = typeof res.body.access_token === 'string' ? res.body.access_token : null;
  if (!token)
    return {
      attackerWon: false,
      evidence: `The authorization server refused the ID-JAG: ${res.status} ${String(res.body.error)}.`,
    };
  return readVictimFile(world, attacker, token, {
    won: "The ID-JAG bought an access token for the Files MCP server, and with it the victim's file.",
    lost: (call) => `A token was issued but the tool call failed (${call.status}).`,
  });
}

/** An ID-JAG the company IdP issued to the victim's client for another server, as its own code mints it. */
function issuedFor(world: World, audience: string, resource: string, scope: string): string {
  return mintIdJag(world, {
    sub: ENTERPRISE_USER.sub,
    audience,
    resource,
    clientId: world.urls.cimd,
    scope,
    email: ENTERPRISE_USER.email,
  });
}

export const idJagMisuse: AttackDef = {
  id: 'id-jag-misuse',
  title: 'An ID-JAG presented where it was not meant to go',
  summary:
    "The attacker holds an ID-JAG the company IdP issued to the victim's client, and presents it at the Files MCP server's authorization server as that (public) client.",
  target: 'as',
  rules: ['A-54', 'A-56'],
  lesson: 'enterprise-managed-authorization',
  // The server that skips aud also takes the resource and scope from the request: aud is the last check.
  preconditions: ['as-id-jag-ignores-claims'],
  defence: {
    label: "The authorization server checks that the ID-JAG's aud is its own issuer (A-54)",
    vulnerabilities: ['as-id-jag-any-audience'],
  },
  victim: { scenario: 'enterprise', registration: 'cimd' },
  lanes: ['attacker'],
  variants: defineVariants('id-jag-misuse', {
    'other-as': { label: 'Issued for another authorization server: aud' },
    'other-resource': {
      label: 'Issued for another resource: resource and scope',
      summary:
        "The attacker holds an ID-JAG the victim's client got for the reports API behind the same authorization server, and asks for a token for the Files MCP server with it.",
      rules: ['A-56'],
      preconditions: [],
      defence: {
        label: 'The authorization server issues only the resource and scope the ID-JAG names (A-56)',
        vulnerabilities: ['as-id-jag-ignores-claims'],
      },
      explain: {
        vulnerable:
          "The ID-JAG was genuine and for this server, but for the reports API with reports:read. The server issued what the request asked for instead: the company's policy, which the IdP signed into the grant, was ignored.",
        defended:
          'A-56: the ID-JAG names https://api.example.com and reports:read; a request for the Files MCP server got invalid_grant. What the IdP granted is what the token may hold.',
      },
      async act({ world, attacker }) {
        const idJag = issuedFor(world, world.urls.issuer, world.urls.downstream, 'reports:read');
        await attacker.note(
          'Holds an ID-JAG for the reports API',
          "The victim's client exchanged it yesterday for the reports API; a browser extension with access to the app's storage copied it.",
          { mark: 'stolen', values: { id_jag: short(idJag), resource: world.urls.downstream } },
        );
        return present(world, attacker, idJag);
      },
    },
    replayed: {
      label: 'The one just redeemed, again: jti',
      summary:
        "The attacker copies the ID-JAG the victim's client just redeemed and presents it a second time.",
      rules: ['A-52'],
      preconditions: [],
      defence: {
        label: "The authorization server accepts an ID-JAG's jti once (A-52)",
        vulnerabilities: ['as-jwt-replay'],
      },
      explain: {
        vulnerable:
          'The ID-JAG was still within its five minutes, for this server and this resource: without a record of used jti values, the same grant bought a second token.',
        defended:
          "A-52 (RFC 7523 §3, a MAY this server does): the ID-JAG's jti was used minutes ago, so the second presentation got invalid_grant.",
      },
      async act({ world, attacker, victim }) {
        const leaked = responseBody(victim.trace, 'token-exchange');
        const idJag = typeof leaked.access_token === 'string' ? leaked.access_token : '';
        await attacker.note(
          'Copies the ID-JAG from a log',
          "The client's token exchange response was logged in full by a debugging proxy.",
          { mark: 'stolen', values: { id_jag: short(idJag) } },
        );
        return present(world, attacker, idJag);
      },
    },
  }),
  explain: {
    vulnerable:
      "The ID-JAG was genuine, signed by the company IdP for the victim, but for Shadow Notes' authorization server. This server did not read aud, and took the resource from the request: a grant meant for one SaaS became a token for another.",
    defended:
      "A-54 (EXT-EMA §5.1): the ID-JAG's aud is https://attacker-as.example, not this server's issuer, so it got invalid_grant.",
  },
  async act({ world, attacker }) {
    const idJag = issuedFor(world, world.urls.attackerIssuer, world.urls.evilMcp, 'notes:read');
    await attacker.note(
      "Receives an ID-JAG at her SaaS's authorization server",
      "The company approved Shadow Notes, which the attacker runs. When the victim's client connected to it, it presented an ID-JAG there, audience https://attacker-as.example.",
      { mark: 'stolen', values: { id_jag: short(idJag), aud: world.urls.attackerIssuer } },
    );
    return present(world, attacker, idJag);
  },
};
