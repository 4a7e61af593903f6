/**
 * The flow machine: which phase of MCP authorization the client is in, and which comes next. Each
 * phase state invokes one client method; the `route*` states read what it returned and pick the
 * next phase, so every decision the spec prescribes (401 → discover, 403 insufficient_scope → step
 * up, invalid_grant on refresh → authorize again, a retry limit) is a transition you can see here.
 *
 * The client is not in the machine's context: `flowWith(client)` gives the machine its phases as
 * actors closing over the client. What the client knows (whether it has metadata, a refresh token,
 * attempts left under C-17) stays with the client, which reports it with each call's result.
 */
import { and, assign, fromPromise, not, setup } from 'xstate';
import type { AuthorizationOutcome } from '../client/authorization';
import type { ClientState, McpClient, OperationResult, Performed } from '../client/client';
import type { TokenOutcome } from '../client/tokens';
import { ClientRefusal } from '../client/types';
import type { Grant, Operation } from '../client/types';
import type { GrantOutcome } from '../client/enterprise';
import type { RuleId } from '../rules';

export type FlowOutcome =
  | { kind: 'success'; result: unknown }
  | { kind: 'refused'; rule?: RuleId; message: string }
  | { kind: 'denied'; error: string; description: string }
  | { kind: 'failed'; message: string };

export interface FlowInput {
  operations: Operation[];
  grant: Grant;
}

export interface FlowContext extends FlowInput {
  opIndex: number;
  call?: OperationResult;
  /** What the client reported about itself with that call's result. */
  client?: ClientState;
  authorization?: AuthorizationOutcome;
  token?: TokenOutcome;
  /** What the IdP's token exchange gave (enterprise-managed authorization). */
  grantOutcome?: GrantOutcome;
  /** Set when tokens were just obtained: a 401 now means the server rejects them, not that they expired. */
  freshTokens: boolean;
  outcome?: FlowOutcome;
}

const NO_OPERATION: Operation = { kind: 'wait', seconds: 0 };

function currentOperation(context: FlowContext): Operation {
  return context.operations[context.opIndex] ?? NO_OPERATION;
}

function describe(error: unknown): FlowOutcome {
  if (error instanceof ClientRefusal) return { kind: 'refused', rule: error.rule, message: error.message };
  return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}

/** A phase whose client has not been given: flowWith(client) provides them all. */
const unprovided = <T, I = void>() =>
  fromPromise<T, I>(() => Promise.reject(new Error('the flow machine runs with a client: flowWith(client)')));

export const flowMachine = setup({
  types: {
    context: {} as FlowContext,
    input: {} as FlowInput,
  },
  actors: {
    perform: unprovided<Performed, { op: Operation }>(),
    discover: unprovided<void>(),
    register: unprovided<void>(),
    authorize: unprovided<AuthorizationOutcome>(),
    exchange: unprovided<TokenOutcome, { code: string }>(),
    refresh: unprovided<TokenOutcome>(),
    clientCredentials: unprovided<TokenOutcome>(),
    /** How the client goes on after insufficient_scope: a new authorization (or, faulty, a refresh). */
    stepUp: unprovided<'authorize' | 'refresh' | undefined, { call: OperationResult | undefined }>(),
    signIn: unprovided<void>(),
    exchangeIdentity: unprovided<GrantOutcome>(),
    redeemGrant: unprovided<TokenOutcome, { assertion: string }>(),
  },
  guards: {
    callOk: ({ context }) => context.call?.kind === 'ok' || context.call?.kind === 'waited',
    moreOperations: ({ context }) => context.opIndex + 1 < context.operations.length,
    unauthorized: ({ context }) => context.call?.kind === 'unauthorized',
    freshTokens: ({ context }) => context.freshTokens,
    hasRefreshToken: ({ context }) => context.client?.refreshable ?? false,
    discovered: ({ context }) => context.client?.discovered ?? false,
    machineGrant: ({ context }) => context.grant === 'client_credentials',
    enterpriseGrant: ({ context }) => context.grant === 'enterprise',
    gotGrant: ({ context }) => context.grantOutcome?.kind === 'grant',
    insufficientScope: ({ context }) => context.call?.kind === 'insufficient-scope',
    stepsUp: ({ context }) => context.client?.stepsUp ?? false,
    // C-17: retry "a few times" only (the client counts; the conformance suite fails a client past 3).
    underAttemptLimit: ({ context }) => (context.client?.attemptsLeft ?? 0) > 0,
    gotCode: ({ context }) => context.authorization?.kind === 'code',
    gotTokens: ({ context }) => context.token?.kind === 'tokens',
  },
  actions: {
    nextOperation: assign({ opIndex: ({ context }) => context.opIndex + 1, freshTokens: false }),
    succeed: assign({
      outcome: ({ context }) => ({
        kind: 'success' as const,
        result: context.call?.kind === 'ok' ? context.call.result : null,
      }),
    }),
    fail: assign({
      outcome: (_, params: { message: string }) => ({ kind: 'failed' as const, message: params.message }),
    }),
    // The error of the invoked phase that threw (xstate.error.actor.*).
    refuse: assign({
      outcome: ({ event }: { event: object }) => describe('error' in event ? event.error : undefined),
    }),
    tokensObtained: assign({ freshTokens: true }),
    storeToken: assign((_, params: { output: TokenOutcome }) => ({ token: params.output })),
  },
}).createMachine({
  id: 'flow',
  context: ({ input }) => ({
    ...input,
    opIndex: 0,
    freshTokens: false,
  }),
  initial: 'starting',
  states: {
    // Enterprise-managed authorization starts with the user signing in to the client through the
    // company IdP (EXT-EMA §2.1: "User is logged in to MCP Client. Client stores ID Token.").
    starting: {
      always: [{ guard: 'enterpriseGrant', target: 'signingIn' }, { target: 'calling' }],
    },
    signingIn: {
      tags: ['authorization'],
      invoke: {
        id: 'signIn',
        src: 'signIn',
        onDone: 'calling',
        onError: { target: 'failed', actions: 'refuse' },
      },
    },
    calling: {
      tags: ['access'],
      invoke: {
        id: 'perform',
        src: 'perform',
        input: ({ context }) => ({ op: currentOperation(context) }),
        onDone: {
          target: 'routeCall',
          actions: assign(({ event }) => ({ call: event.output.result, client: event.output.state })),
        },
        onError: { target: 'failed', actions: 'refuse' },
      },
    },
    routeCall: {
      always: [
        { guard: and(['callOk', 'moreOperations']), target: 'calling', actions: 'nextOperation' },
        { guard: 'callOk', target: 'succeeded', actions: ['nextOperation', 'succeed'] },
        {
          guard: and(['unauthorized', 'freshTokens']),
          target: 'failed',
          actions: {
            type: 'fail',
            params: {
              message:
                'The server returned 401 right after the client obtained a token: stopping instead of looping.',
            },
          },
        },
        { guard: and(['unauthorized', 'hasRefreshToken']), target: 'refreshing' },
        // Metadata and registration are already known: go straight to a new authorization.
        { guard: and(['unauthorized', 'discovered']), target: 'registering' },
        { guard: 'unauthorized', target: 'discovering' },
        {
          // Before 2025-11-25 (SEP-835) no step-up is defined: the 403 is where the client stops.
          guard: and(['insufficientScope', not('stepsUp')]),
          target: 'failed',
          actions: {
            type: 'fail',
            params: {
              message:
                "The server answered 403 insufficient_scope. This client's revision defines no step-up (it arrived in 2025-11-25), so it stops.",
            },
          },
        },
        { guard: and(['insufficientScope', 'underAttemptLimit']), target: 'steppingUp' },
        {
          guard: 'insufficientScope',
          target: 'failed',
          actions: {
            type: 'fail',
            params: {
              message: 'Still insufficient scope after the retry limit: the client gives up (C-17).',
            },
          },
        },
        {
          target: 'failed',
          actions: {
            type: 'fail',
            // The server's own words (status, JSON-RPC error), never a generic line that hides them.
            params: ({ context }) => ({
              message:
                context.call?.kind === 'error'
                  ? `The MCP server answered with an error: ${context.call.message}`
                  : 'The MCP server returned an unexpected answer.',
            }),
          },
        },
      ],
    },
    discovering: {
      tags: ['discovery'],
      invoke: {
        id: 'discover',
        src: 'discover',
        onDone: { target: 'registering' },
        onError: { target: 'failed', actions: 'refuse' },
      },
    },
    registering: {
      tags: ['registration'],
      invoke: {
        id: 'register',
        src: 'register',
        onDone: [
          { guard: 'machineGrant', target: 'clientCredentials' },
          // EXT-EMA: no authorization request to the MCP authorization server; an ID-JAG instead.
          { guard: 'enterpriseGrant', target: 'exchangingIdentity' },
          { target: 'authorizing' },
        ],
        onError: { target: 'failed', actions: 'refuse' },
      },
    },
    authorizing: {
      tags: ['authorization'],
      invoke: {
        id: 'authorize',
        src: 'authorize',
        onDone: {
          target: 'routeAuthorization',
          actions: assign({ authorization: ({ event }) => event.output }),
        },
        onError: { target: 'failed', actions: 'refuse' },
      },
    },
    routeAuthorization: {
      always: [
        { guard: 'gotCode', target: 'exchanging' },
        {
          target: 'denied',
          actions: assign({
            outcome: ({ context }) =>
              context.authorization?.kind === 'error'
                ? {
                    kind: 'denied' as const,
                    error: context.authorization.error,
                    description: context.authorization.description,
                  }
                : { kind: 'failed' as const, message: 'no authorization response' },
          }),
        },
      ],
    },
    exchanging: {
      tags: ['token'],
      invoke: {
        id: 'exchange',
        src: 'exchange',
        input: ({ context }) => ({
          code: context.authorization?.kind === 'code' ? context.authorization.code : '',
        }),
        onDone: {
          target: 'routeToken',
          actions: { type: 'storeToken', params: ({ event }) => ({ output: event.output }) },
        },
        onError: { target: 'failed', actions: 'refuse' },
      },
    },
    clientCredentials: {
      tags: ['token'],
      invoke: {
        id: 'clientCredentials',
        src: 'clientCredentials',
        onDone: {
          target: 'routeToken',
          actions: { type: 'storeToken', params: ({ event }) => ({ output: event.output }) },
        },
        onError: { target: 'failed', actions: 'refuse' },
      },
    },
    exchangingIdentity: {
      tags: ['token'],
      invoke: {
        id: 'exchangeIdentity',
        src: 'exchangeIdentity',
        onDone: { target: 'routeGrant', actions: assign({ grantOutcome: ({ event }) => event.output }) },
        onError: { target: 'failed', actions: 'refuse' },
      },
    },
    routeGrant: {
      always: [
        { guard: 'gotGrant', target: 'redeemingGrant' },
        {
          target: 'failed',
          actions: assign({
            outcome: ({ context }) => ({
              kind: 'failed' as const,
              message:
                context.grantOutcome?.kind === 'error'
                  ? `The identity provider refused the token exchange: ${context.grantOutcome.error} ${context.grantOutcome.description}`.trim()
                  : 'The identity provider gave no ID-JAG',
            }),
          }),
        },
      ],
    },
    redeemingGrant: {
      tags: ['token'],
      invoke: {
        id: 'redeemGrant',
        src: 'redeemGrant',
        input: ({ context }) => ({
          assertion: context.grantOutcome?.kind === 'grant' ? context.grantOutcome.assertion : '',
        }),
        onDone: {
          target: 'routeToken',
          actions: { type: 'storeToken', params: ({ event }) => ({ output: event.output }) },
        },
        onError: { target: 'failed', actions: 'refuse' },
      },
    },
    routeToken: {
      always: [
        { guard: 'gotTokens', target: 'calling', actions: 'tokensObtained' },
        {
          target: 'failed',
          actions: assign({
            outcome: ({ context }) => ({
              kind: 'failed' as const,
              message:
                context.token?.kind === 'error'
                  ? `Token request failed: ${context.token.error} ${context.token.description}`.trim()
                  : 'Token request failed',
            }),
          }),
        },
      ],
    },
    refreshing: {
      tags: ['token'],
      invoke: {
        id: 'refresh',
        src: 'refresh',
        onDone: {
          target: 'routeRefresh',
          actions: { type: 'storeToken', params: ({ event }) => ({ output: event.output }) },
        },
        onError: { target: 'failed', actions: 'refuse' },
      },
    },
    routeRefresh: {
      // On invalid_grant the client discards its tokens and authorizes from scratch (OAuth 2.1 draft-13
      // §5.3.1 invalid_grant; docs/reference §4.4).
      always: [
        { guard: 'gotTokens', target: 'calling', actions: 'tokensObtained' },
        { target: 'authorizing' },
      ],
    },
    steppingUp: {
      tags: ['access'],
      invoke: {
        id: 'stepUp',
        src: 'stepUp',
        input: ({ context }) => ({ call: context.call }),
        onDone: [
          { guard: ({ event }) => event.output === 'refresh', target: 'refreshing' },
          { guard: 'enterpriseGrant', target: 'exchangingIdentity' },
          { target: 'authorizing' },
        ],
        onError: { target: 'failed', actions: 'refuse' },
      },
    },
    succeeded: { type: 'final' },
    denied: { type: 'final' },
    failed: { type: 'final' },
  },
});

/** The flow machine with its phases: each one a method of this client. */
export function flowWith(client: McpClient) {
  return flowMachine.provide({
    actors: {
      perform: fromPromise<Performed, { op: Operation }>(({ input }) => client.perform(input.op)),
      discover: fromPromise<void, void>(() => client.discover()),
      register: fromPromise<void, void>(() => client.register()),
      authorize: fromPromise<AuthorizationOutcome, void>(() => client.authorize()),
      exchange: fromPromise<TokenOutcome, { code: string }>(({ input }) => client.exchange(input.code)),
      refresh: fromPromise<TokenOutcome, void>(() => client.refresh()),
      clientCredentials: fromPromise<TokenOutcome, void>(() => client.clientCredentials()),
      stepUp: fromPromise<'authorize' | 'refresh' | undefined, { call: OperationResult | undefined }>(
        async ({ input }) =>
          input.call?.kind === 'insufficient-scope' ? client.stepUp(input.call.challenge) : undefined,
      ),
      signIn: fromPromise<void, void>(() => client.signIn()),
      exchangeIdentity: fromPromise<GrantOutcome, void>(() => client.exchangeIdentity()),
      redeemGrant: fromPromise<TokenOutcome, { assertion: string }>(({ input }) =>
        client.redeemGrant(input.assertion),
      ),
    },
  });
}
