/**
 * docs/reference §5.20 (RFC 9449 §4.3, §11.1; DPoP is on the MCP roadmap): the attacker holds a
 * whole request, DPoP-bound token and proof together. Replayed at once, the proof's jti was seen
 * (S-54); replayed ten minutes later, its iat is outside the window (S-53); taken from a malicious
 * MCP server the victim also uses and replayed at the honest one, its htu names the other server
 * (S-51), even though the malicious server passed the honest server's nonce to the victim's client.
 */
import type { RequestEvent, TraceEvent } from '../trace/types';
import { headerValue } from '../trace/types';
import { mcpRequest } from '../mcp/request';
import type { World } from '../world/world';
import type { Attacker } from './attacker';
import { evilMcpHosts } from './evilMcp';
import { short } from './evidence';
import type { AttackDef, AttackFinding } from './types';
import { defineVariants } from './variants';

/** The victim's last tools/call to the honest MCP server, as a logging proxy kept it. */
function lastCall(trace: readonly TraceEvent[]): RequestEvent | undefined {
  return trace.findLast(
    (e): e is RequestEvent =>
      e.kind === 'request' && e.stepId === 'mcp-request' && (e.request.body ?? '').includes('"tools/call"'),
  );
}

/** Sends a request again, headers and body as they were; she won if it ran as the victim. */
async function replay(
  world: World,
  attacker: Attacker,
  url: string,
  headers: [string, string][],
  body: string | null,
): Promise<AttackFinding> {
  const before = world.mcp.calls.length;
  const res = await attacker.fetch(url, {
    method: 'POST',
    step: 'attacker-request',
    mark: 'attacker',
    headers,
    body,
  });
  const ran =
    res.status === 200 && world.mcp.calls.length > before && world.mcp.calls.at(-1)?.sub === 'user-7f3a';
  return ran
    ? { attackerWon: true, evidence: 'The replayed request ran as the victim and returned her file.' }
    : {
        attackerWon: false,
        evidence: `The replay was refused: ${res.status} ${/error="([^"]+)"/.exec(res.headers.get('www-authenticate') ?? '')?.[1] ?? ''}.`,
      };
}

async function replayCaptured(
  world: World,
  attacker: Attacker,
  trace: readonly TraceEvent[],
  waitSeconds: number,
) {
  const captured = lastCall(trace);
  if (!captured) return { attackerWon: false, evidence: 'The victim sent no tool call to capture.' };
  const proof = headerValue(captured.request.headers, 'dpop') ?? '';
  await attacker.note(
    'Copies a whole request from a logging proxy',
    "A debugging proxy between the victim's client and the MCP server logged the request, headers and all: the DPoP-bound token and the proof that came with it.",
    {
      mark: 'stolen',
      values: {
        access_token: short(
          (headerValue(captured.request.headers, 'authorization') ?? '').replace(/^DPoP /i, ''),
        ),
        dpop_proof: short(proof),
      },
    },
  );
  if (waitSeconds > 0) {
    world.clock.advance(waitSeconds);
    await attacker.note(
      'Waits ten minutes',
      `The simulated clock moves ${waitSeconds} s ahead; the token is still valid.`,
    );
  }
  return replay(world, attacker, captured.request.url, captured.request.headers, captured.request.body);
}

export const dpopProofMisuse: AttackDef = {
  id: 'dpop-proof-misuse',
  title: 'A DPoP proof replayed, stale, or made for another URL',
  summary:
    "The attacker holds a whole request of the victim's, DPoP-bound token and proof together, and sends it to the MCP server again.",
  target: 'mcp',
  rules: ['S-54', 'S-53', 'S-51'],
  lesson: 'sender-constrained-tokens',
  preconditions: [],
  defence: {
    label: 'The MCP server remembers the jti of each proof it accepted (S-54)',
    vulnerabilities: ['mcp-dpop-jti-reuse'],
  },
  victim: { scenario: 'dpop', registration: 'preregistered' },
  lanes: ['attacker'],
  variants: defineVariants('dpop-proof-misuse', {
    replayed: { label: 'Replayed at once: the jti' },
    stale: {
      label: 'Replayed ten minutes later: the iat window',
      rules: ['S-53'],
      defence: {
        label: 'The MCP server accepts a proof only within minutes of its iat (S-53)',
        vulnerabilities: ['mcp-dpop-no-iat-window'],
      },
      explain: {
        vulnerable:
          "Ten minutes on, the server no longer remembered the proof's jti (it keeps them only for the window it means to accept proofs in), and it did not look at iat: the old proof passed.",
        defended:
          'S-53 (RFC 9449 §11.1): the proof was made ten minutes ago, outside the five minutes this server accepts, so it got 401 invalid_dpop_proof. That window is also why remembering jti values costs little.',
      },
      async act({ world, attacker, victim }) {
        return replayCaptured(world, attacker, victim.trace, 600);
      },
    },
    'other-url': {
      label: 'Made for another server: the htu',
      summary:
        'The victim also uses a malicious MCP server. It replays the DPoP-bound token and proof it received at the honest server, which does not check audiences (a precondition).',
      rules: ['S-51'],
      preconditions: ['mcp-no-audience-check'],
      defence: {
        label: "The MCP server checks that the proof's htu is its own URL (S-51)",
        vulnerabilities: ['mcp-dpop-no-htu-check'],
      },
      victim: {
        scenario: 'dpop',
        registration: 'preregistered',
        serverUrl: (world) => world.urls.evilMcp,
      },
      hosts: (world) =>
        evilMcpHosts(world, {
          resource: world.urls.evilMcp,
          authorizationServer: world.urls.issuer,
          dpop: true,
        }),
      explain: {
        vulnerable:
          'The honest server took the token (it skips the audience check) and a proof whose ath and key were right, whose jti it had never seen, and which even carried its own nonce: evil-mcp had passed it on. Only htu said the proof was made for evil-mcp, and nobody read it.',
        defended:
          "S-51 (RFC 9449 §4.3): the proof's htu names https://evil-mcp.example/mcp, not this server, so it got 401 invalid_dpop_proof. A nonce cannot stop this: it is opaque, and evil-mcp handed the victim's client the honest server's.",
      },
      async act({ world, attacker }) {
        const token = world.attacker.token;
        const proof = world.attacker.dpopProof;
        if (!token || !proof)
          return { attackerWon: false, evidence: 'The victim never sent evil-mcp a DPoP-bound token.' };
        await attacker.note(
          'Keeps the token and proof evil-mcp received',
          "The victim's client sent them to evil-mcp. The proof's nonce is the honest server's: evil-mcp had asked for it and passed it on.",
          { mark: 'stolen', values: { access_token: short(token), dpop_proof: short(proof) } },
        );
        const request = mcpRequest({
          method: 'tools/call',
          params: { name: 'read_file', arguments: { path: 'notes/plan.md' } },
        });
        return replay(
          world,
          attacker,
          world.urls.mcp,
          [...Object.entries(request.headers), ['Authorization', `DPoP ${token}`], ['DPoP', proof]],
          request.body,
        );
      },
    },
  }),
  explain: {
    vulnerable:
      'The server checked the proof, which was valid: the same method, URL, token hash and key, just sent a second time. Without remembering jti values, a captured request can be replayed for as long as the window lasts.',
    defended:
      'S-54 (RFC 9449 §11.1): the server remembers the jti of every proof it accepted for the window it accepts proofs in, so the replay got 401 invalid_dpop_proof.',
  },
  async act({ world, attacker, victim }) {
    return replayCaptured(world, attacker, victim.trace, 0);
  },
};
