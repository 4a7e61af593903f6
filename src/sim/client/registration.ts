/**
 * Getting a client_id at this authorization server, in the spec's order (C-09): credentials
 * pre-registered for this issuer, a Client ID Metadata Document if the server supports them, Dynamic
 * Client Registration if it has a registration endpoint, else asking the user. Registrations are
 * keyed by issuer and never reused with another server (C-07, C-14).
 */
import { readJsonBody } from './json';
import type { ClientContext } from './session';
import { applies } from './revision';
import { ClientRefusal } from './types';
import type { ClientCredentials } from './types';
import { stringField } from '../fields';
import { chooseAuthMethod } from './tokens';
import { check } from '../trace/check';

const HOW: Record<string, string> = {
  client_secret_basic: 'in an Authorization: Basic header (client_secret_basic)',
  client_secret_post: 'as client_id and client_secret in the form body (client_secret_post)',
};

/**
 * C-70: how a pre-registered client with a secret will authenticate at the token endpoint, and why
 * (the metadata; RFC 8414 §2 reads an absent list as client_secret_basic), as a check the recap
 * and the inspector show. Null for a client without a secret (a key's check is assertion.ts's).
 */
function secretPlan(credentials: ClientCredentials, supported: readonly string[] | undefined) {
  if (credentials.client_secret === undefined) return null;
  const method = chooseAuthMethod(credentials, supported);
  const listed = supported
    ? `the server lists ${supported.join(', ')} in token_endpoint_auth_methods_supported`
    : 'the server lists no token_endpoint_auth_methods_supported, which RFC 8414 §2 reads as client_secret_basic';
  return {
    method,
    summary: ` It holds a client secret; ${listed}, so it will send the secret ${HOW[method] ?? `with ${method}`}.`,
    check: check(
      'C-70',
      `The server accepts ${method}`,
      supported === undefined || supported.includes(method),
      listed,
    ),
  };
}

export async function ensureRegistration(ctx: ClientContext): Promise<ClientCredentials> {
  const { config, session } = ctx;
  const metadata = session.metadata;
  if (!metadata) throw new ClientRefusal('C-08', 'No authorization server metadata to register with');
  const issuer = metadata.issuer;
  const existing = session.registrations.get(issuer);
  if (existing) return existing;

  const pre = config.preregistered[issuer];
  // C-10: Client ID Metadata Documents arrived in 2025-11-25 (SEP-991), with the order of C-09.
  const cimdKnown = applies(ctx, 'C-10');
  const cimd =
    cimdKnown && config.cimdUrl && metadata.client_id_metadata_document_supported
      ? config.cimdUrl
      : undefined;
  const choice = pre ? 'preregistered' : cimd ? 'cimd' : metadata.registration_endpoint ? 'dcr' : 'none';
  // C-70 (EXT-CC): a machine client's method is one the server lists; the extension's rule, so only
  // where the extension is negotiated (2026-07-28).
  const plan =
    pre && applies(ctx, 'C-70') ? secretPlan(pre, metadata.token_endpoint_auth_methods_supported) : null;
  const noMethod = plan?.check.status === 'fail';
  const summaries = {
    preregistered: noMethod
      ? `The client has a secret an administrator registered for ${issuer}, but ${plan?.check.detail ?? ''}: no way to send a secret that it accepts, so the client sends nothing.`
      : `The client has credentials an administrator registered for ${issuer}, so it uses them and sends nothing now.${plan?.summary ?? ''}`,
    cimd: `${issuer} advertises client_id_metadata_document_supported, so the client's client_id is the URL of its metadata document: ${config.cimdUrl}. Nothing is sent now; the authorization server will fetch it.`,
    dcr: cimdKnown
      ? `No pre-registered credentials and no metadata-document support, but ${issuer} has a registration endpoint: the client registers itself.`
      : `No pre-registered credentials, and ${issuer} has a registration endpoint: the client registers itself (Dynamic Client Registration, which this revision asks clients and servers to support).`,
    none: `${issuer} offers no way for this client to identify itself. The client must ask the user for a client_id.`,
  };
  const rule = applies(ctx, 'C-09') ? 'C-09' : 'C-08';
  await ctx.deps.note({
    kind: 'internal',
    stepId: 'choose-registration',
    title: noMethod
      ? 'No authentication method in common'
      : {
          preregistered: 'Use pre-registered credentials',
          cimd: 'Use a Client ID Metadata Document',
          dcr: 'Register dynamically',
          none: 'No way to register',
        }[choice],
    outcome: choice === 'none' || noMethod ? 'refused' : 'ok',
    rule: noMethod ? 'C-70' : rule,
    detail: {
      summary: summaries[choice],
      values: { issuer, ...(plan ? { token_endpoint_auth_method: plan.method } : {}) },
      ...(plan ? { checks: [plan.check] } : {}),
    },
  });
  if (noMethod)
    throw new ClientRefusal('C-70', 'The authorization server lists no way to send a client secret');
  let credentials: ClientCredentials;
  if (pre) credentials = pre;
  else if (cimd) credentials = { client_id: cimd };
  else if (metadata.registration_endpoint) credentials = await register(ctx, metadata.registration_endpoint);
  else
    throw new ClientRefusal(
      rule,
      'The authorization server supports no registration method this client can use',
    );
  session.registrations.set(issuer, credentials);
  return credentials;
}

async function register(ctx: ClientContext, endpoint: string): Promise<ClientCredentials> {
  const { config, session } = ctx;
  const body = {
    client_name: config.clientName,
    redirect_uris: [config.redirectUri],
    grant_types: ['authorization_code', 'refresh_token'], // C-41: refresh_token, since it wants one
    response_types: ['code'],
    token_endpoint_auth_method: 'none', // a public client: it could not keep a secret
    // C-13 (2026-07-28, SEP-837): MUST be sent; native for a loopback redirect. Earlier clients had
    // no such rule, and sent none.
    ...(applies(ctx, 'C-13') ? { application_type: 'native' } : {}),
    ...(session.challenge?.scope ? { scope: session.challenge.scope } : {}),
  };
  // What a refused registration breaks: C-13's "be prepared for rejections", or getting a client_id.
  const refusal = applies(ctx, 'C-13') ? 'C-13' : 'C-08';
  const response = await ctx.deps.fetch(endpoint, {
    method: 'POST',
    step: 'dcr',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const record = await readJsonBody(response);
  const clientId = typeof record.client_id === 'string' ? record.client_id : undefined;
  const refused = response.status !== 201 && response.status !== 200;
  if (refused || clientId === undefined) {
    const failure = refused
      ? `Registration was refused: ${stringField(record, 'error', String(response.status))} ${stringField(record, 'error_description')}`.trim()
      : 'The registration response has no client_id';
    // The client says so on its own lane (C-13: "SHOULD surface a meaningful error"), then stops.
    await ctx.deps.note({
      kind: 'internal',
      stepId: 'choose-registration',
      title: refused
        ? `Registration refused: ${stringField(record, 'error', `HTTP ${response.status}`)}`
        : 'Registration gave no client_id',
      outcome: 'refused',
      rule: refusal,
      detail: {
        summary: `${failure}. Without a client_id the client cannot ask for authorization, so it stops and tells the user.`,
      },
    });
    throw new ClientRefusal(refusal, failure);
  }
  // RFC 7591 §3.2.1: the response holds the registered metadata, which may differ from the request
  // (a server may issue a secret and name how to present it): the client goes by the response.
  return {
    client_id: clientId,
    ...(typeof record.client_secret === 'string' ? { client_secret: record.client_secret } : {}),
    ...(typeof record.token_endpoint_auth_method === 'string'
      ? { token_endpoint_auth_method: record.token_endpoint_auth_method }
      : {}),
  };
}
