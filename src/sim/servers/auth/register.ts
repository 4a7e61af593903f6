/**
 * Dynamic Client Registration (RFC 7591), deprecated in 2026-07-28 but still MAY. Redirect
 * URIs must be https or loopback http; a "web" client may not use a loopback redirect, which
 * is why MCP clients MUST send application_type (C-13, SEP-837).
 */
import { http } from 'msw';
import type { RuleId } from '../../rules';
import type { World } from '../../world/world';
import { isLoopbackHttp, isRecord, oauthError, readJson } from '../http';
import { endpoints } from './metadata';
import type { RegisteredClient } from './state';

const AUTH_METHODS = ['none', 'client_secret_basic', 'client_secret_post'] as const;
type AuthMethod = (typeof AUTH_METHODS)[number];

function isAuthMethod(value: unknown): value is AuthMethod {
  return typeof value === 'string' && (AUTH_METHODS as readonly string[]).includes(value);
}

function stringList(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
}

export function registerHandlers(world: World) {
  // RFC 7591 §3.2.2: HTTP 400 with invalid_redirect_uri or invalid_client_metadata.
  const registrationError = (error: string, description: string, status = 400, rule: RuleId = 'A-25') =>
    oauthError(world, { rule, error, description }, status);
  return [
    http.post(endpoints(world.urls.issuer).registration_endpoint, async ({ request }) => {
      const body = await readJson(request);
      if (!body.ok) return registrationError('invalid_client_metadata', body.description, body.status ?? 400);
      const meta = body.value;
      if (!isRecord(meta))
        return registrationError('invalid_client_metadata', 'the body must be a JSON object');

      const redirects = stringList(meta.redirect_uris);
      if (!redirects || redirects.length === 0)
        return registrationError('invalid_redirect_uri', 'redirect_uris is required');
      // OIDC Registration's application_type (default "web"): this server takes it into account in
      // the revisions whose clients must send it (C-13, SEP-837: 2026-07-28). Before, it is a plain
      // RFC 7591 server and ignores a parameter it does not know (RFC 7591 §2).
      const oidc = world.inRevision('C-13');
      const appType = oidc ? (meta.application_type ?? 'web') : 'native';
      if (appType !== 'web' && appType !== 'native') {
        return registrationError('invalid_client_metadata', 'application_type must be "web" or "native"');
      }
      for (const uri of redirects) {
        let url: URL;
        try {
          url = new URL(uri);
        } catch {
          return registrationError('invalid_redirect_uri', `${uri} is not an absolute URI`);
        }
        if (url.hash !== '' || uri.includes('#'))
          return registrationError('invalid_redirect_uri', 'redirect URIs must not have a fragment');
        const loopback = isLoopbackHttp(url);
        if (url.protocol !== 'https:' && !loopback) {
          return registrationError(
            'invalid_redirect_uri',
            `${uri} is neither https nor a loopback address`,
            400,
            'A-11',
          );
        }
        if (loopback && appType === 'web') {
          return registrationError(
            'invalid_redirect_uri',
            'a "web" client cannot use a loopback redirect; native apps must register as "native"',
          );
        }
      }
      const method = meta.token_endpoint_auth_method ?? 'client_secret_basic'; // RFC 7591 §2 default
      if (!isAuthMethod(method))
        return registrationError('invalid_client_metadata', 'unsupported token_endpoint_auth_method');
      const grantTypes =
        meta.grant_types === undefined ? ['authorization_code'] : stringList(meta.grant_types);
      if (!grantTypes || grantTypes.some((g) => !['authorization_code', 'refresh_token'].includes(g))) {
        return registrationError('invalid_client_metadata', 'unsupported grant_types');
      }
      const name = typeof meta.client_name === 'string' ? meta.client_name.slice(0, 100) : 'Unnamed client';
      const rng = world.rng('as');
      const client: RegisteredClient = {
        client_id: rng.token(12),
        ...(method === 'none' ? {} : { client_secret: rng.token(24) }),
        client_name: name,
        redirect_uris: redirects,
        grant_types: grantTypes,
        token_endpoint_auth_method: method,
        application_type: appType,
        source: 'dcr',
      };
      world.as.clients.set(client.client_id, client);
      const { source: _source, application_type: _type, ...rest } = client;
      const published = oidc ? { ...rest, application_type: client.application_type } : rest;
      return Response.json(
        {
          ...published,
          client_id_issued_at: world.clock.now(),
          ...(client.client_secret !== undefined ? { client_secret_expires_at: 0 } : {}),
          response_types: ['code'],
        },
        { status: 201, headers: { 'Cache-Control': 'no-store' } },
      );
    }),
  ];
}
