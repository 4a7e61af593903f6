/**
 * docs/reference §5.5 (RFC 9207): the victim's client also talks to a malicious MCP server whose
 * metadata names the attacker's authorization server. That server bounces the browser to the honest one,
 * so the code comes back from the honest server; a client that does not check iss sends the code and the
 * verifier to the attacker's token endpoint.
 */
import { attackerAsHosts, redeemCaptured } from './attackerAs';
import { evilMcpHosts } from './evilMcp';
import type { AttackDef } from './types';

export const mixUp: AttackDef = {
  id: 'mix-up',
  title: 'Mix-up: a malicious authorization server',
  summary:
    "The attacker's MCP server names the attacker's authorization server, which forwards the victim to the honest one and waits for the code at its own token endpoint.",
  target: 'client',
  rules: ['C-18', 'C-19', 'C-20', 'C-21', 'A-08'],
  lesson: 'consent-code-iss',
  preconditions: [],
  defence: {
    label: 'The client compares iss with the issuer it recorded (RFC 9207)',
    vulnerabilities: ['client-no-iss-check'],
  },
  victim: { scenario: 'first-connection', registration: 'cimd', serverUrl: (world) => world.urls.evilMcp },
  lanes: ['attacker'],
  needs: {
    rules: ['C-01'],
    why: "The attacker's MCP server names her authorization server in protected resource metadata, which arrived in 2025-06-18.",
  },
  hosts: (world) => [
    ...evilMcpHosts(world, { resource: world.urls.evilMcp, authorizationServer: world.urls.attackerIssuer }),
    ...attackerAsHosts(world, { claimedIssuer: world.urls.attackerIssuer }),
  ],
  explain: {
    vulnerable:
      "The response came from the honest server but the client had recorded the attacker's issuer. Without the iss check it sent the code and the PKCE verifier to the attacker, who redeemed them at the honest server. PKCE cannot help: the verifier itself was handed over.",
    defended:
      'C-19: iss (https://auth.example.com) did not equal the recorded issuer (https://attacker-as.example), so the client discarded the response before any token request (C-21).',
  },
  act: ({ world, attacker }) => redeemCaptured(world, attacker),
};
