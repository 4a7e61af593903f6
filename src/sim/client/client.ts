/**
 * The MCP client, one method per phase of the flow. The flow machine decides which phase comes
 * next from what each returns; the methods do the work and record it. Everything the client knows
 * lives in its session; everything it does goes through `deps`, so it runs unchanged on a real wire.
 */
import { check } from '../trace/check';
import type { Rng } from '../world/random';
import { prepareAuthorization, validateCallback } from './authorization';
import type { AuthorizationOutcome } from './authorization';
import { discoverAuthorizationServer, discoverResource } from './discovery';
import { discoverAtOrigin } from './originDiscovery';
import { applies, clientRevision } from './revision';
import { hasClause, transportOf } from '../revisions/profile';
import { LATEST_REVISION } from '../revisions/ids';
import { closeLegacy } from './legacy';
import { callMcp } from './mcp';
import { ensureRegistration } from './registration';
import { createSession } from './session';
import type { ClientContext } from './session';
import { exchangeIdentity, redeemGrant, signIn } from './enterprise';
import type { GrantOutcome } from './enterprise';
import { clientCredentialsGrant, exchangeCode, refreshTokens } from './tokens';
import type { TokenOutcome } from './tokens';
import { ClientRefusal } from './types';
import type { CallResult, ClientConfig, ClientDeps, Operation } from './types';
import type { BearerChallenge } from './wwwAuthenticate';

export type OperationResult = CallResult | { kind: 'waited' };

/** What the client knows that decides its next phase: reported with each call, owned by the session. */
export interface ClientState {
  /** Discovery produced metadata the client trusts. */
  discovered: boolean;
  /** The client holds a refresh token. */
  refreshable: boolean;
  /** C-17: authorizations this operation may still start before the client gives up. */
  attemptsLeft: number;
  /** C-17: the client's revision has step-up on insufficient_scope (2025-11-25, SEP-835). */
  stepsUp: boolean;
}

export interface Performed {
  result: OperationResult;
  state: ClientState;
}

export class McpClient {
  readonly ctx: ClientContext;

  constructor(
    deps: ClientDeps,
    config: ClientConfig,
    private readonly rng: Rng,
  ) {
    this.ctx = {
      deps,
      config,
      // A client of a revision before 2026-07-28 knows only initialize and sessions (S-40).
      session: createSession(
        config.legacyVersions,
        transportOf(config.revision ?? LATEST_REVISION) === 'sessions' ? 'legacy' : 'unknown',
      ),
      rng,
    };
  }

  get session() {
    return this.ctx.session;
  }

  async perform(op: Operation): Promise<Performed> {
    const result = await this.call(op);
    return { result, state: this.state() };
  }

  private async call(op: Operation): Promise<OperationResult> {
    if (op.kind === 'wait') {
      await this.ctx.deps.wait?.(op.seconds);
      return { kind: 'waited' };
    }
    const result = await callMcp(this.ctx, op.method, op.params);
    if (result.kind === 'unauthorized') this.session.challenge = result.challenge;
    // C-17: the count of authorizations is per operation; one that succeeds starts it again.
    if (result.kind === 'ok') this.session.authorizations = 0;
    return result;
  }

  state(): ClientState {
    return {
      discovered: this.session.metadata !== undefined,
      refreshable: this.session.tokens?.refresh_token !== undefined,
      attemptsLeft: this.ctx.config.maxAuthorizations - this.session.authorizations,
      stepsUp: applies(this.ctx, 'C-17'),
    };
  }

  /** Ends what the client holds open with the server (a legacy session and its stream). */
  close(): Promise<void> {
    return closeLegacy(this.ctx);
  }

  async discover(): Promise<void> {
    // 2025-03-26 (C-60): no protected resource metadata; the authorization server is at the MCP
    // server's origin. A later client that also speaks 2025-03-26 gets there when it finds none.
    const prm = applies(this.ctx, 'C-01') ? await discoverResource(this.ctx) : undefined;
    if (!prm) {
      this.session.metadata = await discoverAtOrigin(this.ctx);
      this.session.issuer = this.session.metadata.issuer;
      return;
    }
    this.session.prm = prm;
    // RFC 9728 §7.6: the client chooses among the listed servers; like the SDKs, it takes the first.
    const issuer = prm.authorization_servers[0];
    if (!issuer) throw new ClientRefusal('S-01', 'The metadata lists no authorization server');
    this.session.metadata = await discoverAuthorizationServer(this.ctx, issuer);
    this.session.issuer = this.session.metadata.issuer;
  }

  async register(): Promise<void> {
    await ensureRegistration(this.ctx);
  }

  private credentials() {
    const issuer = this.session.metadata?.issuer;
    const credentials = issuer ? this.session.registrations.get(issuer) : undefined;
    if (!credentials) throw new ClientRefusal('C-08', 'No client_id for this authorization server');
    return credentials;
  }

  async authorize(): Promise<AuthorizationOutcome> {
    const pending = await prepareAuthorization(this.ctx, this.rng, this.credentials());
    await this.ctx.deps.note({
      kind: 'handoff',
      stepId: 'open-browser',
      to: 'browser',
      title: 'Open the authorization URL',
      outcome: 'ok',
      // C-51 (SBP, 2026-07-28): open only https URLs, never through a shell.
      ...(applies(this.ctx, 'C-51') ? { rule: 'C-51' as const } : {}),
      detail: {
        summary: "The client hands the authorization URL to the user's browser.",
        values: { url: pending.url },
      },
    });
    const result = await this.ctx.deps.openBrowser(pending.url);
    if (result.kind === 'no-callback')
      return { kind: 'error', error: 'no_callback', description: result.reason };
    return validateCallback(this.ctx, result.url);
  }

  exchange(code: string): Promise<TokenOutcome> {
    return exchangeCode(this.ctx, this.credentials(), code);
  }

  refresh(): Promise<TokenOutcome> {
    return refreshTokens(this.ctx, this.credentials());
  }

  clientCredentials(): Promise<TokenOutcome> {
    return clientCredentialsGrant(this.ctx, this.credentials());
  }

  /** Enterprise-managed authorization: single sign-on with the company IdP (C-73). */
  signIn(): Promise<void> {
    return signIn(this.ctx);
  }

  /** The ID token for an ID-JAG at the IdP (C-74). */
  exchangeIdentity(): Promise<GrantOutcome> {
    return exchangeIdentity(this.ctx);
  }

  /** The ID-JAG for an access token at the MCP authorization server (C-75). */
  redeemGrant(assertion: string): Promise<TokenOutcome> {
    return redeemGrant(this.ctx, this.credentials(), assertion);
  }

  /**
   * C-16/C-17: the challenged scopes join the ones already requested; the next authorization asks
   * for all. Returns how the client goes on: a new authorization, or (the named fault
   * `client-step-up-refresh`, typescript-sdk issue 2255) a refresh, which cannot widen the scope
   * (OAuth 2.1 §4.3.1) and so brings the same 403 back; each such try counts against C-17's limit.
   */
  async stepUp(challenge: BearerChallenge): Promise<'authorize' | 'refresh'> {
    this.session.challenge = challenge;
    const before = this.session.requestedScopes;
    const challenged = challenge.scope?.split(' ') ?? [];
    const attempt = `Attempt ${this.session.authorizations + 1} of ${this.ctx.config.maxAuthorizations}.`;
    if (!this.ctx.config.checks.stepUp && this.session.tokens?.refresh_token !== undefined) {
      this.session.authorizations++;
      await this.ctx.deps.note({
        kind: 'internal',
        stepId: 'step-up',
        title: 'Not checked: step up with a new authorization',
        outcome: 'ok',
        rule: 'C-17',
        detail: {
          summary: `The server needs ${challenge.scope ?? '(unspecified)'}. This client refreshes its token instead of asking the user again: a refresh keeps the scope it had. ${attempt}`,
          values: { held: before.join(' ') || '(none)', challenged: challenge.scope ?? '(none)' },
          checks: [
            check(
              'C-17',
              'Step up with a new authorization',
              false,
              `it refreshes for ${before.join(' ') || '(the same scope)'}, which cannot add ${challenge.scope ?? 'the missing scope'}`,
              false,
            ),
          ],
        },
      });
      return 'refresh';
    }
    // C-16: the union is 2026-07-28's (SEP-2350); a client of 2025-11-25 asks for the challenge's scopes.
    if (!hasClause(clientRevision(this.ctx), 'scope-union')) {
      await this.ctx.deps.note({
        kind: 'internal',
        stepId: 'step-up',
        title: `Re-authorize for ${challenged.join(' ')}`,
        outcome: 'ok',
        rule: 'C-16',
        detail: {
          summary: `The server needs ${challenge.scope ?? '(unspecified)'}, and the challenged scopes are authoritative for this request. This revision does not ask the client to keep what it had: it asks for the challenged scopes alone, in a new authorization request, and what it held before (${before.join(' ') || 'nothing'}) is not asked for again. ${attempt}`,
          values: {
            previously_requested: before.join(' ') || '(none)',
            challenged: challenge.scope ?? '(none)',
          },
        },
      });
      return 'authorize';
    }
    const union = [...new Set([...before, ...challenged])];
    await this.ctx.deps.note({
      kind: 'internal',
      stepId: 'step-up',
      title: `Re-authorize for ${union.join(' ')}`,
      outcome: 'ok',
      rule: 'C-16',
      detail: {
        summary: `The server needs ${challenge.scope ?? '(unspecified)'}. The client keeps what it had and asks for the union, in a new authorization request: a refresh cannot widen scope. ${attempt}`,
        values: {
          previously_requested: before.join(' ') || '(none)',
          challenged: challenge.scope ?? '(none)',
          union: union.join(' '),
        },
      },
    });
    return 'authorize';
  }
}
