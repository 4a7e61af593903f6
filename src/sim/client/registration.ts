/**
 * Getting a client_id at this authorization server, in the spec's order (C-09): credentials
 * pre-registered for this issuer, a Client ID Metadata Document if the server supports them, Dynamic
 * Client Registration if it has a registration endpoint, else asking the user. Registrations are
 * keyed by issuer and never reused with another server (C-07, C-14).
 */
import { readJsonBody } from './json';
import type { ClientContext } from './session';
import { ClientRefusal } from './types';
import type { ClientCredentials } from './types';
import { stringField } from '../fields';

export async function ensureRegistration(ctx: ClientContext): Promise<ClientCredentials> {
  const { config, session } = ctx;
  const metadata = session.metadata;
  if (!metadata) throw new ClientRefusal('C-08', 'No authorization server metadata to register with');
  const issuer = metadata.issuer;
  const existing = session.registrations.get(issuer);
  if (existing) return existing;

  const pre = config.preregistered[issuer];
  const cimd = config.cimdUrl && metadata.client_id_metadata_document_supported ? config.cimdUrl : undefined;
  const choice = pre ? 'preregistered' : cimd ? 'cimd' : metadata.registration_endpoint ? 'dcr' : 'none';
  const summaries = {
    preregistered: `The client has credentials an administrator registered for ${issuer}, so it uses them and sends nothing now.`,
    cimd: `${issuer} advertises client_id_metadata_document_supported, so the client's client_id is the URL of its metadata document: ${config.cimdUrl}. Nothing is sent now; the authorization server will fetch it.`,
    dcr: `No pre-registered credentials and no metadata-document support, but ${issuer} has a registration endpoint: the client registers itself.`,
    none: `${issuer} offers no way for this client to identify itself. The client must ask the user for a client_id.`,
  };
  await ctx.deps.note({
    kind: 'internal',
    stepId: 'choose-registration',
    title: {
      preregistered: 'Use pre-registered credentials',
      cimd: 'Use a Client ID Metadata Document',
      dcr: 'Register dynamically',
      none: 'No way to register',
    }[choice],
    outcome: choice === 'none' ? 'refused' : 'ok',
    rule: 'C-09',
    detail: { summary: summaries[choice], values: { issuer } },
  });
  let credentials: ClientCredentials;
  if (pre) credentials = pre;
  else if (cimd) credentials = { client_id: cimd };
  else if (metadata.registration_endpoint) credentials = await register(ctx, metadata.registration_endpoint);
  else
    throw new ClientRefusal(
      'C-09',
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
    application_type: 'native', // C-13: MUST be sent; native for a loopback redirect
    ...(session.challenge?.scope ? { scope: session.challenge.scope } : {}),
  };
  const response = await ctx.deps.fetch(endpoint, {
    method: 'POST',
    step: 'dcr',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const record = await readJsonBody(response);
  if (response.status !== 201 && response.status !== 200) {
    throw new ClientRefusal(
      'C-13',
      `Registration was refused: ${stringField(record, 'error', String(response.status))} ${stringField(record, 'error_description')}`.trim(),
    );
  }
  if (typeof record.client_id !== 'string')
    throw new ClientRefusal('C-13', 'The registration response has no client_id');
  // RFC 7591 §3.2.1: the response holds the registered metadata, which may differ from the request
  // (a server may issue a secret and name how to present it): the client goes by the response.
  return {
    client_id: record.client_id,
    ...(typeof record.client_secret === 'string' ? { client_secret: record.client_secret } : {}),
    ...(typeof record.token_endpoint_auth_method === 'string'
      ? { token_endpoint_auth_method: record.token_endpoint_auth_method }
      : {}),
  };
}
