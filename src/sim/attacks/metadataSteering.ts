/**
 * docs/reference §5.7 (RFC 9728 §3.3): a malicious MCP server publishes metadata naming the HONEST server as
 * its resource, so the victim's client asks for a token for the honest server and hands it over.
 */
import { attackerAsHosts, redeemCaptured } from './attackerAs';
import { evilMcpHosts, tokenSentToEvilMcp } from './evilMcp';
import { readVictimFile, short } from './evidence';
import type { AttackDef } from './types';
import { defineVariants } from './variants';

export const metadataSteering: AttackDef = {
  id: 'metadata-steering',
  title: 'Metadata steering: a server that claims to be another',
  summary:
    "The attacker's MCP server says its resource is the honest server, to collect a token the honest server will accept.",
  target: 'client',
  rules: ['C-22', 'C-03'],
  lesson: 'discovery',
  preconditions: [],
  defence: {
    label: "The client checks that the metadata's resource is the server it asked",
    vulnerabilities: ['client-no-prm-resource-check'],
  },
  victim: { scenario: 'first-connection', registration: 'cimd', serverUrl: (world) => world.urls.evilMcp },
  lanes: ['attacker'],
  needs: {
    rules: ['C-01'],
    why: "The attacker's MCP server steers the client through its protected resource metadata, which arrived in 2025-06-18.",
  },
  hosts: (world) => evilMcpHosts(world, { resource: world.urls.mcp, authorizationServer: world.urls.issuer }),
  variants: defineVariants('metadata-steering', {
    'resource-mismatch': { label: "The server's metadata names another resource" },
    'spoofed-issuer': {
      // docs/reference §5.6: the same malicious server, steering the client to an authorization server
      // that lies about its name.
      label: "The authorization server's metadata claims the honest issuer",
      summary:
        "The attacker's MCP server names the attacker's authorization server, whose metadata claims to be the honest one, with the attacker's endpoints.",
      rules: ['C-06', 'C-19'],
      defence: {
        label: "The client checks that the metadata's issuer is the server it asked (C-06)",
        vulnerabilities: ['client-no-issuer-check'],
      },
      hosts: (world) => [
        ...evilMcpHosts(world, {
          resource: world.urls.evilMcp,
          authorizationServer: world.urls.attackerIssuer,
        }),
        ...attackerAsHosts(world, { claimedIssuer: world.urls.issuer }),
      ],
      explain: {
        vulnerable:
          "The client believed the document's issuer, so the honest server's iss matched what it recorded: the RFC 9207 check passed, and the code and verifier went to the attacker's token endpoint. The issuer check is what makes the iss check mean anything.",
        defended:
          'C-06 (RFC 8414 §3.3): the document came from attacker-as.example but claimed to be https://auth.example.com, so the client must not use it. It stopped before registering, authorizing or asking for a token.',
      },
      act: ({ world, attacker }) => redeemCaptured(world, attacker),
    },
  }),
  explain: {
    vulnerable:
      'The client trusted metadata that named another server, asked the real authorization server for a token for that server, and handed it to the impostor, which replayed it.',
    defended:
      "C-22 (RFC 9728 §3.3): the metadata's resource must be identical to the server the client asked. It was not, so the client refused it before contacting any authorization server.",
  },
  async act({ world, attacker }) {
    const token = tokenSentToEvilMcp(world);
    if (!token) return { attackerWon: false, evidence: 'The impostor never received a token.' };
    await attacker.note(
      'Replays the token it was handed',
      'The token is for https://mcp.example.com/mcp, issued by the real authorization server.',
      { mark: 'stolen', values: { access_token: short(token) } },
    );
    return readVictimFile(world, attacker, token, {
      won: 'The honest server accepted the token the impostor collected.',
      lost: (call) => `The replay failed (${call.status}).`,
    });
  },
};
