/**
 * The flow machine: which phase of MCP authorization the client is in, and which comes next. Each
 * phase state invokes one client method; the `route*` states read what it returned and pick the
 * next phase, so every decision the spec prescribes (401 → discover, 403 insufficient_scope → step
 * up, invalid_grant on refresh → authorize again, a retry limit) is a transition you can see here.
 */
import { and, assign, fromPromise, setup } from 'xstate';
import type { AuthorizationOutcome } from '../client/authorization';
import type { McpClient, OperationResult } from '../client/client';
import type { TokenOutcome } from '../client/tokens';
import { ClientRefusal } from '../client/types';
import type { Operation } from '../client/types';
import type { RuleId } from '../rules';

export type FlowOutcome =
  | { kind: 'success'; result: unknown }
  | { kind: 'refused'; rule?: RuleId; message: string }
  | { kind: 'denied'; error: string; description: string }
  | { kind: 'failed'; message: string };

export interface FlowInput {
  client: McpClient;
  operations: Operation[];
  grant: 'authorization_code' | 'client_credentials';
  /** C-17: how many authorizations one operation may trigger before the client gives up. */
  maxAttempts: number;
}

export interface FlowContext extends FlowInput {
  opIndex: number;
  /** Discovery has produced metadata the client trusts. */
  discovered: boolean;
  /** The client holds a refresh token. */
  refreshable: boolean;
  /** Authorizations started for the current operation. */
  attempts: number;
  call?: OperationResult;
  authorization?: AuthorizationOutcome;
  token?: TokenOutcome;
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

export const flowMachine = setup({
  types: {
    context: {} as FlowContext,
    input: {} as FlowInput,
  },
  actors: {
    perform: fromPromise<OperationResult, { client: McpClient; op: Operation }>(({ input }) =>
      input.client.perform(input.op),
    ),
    discover: fromPromise<void, { client: McpClient }>(({ input }) => input.client.discover()),
    register: fromPromise<void, { client: McpClient }>(({ input }) => input.client.register()),
    authorize: fromPromise<AuthorizationOutcome, { client: McpClient }>(({ input }) =>
      input.client.authorize(),
    ),
    exchange: fromPromise<TokenOutcome, { client: McpClient; code: string }>(({ input }) =>
      input.client.exchange(input.code),
    ),
    refresh: fromPromise<TokenOutcome, { client: McpClient }>(({ input }) => input.client.refresh()),
    clientCredentials: fromPromise<TokenOutcome, { client: McpClient }>(({ input }) =>
      input.client.clientCredentials(),
    ),
    stepUp: fromPromise<void, { client: McpClient; call: OperationResult | undefined }>(async ({ input }) => {
      if (input.call?.kind === 'insufficient-scope') await input.client.stepUp(input.call.challenge);
    }),
  },
  guards: {
    callOk: ({ context }) => context.call?.kind === 'ok' || context.call?.kind === 'waited',
    moreOperations: ({ context }) => context.opIndex + 1 < context.operations.length,
    unauthorized: ({ context }) => context.call?.kind === 'unauthorized',
    freshTokens: ({ context }) => context.freshTokens,
    hasRefreshToken: ({ context }) => context.refreshable,
    discovered: ({ context }) => context.discovered,
    machineGrant: ({ context }) => context.grant === 'client_credentials',
    insufficientScope: ({ context }) => context.call?.kind === 'insufficient-scope',
    // C-17: retry "a few times" only; the conformance suite fails a client past 3 attempts.
    underAttemptLimit: ({ context }) => context.attempts < context.maxAttempts,
    gotCode: ({ context }) => context.authorization?.kind === 'code',
    gotTokens: ({ context }) => context.token?.kind === 'tokens',
  },
  actions: {
    nextOperation: assign({ opIndex: ({ context }) => context.opIndex + 1, freshTokens: false, attempts: 0 }),
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
    storeToken: assign((_, params: { output: TokenOutcome }) => ({
      token: params.output,
      refreshable: params.output.kind === 'tokens' && params.output.tokens.refresh_token !== undefined,
    })),
    countAttempt: assign({ attempts: ({ context }) => context.attempts + 1 }),
    markDiscovered: assign({ discovered: true }),
  },
}).createMachine({
  id: 'flow',
  context: ({ input }) => ({
    ...input,
    opIndex: 0,
    freshTokens: false,
    discovered: false,
    refreshable: false,
    attempts: 0,
  }),
  initial: 'calling',
  states: {
    calling: {
      tags: ['access'],
      invoke: {
        id: 'perform',
        src: 'perform',
        input: ({ context }) => ({ client: context.client, op: currentOperation(context) }),
        onDone: {
          target: 'routeCall',
          actions: assign({ call: ({ event }: { event: { output: OperationResult } }) => event.output }),
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
        input: ({ context }) => ({ client: context.client }),
        onDone: { target: 'registering', actions: 'markDiscovered' },
        onError: { target: 'failed', actions: 'refuse' },
      },
    },
    registering: {
      tags: ['registration'],
      invoke: {
        id: 'register',
        src: 'register',
        input: ({ context }) => ({ client: context.client }),
        onDone: [{ guard: 'machineGrant', target: 'clientCredentials' }, { target: 'authorizing' }],
        onError: { target: 'failed', actions: 'refuse' },
      },
    },
    authorizing: {
      tags: ['authorization'],
      entry: 'countAttempt',
      invoke: {
        id: 'authorize',
        src: 'authorize',
        input: ({ context }) => ({ client: context.client }),
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
          client: context.client,
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
        input: ({ context }) => ({ client: context.client }),
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
        input: ({ context }) => ({ client: context.client }),
        onDone: {
          target: 'routeRefresh',
          actions: { type: 'storeToken', params: ({ event }) => ({ output: event.output }) },
        },
        onError: { target: 'failed', actions: 'refuse' },
      },
    },
    routeRefresh: {
      // On invalid_grant the client discards its tokens and authorizes from scratch (spec §4.4).
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
        input: ({ context }) => ({ client: context.client, call: context.call }),
        onDone: 'authorizing',
        onError: { target: 'failed', actions: 'refuse' },
      },
    },
    succeeded: { type: 'final' },
    denied: { type: 'final' },
    failed: { type: 'final' },
  },
});
