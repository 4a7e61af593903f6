/**
 * The token endpoint on the wire: what the client sent (resource, verifier, and whether it should
 * have sent anything at all after a failed callback check), and what the server answered (tokens
 * once per code, PKCE verified, rotation, no-store, lifetime, audience).
 */
import {
  codeReuseCheck,
  pkceRedemptionCheck,
  redirectBindingCheck,
  refreshReuseCheck,
  refreshRotationCheck,
  tokenRequestChecks,
  tokenResponseChecks,
} from '../checks/tokens';
import { check, withFix } from '../trace/check';
import type { Check } from '../trace/types';
import { headerValue } from '../trace/types';
import type { HarExchange } from './parse';
import { formOf } from './roles';
import { jsonObject, usingMetadata } from './walk';
import type { Message, Walk } from './walk';
import { wentOnChecks } from './wentOn';

/** A token request and its answer: the client's parameters and the server's conduct. */
export async function onToken(walk: Walk, e: HarExchange, m: Message): Promise<void> {
  const form = formOf(e);
  const grant = form.get('grant_type');
  m.requestChecks.push(...usingMetadata(walk, e.url, 'asked for a token'));
  const body = jsonObject(e.responseBody);
  const issued = e.status >= 200 && e.status < 300 && typeof body?.access_token === 'string';
  const clientAuth =
    headerValue(e.requestHeaders, 'authorization') !== undefined ||
    form.has('client_secret') ||
    form.has('client_assertion');
  const publicClient = !clientAuth && !walk.sanitized;
  if (grant === 'authorization_code') {
    const code = form.get('code') ?? '';
    const seen = walk.flow.codes.get(code);
    const authorization = seen?.authorization;
    if (seen && seen.failures.length > 0) {
      m.requestChecks.push(
        ...wentOnChecks(
          {
            key: 'callback',
            checks: seen.failures,
            seq: seen.callbackSeq,
            what: 'The authorization response',
          },
          'sent its code to the token endpoint',
        ),
      );
      seen.failures = [];
    }
    const challenge = authorization?.params.get('code_challenge') ?? null;
    m.requestChecks.push(
      ...tokenRequestChecks(form, {
        resource: walk.flow.prm?.resource,
        challengeSent: authorization ? challenge !== null : undefined,
      }),
    );
    if (seen?.redeemed) m.responseChecks.push(codeReuseCheck(issued, seen.redeemed.seq + 1));
    if (issued && challenge !== null) {
      const method = authorization?.params.get('code_challenge_method') ?? 'plain';
      m.responseChecks.push(
        await pkceRedemptionCheck({ value: challenge, method }, form.get('code_verifier')),
      );
    }
    const bound = authorization?.params.get('redirect_uri');
    const sent = form.get('redirect_uri');
    if (bound && sent !== null && issued) m.responseChecks.push(redirectBindingCheck(issued, sent, bound));
    if (seen && !seen.redeemed) seen.redeemed = { seq: m.request.seq, ok: issued };
  } else {
    m.requestChecks.push(
      ...tokenRequestChecks(form, { resource: walk.flow.prm?.resource, challengeSent: undefined }),
    );
  }
  if (grant === 'refresh_token') {
    if (walk.flow.scopeRefused) m.requestChecks.push(stepUpCheck());
    const sent = form.get('refresh_token') ?? '';
    const before = walk.flow.refreshTokens.get(sent);
    if (before) m.responseChecks.push(refreshReuseCheck(issued, before.seq + 1));
    else walk.flow.refreshTokens.set(sent, { seq: m.request.seq, ok: issued });
    if (issued && body && publicClient) m.responseChecks.push(refreshRotationCheck(sent, body));
  }
  if (issued && body) {
    m.responseChecks.push(
      ...tokenResponseChecks(e.responseHeaders, body, {
        resource: form.get('resource') ?? undefined,
        dpop: headerValue(e.requestHeaders, 'dpop') !== undefined,
      }),
    );
    walk.flow.holdsToken = true;
  }
}

/**
 * C-17: insufficient_scope is answered by a new authorization request for the union of the scopes.
 * A refresh straight after it cannot be that: it never widens the scope (OAuth 2.1 §4.3.1), so the
 * same 403 comes back (typescript-sdk issue 2255 is this loop).
 */
function stepUpCheck(): Check {
  return withFix(
    check(
      'C-17',
      'Steps up with a new authorization',
      false,
      'the MCP server answered 403 insufficient_scope, and the client refreshed its token instead of authorizing again: a refresh keeps the scope it had',
    ),
    'On 403 insufficient_scope, send the user to the authorization endpoint for the union of the scopes held and those challenged; a refresh cannot widen scope.',
  );
}
