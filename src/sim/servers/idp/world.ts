/**
 * The IdP's initial state: its key, the demo user (the same person as the MCP server's account, in
 * the engineering group), the MCP client registered for single sign-on, and the administrator's
 * policy. Part of the world, like the authorization server's pre-registered clients.
 */
import { deriveSigningKey, keyOnFirstUse } from '../../crypto/jwt';
import type { Clock } from '../../world/clock';
import type { Rng } from '../../world/random';
import { BoundedMap } from '../../world/store';
import type { StoreBounds } from '../../world/store';
import type { Urls } from '../../world/urls';
import { ENTERPRISE_USER, IDP_CLIENT_ID } from './state';
import type { IdpState } from './state';

export function createIdpState(
  urls: Urls,
  keys: Rng,
  session: string,
  clock: Clock,
  bounds: StoreBounds,
): IdpState {
  return {
    key: keyOnFirstUse(() => deriveSigningKey(keys, 'idp-es256')),
    users: new Map([[ENTERPRISE_USER.sub, ENTERPRISE_USER]]),
    sessions: new Map([[session, ENTERPRISE_USER.sub]]),
    apps: new Map([
      [
        IDP_CLIENT_ID,
        {
          client_id: IDP_CLIENT_ID,
          client_name: 'MCP Simulator Desktop',
          redirect_uris: [urls.callback],
          // EXT-EMA §6.1: the app's client_id at each MCP authorization server, set up by the
          // administrator. This app identifies itself everywhere by its metadata document's URL.
          clientIdAt: { [urls.issuer]: urls.cimd, [urls.attackerIssuer]: urls.cimd },
        },
      ],
    ]),
    policy: [
      {
        app: IDP_CLIENT_ID,
        group: 'engineering',
        audience: urls.issuer,
        resource: urls.mcp,
        scopes: ['files:read', 'files:write'],
        label: 'Engineering: the Files MCP server',
      },
      {
        app: IDP_CLIENT_ID,
        group: 'engineering',
        audience: urls.issuer,
        resource: urls.downstream,
        scopes: ['reports:read'],
        label: 'Engineering: the reports API',
      },
      {
        app: IDP_CLIENT_ID,
        group: 'engineering',
        audience: urls.attackerIssuer,
        resource: urls.evilMcp,
        scopes: ['notes:read'],
        label: 'Engineering: Shadow Notes, a SaaS the company approved',
      },
    ],
    codes: new BoundedMap({ cap: bounds.codes, ttl: 600, clock }),
  };
}
