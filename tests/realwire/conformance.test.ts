/**
 * The conformance adapter (src/realwire/conformanceOptions.ts): the suite's scenario and context
 * become the client's options, and nothing else; the suite itself runs in `npm run conformance`.
 */
import { describe, expect, it } from 'vitest';
import {
  CONFORMANCE_CIMD_URL,
  conformanceOptions,
  parseContext,
} from '../../src/realwire/conformanceOptions';

describe('the conformance client adapter', () => {
  it('reads MCP_CONFORMANCE_CONTEXT through its schema, and nothing that does not fit', () => {
    expect(parseContext('{"name":"auth/pre-registration","client_id":"c","client_secret":"s"}')).toEqual({
      name: 'auth/pre-registration',
      client_id: 'c',
      client_secret: 's',
    });
    expect(parseContext(undefined)).toBeUndefined();
    expect(parseContext('not json')).toBeUndefined();
    expect(parseContext('{"client_id":1}')).toBeUndefined();
  });

  it("runs headless, with the suite's CIMD URL and the context's credentials", () => {
    const options = conformanceOptions('http://localhost:1/mcp', 'auth/pre-registration', {
      name: 'auth/pre-registration',
      client_id: 'c',
      client_secret: 's',
    });
    expect(options).toMatchObject({
      serverUrl: 'http://localhost:1/mcp',
      follow: true,
      cimdUrl: CONFORMANCE_CIMD_URL,
      clientId: 'c',
      clientSecret: 's',
      elicitation: 'accept',
    });
    expect(options.grant).toBeUndefined();
    expect(options.operations?.map((o) => (o.kind === 'call' ? o.method : o.kind))).toEqual([
      'tools/list',
      'tools/call',
    ]);
  });

  it('the machine scenarios use client credentials; the others ask for what the SDK client asks for', () => {
    expect(conformanceOptions('u', 'auth/client-credentials-basic', undefined).grant).toBe(
      'client_credentials',
    );
    expect(conformanceOptions('u', 'initialize', undefined).operations).toEqual([
      { kind: 'call', method: 'tools/list' },
    ]);
    expect(conformanceOptions('u', 'tools_call', undefined).operations?.[1]).toMatchObject({
      params: { name: 'add_numbers' },
    });
  });

  it('auth/client-credentials-jwt signs with the context key; cross-app access uses the IdP it is given', () => {
    expect(
      conformanceOptions('u', 'auth/client-credentials-jwt', {
        name: 'auth/client-credentials-jwt',
        client_id: 'c',
        private_key_pem: 'PEM',
        signing_algorithm: 'ES256',
      }),
    ).toMatchObject({ grant: 'client_credentials', clientId: 'c', privateKeyPem: 'PEM' });
    expect(
      conformanceOptions('u', 'auth/cross-app-access-complete-flow', {
        name: 'auth/cross-app-access-complete-flow',
        client_id: 'c',
        client_secret: 's',
        idp_client_id: 'idp-c',
        idp_id_token: 'id.tok.en',
        idp_issuer: 'http://localhost:2',
        idp_token_endpoint: 'http://localhost:2/token',
      }),
    ).toMatchObject({
      grant: 'enterprise',
      clientId: 'c',
      clientSecret: 's',
      enterprise: {
        idpIssuer: 'http://localhost:2',
        idpClientId: 'idp-c',
        idToken: 'id.tok.en',
        idpTokenEndpoint: 'http://localhost:2/token',
      },
    });
  });
});
