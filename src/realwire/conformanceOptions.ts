/**
 * The project's own client run the way the official MCP
 * conformance suite (`@modelcontextprotocol/conformance`) runs a client, as a CI does: no browser
 * (the authorization URL is followed with fetch, as an authorization server that approves by itself
 * allows), the scenario's name in MCP_CONFORMANCE_SCENARIO and its data (pre-registered
 * credentials) in MCP_CONFORMANCE_CONTEXT. The adapter maps them to the client's options the way
 * the SDK's own conformance client (`examples/clients/typescript/everything-client.ts`) does: which
 * tool the user asks for, which credentials an administrator gave, how the user answers a form.
 * Every check the suite makes is then the client's own behaviour; nothing here knows what a
 * scenario checks.
 */
import { z } from 'zod';
import type { Operation } from '../sim/client/types';
import type { RealClientOptions } from './realClient';

/**
 * The suite's fixed client ID metadata document URL (`auth/basic-cimd.ts`: "clients should use" it;
 * the suite's servers accept it without fetching it), the one the SDK's conformance client uses.
 */
export const CONFORMANCE_CIMD_URL = 'https://conformance-test.local/client-metadata.json';

/** MCP_CONFORMANCE_CONTEXT, as the suite's `src/schemas/context.ts` defines it (the fields used here). */
const Context = z.object({
  name: z.string(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  /** auth/client-credentials-jwt: the key to sign client assertions with (this client signs ES256). */
  private_key_pem: z.string().optional(),
  signing_algorithm: z.string().optional(),
  /** auth/cross-app-access-complete-flow: the company IdP, and the ID token of a sign-in already done. */
  idp_client_id: z.string().optional(),
  idp_id_token: z.string().optional(),
  idp_issuer: z.string().optional(),
  idp_token_endpoint: z.string().optional(),
});
type Context = z.infer<typeof Context>;

/** What the user asks the client to do in each scenario, as in the SDK's conformance client. */
const TOOL_CALLS: Record<string, { name: string; arguments: Record<string, unknown> }> = {
  tools_call: { name: 'add_numbers', arguments: { a: 2, b: 3 } },
  'elicitation-sep1034-client-defaults': { name: 'test_client_elicitation_defaults', arguments: {} },
  'sse-retry': { name: 'test_reconnection', arguments: {} },
};

function operations(scenario: string): Operation[] {
  const list: Operation = { kind: 'call', method: 'tools/list' };
  const call =
    TOOL_CALLS[scenario] ?? (scenario.startsWith('auth/') ? { name: 'test-tool', arguments: {} } : null);
  return call ? [list, { kind: 'call', method: 'tools/call', params: call }] : [list];
}

export function parseContext(raw: string | undefined): Context | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    const parsed = Context.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The client's options for one scenario. */
export function conformanceOptions(
  serverUrl: string,
  scenario: string,
  context: Context | undefined,
): RealClientOptions {
  const machine = scenario.startsWith('auth/client-credentials');
  const idp = context?.idp_issuer;
  const enterprise =
    idp !== undefined
      ? {
          idpIssuer: idp,
          idpClientId: context?.idp_client_id ?? '',
          ...(context?.idp_id_token !== undefined ? { idToken: context.idp_id_token } : {}),
          ...(context?.idp_token_endpoint !== undefined
            ? { idpTokenEndpoint: context.idp_token_endpoint }
            : {}),
        }
      : undefined;
  return {
    serverUrl,
    follow: true,
    // A suite's authorization server redirects at once; nothing to wait for beyond that.
    callbackTimeoutMs: 10_000,
    cimdUrl: CONFORMANCE_CIMD_URL,
    ...(context?.client_id !== undefined ? { clientId: context.client_id } : {}),
    ...(context?.client_secret !== undefined ? { clientSecret: context.client_secret } : {}),
    ...(context?.private_key_pem !== undefined ? { privateKeyPem: context.private_key_pem } : {}),
    ...(machine ? { grant: 'client_credentials' as const } : {}),
    ...(enterprise ? { grant: 'enterprise' as const, enterprise } : {}),
    // The SDK's conformance client accepts every form and lets the defaults fill it (SEP-1034).
    elicitation: 'accept',
    operations: operations(scenario),
  };
}
