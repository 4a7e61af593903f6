/**
 * The authorization request and the checks on its response. PKCE (C-26, C-27), state (C-30),
 * scope (C-15, C-16), resource (C-22), and the recorded issuer (C-18) are prepared together; the
 * response is accepted only after state and the RFC 9207 iss check (C-19 to C-21).
 */
import { challengeS256, createVerifier } from '../crypto/pkce';
import type { Rng } from '../world/random';
import { authorizationRequestChecks, callbackChecks } from '../checks/authorization';
import { check } from '../trace/check';
import type { Check } from '../trace/types';
import type { ClientContext, PendingAuthorization } from './session';
import { recordChecklist } from './checklist';
import { hasClause } from '../revisions/profile';
import { applies, clientRevision } from './revision';
import { ClientRefusal } from './types';
import type { ClientCredentials } from './types';

export type AuthorizationOutcome =
  { kind: 'code'; code: string } | { kind: 'error'; error: string; description: string };

/** C-15: the challenge's scope, else everything the resource lists, else none; C-16: union on step-up. */
export function chooseScope(ctx: ClientContext): string | undefined {
  const { session, config } = ctx;
  let scopes: string[];
  if (!config.checks.leastPrivilege)
    scopes = (session.metadata?.scopes_supported ?? []).filter((s) => s !== 'offline_access');
  // Before 2025-11-25 (SEP-835) there is no scope selection: the client leaves scope out and the
  // authorization server applies its default (OAuth 2.1 §3.2.2.1).
  else if (!applies(ctx, 'C-15')) scopes = [];
  else if (session.challenge?.scope) scopes = session.challenge.scope.split(' ');
  else scopes = session.prm?.scopes_supported ?? [];
  // C-16 (SEP-2350, 2026-07-28): a re-authorization keeps what was asked before. A client of
  // 2025-11-25 asks for what the challenge names, and loses the rest.
  const before = hasClause(clientRevision(ctx), 'scope-union') ? session.requestedScopes : [];
  const union = [...new Set([...before, ...scopes].filter(Boolean))];
  return union.length > 0 ? union.join(' ') : undefined;
}

export async function prepareAuthorization(
  ctx: ClientContext,
  rng: Rng,
  credentials: ClientCredentials,
): Promise<PendingAuthorization> {
  const { config, session } = ctx;
  const metadata = session.metadata;
  const prm = session.prm;
  // Protected resource metadata exists from 2025-06-18 (C-01); a client of 2025-03-26 has none.
  if (!metadata || (!prm && applies(ctx, 'C-01')))
    throw new ClientRefusal('C-08', 'Discovery has not completed');
  const verifier = config.checks.pkce ? createVerifier(rng) : undefined;
  // A client that does not insist on S256 (C-27) settles for plain when that is all the server
  // lists: the challenge is then the verifier itself, readable by anyone who sees the request.
  const methods = metadata.code_challenge_methods_supported;
  const method =
    !config.checks.s256Support && methods && !methods.includes('S256') && methods.includes('plain')
      ? 'plain'
      : 'S256';
  const challenge = verifier ? (method === 'plain' ? verifier : await challengeS256(verifier)) : undefined;
  const state = rng.token(16);
  const scope = chooseScope(ctx);
  // C-22 (RFC 8707, from 2025-06-18): the token is bound to this MCP server.
  const resource = config.checks.resource && applies(ctx, 'C-22') ? prm?.resource : undefined;
  const recordsIssuer = applies(ctx, 'C-18');
  const url = new URL(metadata.authorization_endpoint);
  const params: [string, string | undefined][] = [
    ['response_type', 'code'],
    ['client_id', credentials.client_id],
    ['redirect_uri', config.redirectUri],
    ['state', state],
    ['code_challenge', challenge],
    ['code_challenge_method', challenge ? method : undefined],
    ['scope', scope],
    ['resource', resource],
  ];
  for (const [name, value] of params) if (value !== undefined) url.searchParams.set(name, value);
  const pending: PendingAuthorization = {
    verifier,
    state,
    issuer: metadata.issuer,
    issSupported: metadata.authorization_response_iss_parameter_supported === true,
    scope,
    resource,
    redirectUri: config.redirectUri,
    url: url.href,
  };
  session.pending = pending;
  session.requestedScopes = scope ? scope.split(' ') : [];
  session.authorizations++;
  const values: Record<string, string> = {
    code_verifier: verifier ?? '(none: this client skips PKCE)',
    code_challenge: challenge ?? '(none)',
    ...(challenge && method === 'plain' ? { code_challenge_method: 'plain' } : {}),
    state,
    scope: scope ?? '(omitted)',
    resource: resource ?? '(omitted)',
    ...(recordsIssuer ? { expected_issuer: metadata.issuer } : {}),
  };
  // What the client prepared, line by line, read back from the URL it built with the same checks an
  // imported HAR runs on a recorded one: a step it skipped shows as skipped, never as done.
  const checks: Check[] = [
    ...authorizationRequestChecks(
      url.searchParams,
      prm?.resource,
      { pkce: config.checks.pkce, s256: config.checks.s256Support, resource: config.checks.resource },
      (rule) => applies(ctx, rule),
    ),
    ...(recordsIssuer
      ? [
          check(
            'C-18',
            'Expected issuer recorded',
            true,
            `${metadata.issuer}, kept with the verifier and state`,
          ),
        ]
      : []),
  ];
  const skipped = checks.filter((c) => c.status === 'skipped').map((c) => c.label);
  await ctx.deps.note({
    kind: 'internal',
    stepId: 'prepare-authorization',
    title:
      skipped.length === 0
        ? recordsIssuer
          ? 'PKCE, state and expected issuer ready'
          : 'PKCE and state ready'
        : `Request ready without ${skipped.join(', ')}`,
    outcome: 'ok',
    rule: recordsIssuer ? 'C-18' : 'C-26',
    detail: {
      summary: verifier
        ? `The verifier stays with the client; only the challenge travels.${skipped.length ? ` This client skips: ${skipped.join(', ')}.` : ''}`
        : `This client sends no code_challenge (C-26 skipped): whoever obtains the code can redeem it.`,
      values,
      checks,
    },
  });
  return pending;
}

export async function validateCallback(ctx: ClientContext, url: URL): Promise<AuthorizationOutcome> {
  const pending = ctx.session.pending;
  if (!pending)
    throw new ClientRefusal('C-30', 'An authorization response arrived but no request is pending');
  const { checks: enforce } = ctx.config;
  const params = url.searchParams;
  const checks = callbackChecks(
    { state: pending.state, issuer: pending.issuer, issSupported: pending.issSupported },
    params,
    { state: enforce.state, iss: enforce.iss },
    (rule) => applies(ctx, rule),
  );
  // RFC 9207's iss check is 2026-07-28's (C-19, SEP-2468); before, the client checks state only.
  const issChecked = applies(ctx, 'C-19');
  const error = params.get('error');
  const code = params.get('code');
  const failed = await recordChecklist(ctx, {
    stepId: 'validate-callback',
    checks,
    rule: issChecked ? 'C-19' : 'C-30',
    ok: {
      title: error ? `Authorization failed: ${error}` : issChecked ? 'state and iss match' : 'state matches',
      summary: error
        ? `The response is genuine and reports ${error}.`
        : issChecked
          ? "The response is genuine: the client may redeem the code, at the recorded issuer's token endpoint only."
          : 'The response answers the request this client sent. Which server sent it, this revision does not ask: the client redeems the code at the token endpoint it discovered.',
    },
    refused: {
      title: (f) => `Response discarded: ${f.label} check failed`,
      summary:
        'The client discards this response before the code goes anywhere. No token request is sent, and any error in it is not shown (C-21).',
    },
  });
  // C-21: after a failed iss or state check, error fields are neither acted on nor displayed.
  if (failed)
    throw new ClientRefusal(failed.rule, `Authorization response rejected by the ${failed.label} check`);
  if (error) return { kind: 'error', error, description: params.get('error_description') ?? '' };
  if (!code) throw new ClientRefusal('C-19', 'The authorization response carries neither code nor error');
  return { kind: 'code', code };
}
