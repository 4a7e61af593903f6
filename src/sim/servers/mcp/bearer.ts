/**
 * The MCP server's one Bearer check, for every request of every era (OAuth 2.1 §5.1-§5.3, RFC 6750
 * §3): read the token from the Authorization header, never from the URL (S-24); without one, the
 * 401 challenge that starts a flow (S-25, S-02, S-03); with one, validation, and a refusal that
 * names the rule of the check that failed.
 */
import type { World } from '../../world/world';
import { refuse } from '../http';
import { challengeResponse, metadataLocation } from './challenge';
import { requiredScopes } from './tools';
import { checkDpop, currentNonce, dpopTokenRefusal } from './dpop';
import { validateAccessToken } from './validateToken';
import { stringField } from '../../fields';

export type Authorized =
  { ok: true; sub: string; clientId: string; jti: string; token: string } | { ok: false; response: Response };

/** OAuth 2.1 §5.1.1: "bearer" is case-insensitive, followed by one or more spaces and a token68. */
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
/** RFC 9449 §7.1: the DPoP scheme has the same token68 syntax. */
const DPOP = /^dpop +([A-Za-z0-9\-._~+/]+=*)$/i;

function withNonce(response: Response, nonce: string): Response {
  const headers = new Headers(response.headers);
  headers.set('DPoP-Nonce', nonce);
  headers.set('Cache-Control', 'no-store');
  return new Response(response.body, { status: response.status, headers });
}

export async function authorizeBearer(
  world: World,
  request: Request,
  method: string,
  params: unknown,
): Promise<Authorized> {
  const endpoint = world.urls.mcp;
  const location = metadataLocation(world);
  const metadata = location.named ? location.url : null;
  const needed = requiredScopes(method, params).join(' ');
  // S-02 (from 2025-06-18): the challenge names the metadata (metadataLocation decides); S-03 (from
  // 2025-11-25): and the scope.
  const header = request.headers.get('authorization');
  const queryToken = new URL(request.url).searchParams.get('access_token');
  // S-24 (OAuth 2.1 §5.1): a token in the URL is ignored, as if it were not there. Only the named
  // vulnerability reads it (the token-in-query attack).
  const fromQuery = header === null && world.isVulnerable('mcp-accept-query-token') ? queryToken : null;
  let token = fromQuery;
  const scheme = header !== null && /^dpop(\s|$)/i.test(header) ? 'dpop' : 'bearer';
  if (header !== null && /^(bearer|dpop)(\s|$)/i.test(header)) {
    const match = (scheme === 'dpop' ? DPOP : BEARER).exec(header);
    if (!match?.[1]) {
      // RFC 6750 §3.1: a malformed request is 400 invalid_request (S-11).
      return {
        ok: false,
        response: refuse(
          world,
          {
            rule: 'S-11',
            error: 'invalid_request',
            description: `malformed ${scheme === 'dpop' ? 'DPoP' : 'Bearer'} credentials`,
          },
          challengeResponse(
            endpoint,
            {
              error: 'invalid_request',
              errorDescription: `malformed ${scheme === 'dpop' ? 'DPoP' : 'Bearer'} credentials`,
            },
            metadata,
          ),
        ),
      };
    }
    token = match[1];
  }
  if (token === null) {
    // S-25 (OAuth 2.1 §5.3.1): no usable credentials (none, another scheme, or only a URL token),
    // so the challenge, with no error code (RFC 6750 §3.1): where the metadata is (S-02) and which
    // scope this operation needs (S-03).
    const ignored = queryToken !== null && header === null;
    const challenge = challengeResponse(
      endpoint,
      world.inRevision('S-03') ? { scope: needed } : {},
      metadata,
    );
    // RFC 9449 §9: a client that already sends DPoP proofs is handed this server's nonce with the
    // challenge, so its first request with a token can carry it.
    const nonce = request.headers.has('dpop') ? currentNonce(world) : undefined;
    return {
      ok: false,
      response: refuse(
        world,
        {
          rule: ignored ? 'S-24' : 'S-25',
          error: 'unauthorized',
          description: ignored
            ? 'the access token in the URL is ignored: the request carries no credentials'
            : 'the request carries no access token',
        },
        nonce === undefined ? challenge : withNonce(challenge, nonce),
        ignored,
      ),
    };
  }
  const operation =
    method === 'tools/call' && typeof params === 'object' && params !== null && 'name' in params
      ? `tools/call ${String(params.name)}`
      : method;
  const validation = await validateAccessToken(world, token, needed.split(' '), operation);
  if (!validation.ok) {
    const { refusal } = validation;
    if (scheme === 'dpop') return { ok: false, response: dpopTokenRefusal(world, refusal) };
    // S-12: a 403 insufficient_scope names every scope the operation needs, unless the named fault
    // leaves it out (the client then cannot know what to ask for).
    const bare = refusal.error === 'insufficient_scope' && world.isVulnerable('mcp-scope-challenge-bare');
    return {
      ok: false,
      response: refuse(
        world,
        refusal,
        challengeResponse(
          endpoint,
          {
            error: refusal.error,
            errorDescription: refusal.description,
            ...(validation.scope && !bare ? { scope: validation.scope } : {}),
          },
          metadata,
        ),
      ),
    };
  }
  const { claims } = validation;
  // RFC 9449 (on the MCP roadmap): a token bound to a key needs its proof, and never travels as Bearer.
  const dpop = await checkDpop(world, request, token, claims, scheme);
  if (!dpop.ok) return dpop;
  return {
    ok: true,
    sub: claims.sub,
    clientId: stringField(claims, 'client_id'),
    jti: String(claims.jti ?? ''),
    token,
  };
}
