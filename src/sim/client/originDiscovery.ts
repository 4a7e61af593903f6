/**
 * Discovery as revision 2025-03-26 has it (C-60): no protected resource metadata; the authorization
 * server is found at the MCP server's own origin, by its RFC 8414 metadata or, without any, at the
 * default endpoints. A client of that revision does only this; a later one that also speaks it
 * comes here when the server publishes no protected resource metadata (discovery.ts).
 */
import { isSafeEndpoint } from '../checks/urls';
import { check, withFix } from '../trace/check';
import type { Check } from '../trace/types';
import { recordChecklist } from './checklist';
import { getJson } from './discovery';
import { isRecord, stringArray } from './json';
import type { AsMetadata, ClientContext } from './session';
import { ClientRefusal } from './types';

/**
 * C-60 (2025-03-26 §Server Metadata Discovery): the authorization base URL is the MCP server URL
 * with its path discarded; the client fetches RFC 8414 metadata at its root, and only if there is
 * none (404) uses the default endpoints /authorize, /token and /register there. There is no issuer
 * to check against (that is 2026-07-28's C-06): the metadata names its own.
 */
export async function discoverAtOrigin(ctx: ClientContext): Promise<AsMetadata> {
  const base = new URL(ctx.config.serverUrl).origin;
  const url = `${base}/.well-known/oauth-authorization-server`;
  const { status, body } = await getJson(ctx, url, 'as-metadata');
  const doc = status === 200 && isRecord(body) ? body : undefined;
  const { allowLoopbackHttp } = ctx.config;
  const endpoint = (name: string, fallback: string) =>
    doc ? (typeof doc[name] === 'string' ? doc[name] : '') : fallback;
  const authorization = endpoint('authorization_endpoint', `${base}/authorize`);
  const token = endpoint('token_endpoint', `${base}/token`);
  const register = endpoint('registration_endpoint', `${base}/register`);
  const responseTypes = stringArray(doc?.response_types_supported);
  const checks: Check[] = [
    withFix(
      check(
        'C-60',
        'Metadata, or the default endpoints',
        doc !== undefined || status === 404,
        doc
          ? `RFC 8414 metadata at ${url}`
          : status === 404
            ? `no metadata at ${url} (404): the default endpoints /authorize, /token and /register at ${base}`
            : `${url} answered ${status || 'nothing'}, neither metadata nor 404`,
      ),
      "Serve RFC 8414 metadata at /.well-known/oauth-authorization-server of the MCP server's origin, or the default endpoints there.",
    ),
    ...(doc
      ? [
          check(
            'A-01',
            'response type code',
            responseTypes?.includes('code') ?? false,
            `response_types_supported is ${JSON.stringify(responseTypes ?? null)}`,
          ),
        ]
      : []),
    check(
      'C-32',
      'authorization_endpoint is https',
      isSafeEndpoint(authorization, allowLoopbackHttp),
      authorization,
    ),
    check('C-32', 'token_endpoint is https', isSafeEndpoint(token, allowLoopbackHttp), token),
  ];
  const failed = await recordChecklist(ctx, {
    stepId: 'validate-as-metadata',
    checks,
    rule: 'C-60',
    ok: {
      title: doc
        ? "Endpoints from the metadata at the server's origin"
        : 'No metadata: the default endpoints',
      summary: doc
        ? `The authorization server is at the MCP server's origin, ${base}; the client uses the endpoints its metadata lists.`
        : `${base} publishes no metadata, so the client uses the default endpoints the 2025-03-26 spec fixes: ${base}/authorize, /token and /register.`,
    },
    refused: {
      title: (f) => `Discovery refused: ${f.label}`,
      summary: 'The client cannot find an authorization server it may use, and stops.',
    },
  });
  if (failed)
    throw new ClientRefusal(
      failed.rule,
      `Authorization server discovery refused: ${failed.label} (${failed.detail})`,
    );
  const issuer = typeof doc?.issuer === 'string' ? doc.issuer : base;
  const scopes = stringArray(doc?.scopes_supported);
  const methods = stringArray(doc?.code_challenge_methods_supported);
  const authMethods = stringArray(doc?.token_endpoint_auth_methods_supported);
  return {
    issuer,
    authorization_endpoint: authorization,
    token_endpoint: token,
    ...(isSafeEndpoint(register, allowLoopbackHttp) ? { registration_endpoint: register } : {}),
    ...(scopes ? { scopes_supported: scopes } : {}),
    ...(methods ? { code_challenge_methods_supported: methods } : {}),
    client_id_metadata_document_supported: doc?.client_id_metadata_document_supported === true,
    authorization_response_iss_parameter_supported:
      doc?.authorization_response_iss_parameter_supported === true,
    ...(authMethods ? { token_endpoint_auth_methods_supported: authMethods } : {}),
  };
}
