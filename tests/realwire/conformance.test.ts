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
});
