/**
 * A downstream API behind the MCP server (https://api.example.com): a resource server of its own,
 * which accepts only tokens whose audience is itself. Its log shows who it believes called it.
 */
import { http } from 'msw';
import type { JWTPayload } from 'jose';
import { verifySignature } from '../crypto/jwt';
import type { RuleId } from '../rules';
import type { World } from '../world/world';
import { refuse } from './http';
import { stringField } from '../fields';

export interface DownstreamState {
  /** Every call it served: the token's subject and client, as the API understood them. */
  log: { sub: string; clientId: string; user: string }[];
}

export function downstreamHandlers(world: World) {
  // The API is a resource server like the MCP server, under the same rules: validation per
  // OAuth 2.1 §5.2 (S-05), and only tokens meant for itself (S-08).
  const unauthorized = (description: string, rule: RuleId = 'S-05'): Response =>
    refuse(
      world,
      { rule, error: 'invalid_token', description },
      Response.json(
        { error: 'invalid_token', error_description: description },
        {
          status: 401,
          headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"` },
        },
      ),
    );
  return [
    http.get(`${world.urls.downstream}/reports`, async ({ request }) => {
      const token = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
      if (!token) return unauthorized('missing token');
      const sig = await verifySignature(token, { keys: [world.as.key.publicJwk] });
      if (!sig.ok) return unauthorized('bad signature');
      const claims: JWTPayload = sig.payload;
      const aud = typeof claims.aud === 'string' ? [claims.aud] : (claims.aud ?? []);
      if (claims.iss !== world.urls.issuer || (claims.exp ?? 0) <= world.clock.now())
        return unauthorized('token expired or foreign');
      if (!aud.includes(world.urls.downstream)) return unauthorized('token audience mismatch', 'S-08');
      const user = new URL(request.url).searchParams.get('user') ?? String(claims.sub);
      world.downstream.log.push({
        sub: String(claims.sub),
        clientId: stringField(claims, 'client_id'),
        user,
      });
      return Response.json({
        user,
        period: '2026-07',
        api_calls: 1842,
        invoices_due: 2,
        account_balance_eur: 12890.5,
      });
    }),
  ];
}
