/**
 * A recording becomes a trace the simulator's views draw: each exchange a request and a response
 * on the lanes roles.ts found, with the step it is, and on each message the checks of
 * src/sim/checks that apply to it, with their expectations taken from earlier messages (flow.ts).
 */
import {
  asMetadataChecks,
  asMetadataServerChecks,
  documentOf,
  prmChecks,
  prmServerChecks,
} from '../checks/discovery';
import { authorizationRequestChecks, callbackChecks, scopeCheck } from '../checks/authorization';
import { authorizationResponseChecks, registrationChecks } from '../checks/authorizationServer';
import {
  acceptanceChecks,
  challengeChecks,
  clientTokenUseCheck,
  credentialsOf,
  tokenOf,
} from '../checks/resourceServer';
import {
  codeReuseCheck,
  pkceRedemptionCheck,
  redirectBindingCheck,
  refreshReuseCheck,
  refreshRotationCheck,
  tokenRequestChecks,
  tokenResponseChecks,
} from '../checks/tokens';
import { isLoopbackHttpUrl } from '../checks/urls';
import { isRecord, stringArray } from '../client/json';
import { parseBearerChallenge } from '../client/wwwAuthenticate';
import { check, withFix } from '../trace/check';
import type { Check, RequestEvent, ResponseEvent, TraceEvent } from '../trace/types';
import { headerValue } from '../trace/types';
import { emptyFlow } from './flow';
import type { FlowState, SeenAuthorization, SeenMetadata } from './flow';
import type { HarExchange } from './parse';
import { endpointOf, findParties, issuerOfMetadataUrl, place, prmSourceOf } from './roles';
import type { BrowserState, Parties, Placement } from './roles';
import { stoppedCheck, wentOnChecks } from './wentOn';

/** Exchanges drawn at most: the diagram stays readable and quick (the bench measures 100 messages). */
export const MAX_EXCHANGES = 300;

export interface Analysis {
  trace: TraceEvent[];
  /** What was left out or could not be read, in sentences. */
  notes: string[];
  /** The recording's Authorization and Cookie headers were removed (a "sanitized" export). */
  sanitized: boolean;
  parties: Parties;
  /** How many exchanges were no part of the flow. */
  unrelated: number;
}

interface Message {
  request: RequestEvent;
  response: ResponseEvent;
  requestChecks: Check[];
  responseChecks: Check[];
}

function jsonObject(text: string | null): Record<string, unknown> | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function formOf(e: HarExchange): URLSearchParams {
  return e.requestBody === null ? new URLSearchParams() : new URLSearchParams(e.requestBody);
}

function rpcMethod(e: HarExchange): string {
  const body = jsonObject(e.requestBody);
  return typeof body?.method === 'string' ? body.method : (headerValue(e.requestHeaders, 'mcp-method') ?? '');
}

function locationOf(e: HarExchange): URL | null {
  const location = headerValue(e.responseHeaders, 'location');
  if (!location || e.status < 300 || e.status >= 400) return null;
  try {
    return new URL(location, e.url);
  } catch {
    return null;
  }
}

/** The latest authorization request that named this redirect URI. */
function authorizationFor(flow: FlowState, redirect: string): SeenAuthorization | undefined {
  return flow.authorizations.findLast((a) => endpointOf(a.params.get('redirect_uri') ?? '') === redirect);
}

function metadataFor(flow: FlowState, url: string): SeenMetadata | undefined {
  const endpoint = endpointOf(url);
  return [...flow.metadata.values()].find((m) => m.endpoints.has(endpoint));
}

const PRM_KEY = 'prm';
const metadataKey = (issuer: string) => `metadata ${issuer}`;

/** Went-on checks for a request that uses what failed (the failures under `key`), taken once. */
function takePending(flow: FlowState, using: string, key: string): Check[] {
  const matched = flow.pending.filter((p) => p.key === key);
  flow.pending = flow.pending.filter((p) => p.key !== key);
  return matched.flatMap((p) => wentOnChecks(p, using));
}

/** Records what a document failed, replacing what an earlier copy of it failed. */
function setPending(flow: FlowState, key: string, failures: Check[], seq: number, what: string): void {
  flow.pending = flow.pending.filter((p) => p.key !== key);
  if (failures.length > 0) flow.pending.push({ key, checks: failures, seq, what });
}

class Walk {
  readonly flow = emptyFlow();
  readonly messages: Message[] = [];
  private readonly allowLoopbackHttp: boolean;
  private readonly metadataAtWellKnown: boolean;

  constructor(
    private readonly parties: Parties,
    private readonly sanitized: boolean,
    exchanges: readonly HarExchange[],
  ) {
    this.allowLoopbackHttp = [...parties.mcp].some(isLoopbackHttpUrl);
    this.metadataAtWellKnown = exchanges.some(
      (e) => prmSourceOf(e.url, undefined) !== null && documentOf(e.status, e.responseBody) !== undefined,
    );
  }

  async add(e: HarExchange, placed: Placement, message: Message): Promise<void> {
    this.messages.push(message);
    switch (placed.role) {
      case 'mcp':
        return this.mcp(e, message);
      case 'prm':
        return this.prm(e, message);
      case 'as-metadata':
        return this.asMetadata(e, message);
      case 'register':
        return this.register(e, message);
      case 'authorize':
        return this.authorize(e, message);
      case 'browser-as':
        return this.browserAs(e, message);
      case 'callback':
        return this.callback(e, message);
      case 'token':
        return this.token(e, message);
    }
  }

  private mcp(e: HarExchange, m: Message): void {
    const credentials = credentialsOf(e.url, e.requestHeaders);
    const method = rpcMethod(e);
    if (credentials === 'query' || (this.flow.holdsToken && !(this.sanitized && credentials === 'none')))
      m.requestChecks.push(clientTokenUseCheck(credentials));
    m.responseChecks.push(
      ...challengeChecks(e.status, e.responseHeaders, {
        credentials,
        metadataAtWellKnown: this.metadataAtWellKnown,
      }),
    );
    m.responseChecks.push(
      ...acceptanceChecks(e.status, {
        credentials,
        token: tokenOf(e.url, e.requestHeaders),
        resource: this.flow.prm?.resource,
        at: e.started / 1000,
      }),
    );
    const accepted = e.status >= 200 && e.status < 300;
    if (
      credentials === 'none' &&
      accepted &&
      method &&
      this.flow.protectedMethods.has(method) &&
      !this.sanitized
    ) {
      m.responseChecks.push(
        withFix(
          check(
            'S-10',
            'No data without a token',
            false,
            `${method} was refused without a token earlier, and now answered ${e.status} to a request with none`,
          ),
          'Validate the token before processing every request, and answer 401 with the challenge when there is none.',
        ),
      );
    }
    if (e.status === 401 && credentials !== 'bearer' && method) this.flow.protectedMethods.add(method);
    const challenge = parseBearerChallenge(headerValue(e.responseHeaders, 'www-authenticate') ?? null);
    if ((e.status === 401 || e.status === 403) && challenge?.scope)
      this.flow.challengedScope = challenge.scope;
  }

  private prm(e: HarExchange, m: Message): void {
    const doc = documentOf(e.status, e.responseBody);
    if (!doc) return;
    const source = prmSourceOf(e.url, this.parties.challengedPrm.get(e.url)) ?? undefined;
    const checks = prmChecks({ doc, source, serverUrl: source?.expected ?? e.url });
    m.responseChecks.push(...checks, ...prmServerChecks(doc));
    const failures = checks.filter((c) => c.status === 'fail');
    setPending(this.flow, PRM_KEY, failures, m.response.seq, 'The protected resource metadata');
    this.flow.prm = {
      seq: m.response.seq,
      resource: typeof doc.resource === 'string' ? doc.resource : undefined,
      scopes: stringArray(doc.scopes_supported),
      failures,
    };
  }

  private asMetadata(e: HarExchange, m: Message): void {
    const doc = documentOf(e.status, e.responseBody);
    const issuer = issuerOfMetadataUrl(e.url);
    if (!doc || issuer === null) return;
    m.requestChecks.push(...takePending(this.flow, "fetched the authorization server's metadata", PRM_KEY));
    const checks = asMetadataChecks({
      doc,
      issuer,
      allowLoopbackHttp: this.allowLoopbackHttp || isLoopbackHttpUrl(e.url),
    });
    m.responseChecks.push(...checks, ...asMetadataServerChecks(doc));
    const failures = checks.filter((c) => c.status === 'fail');
    setPending(this.flow, metadataKey(issuer), failures, m.response.seq, `The metadata of ${issuer}`);
    const endpoints = new Set<string>();
    for (const field of ['authorization_endpoint', 'token_endpoint', 'registration_endpoint']) {
      const value = doc[field];
      if (typeof value === 'string' && URL.canParse(value)) endpoints.add(endpointOf(value));
    }
    this.flow.metadata.set(issuer, {
      seq: m.response.seq,
      issuer,
      issAdvertised: doc.authorization_response_iss_parameter_supported === true,
      scopes: stringArray(doc.scopes_supported),
      endpoints,
      failures,
    });
  }

  /** Went-on checks for a request to an authorization server: its metadata's failures, and the PRM's. */
  private usingMetadata(url: string, using: string): Check[] {
    const metadata = metadataFor(this.flow, url);
    const prm = takePending(this.flow, using, PRM_KEY);
    const own = metadata ? takePending(this.flow, using, metadataKey(metadata.issuer)) : [];
    return [...prm, ...own];
  }

  private register(e: HarExchange, m: Message): void {
    m.requestChecks.push(...this.usingMetadata(e.url, 'registered with the authorization server'));
    const body = jsonObject(e.requestBody);
    if (!body) return;
    const accepted = e.status >= 200 && e.status < 300;
    m.requestChecks.push(...registrationChecks(body, accepted));
    const response = jsonObject(e.responseBody);
    if (accepted && typeof response?.client_id === 'string') {
      this.flow.registrations.set(response.client_id, {
        seq: m.response.seq,
        redirectUris: stringArray(response.redirect_uris) ?? stringArray(body.redirect_uris) ?? [],
        public: (response.token_endpoint_auth_method ?? body.token_endpoint_auth_method) === 'none',
      });
    }
  }

  private authorize(e: HarExchange, m: Message): void {
    const params = new URL(e.url).searchParams;
    const metadata = metadataFor(this.flow, e.url);
    m.requestChecks.push(...this.usingMetadata(e.url, 'sent the user to the authorization endpoint'));
    m.requestChecks.push(...authorizationRequestChecks(params, this.flow.prm?.resource));
    const allowed = this.allowedScopes(metadata);
    if (allowed) m.requestChecks.push(scopeCheck(params.get('scope'), allowed.scopes, allowed.from));
    for (const s of (params.get('scope') ?? '').split(' ').filter(Boolean)) this.flow.requestedScopes.add(s);
    const authorization = { seq: m.request.seq, params, metadata };
    this.flow.authorizations.push(authorization);
    this.authorizationResponse(e, m, authorization, true);
  }

  /** C-15: the challenge's scopes with those asked before (C-16), else the resource's; offline_access if the AS lists it (C-42). */
  private allowedScopes(metadata: SeenMetadata | undefined) {
    const extra = metadata?.scopes?.includes('offline_access') ? ['offline_access'] : [];
    if (this.flow.challengedScope) {
      const scopes = [
        ...new Set([...this.flow.challengedScope.split(' '), ...this.flow.requestedScopes, ...extra]),
      ];
      return { scopes, from: 'the challenge' as const };
    }
    const supported = this.flow.prm?.scopes;
    return supported ? { scopes: [...supported, ...extra], from: 'scopes_supported' as const } : null;
  }

  /** A redirect back to the client: the authorization response, checked as the server's answer. */
  private authorizationResponse(
    e: HarExchange,
    m: Message,
    authorization: SeenAuthorization | undefined,
    direct: boolean,
  ): void {
    const location = locationOf(e);
    if (!location || !authorization) return;
    const redirect = authorization.params.get('redirect_uri');
    if (redirect === null || endpointOf(location.href) !== endpointOf(redirect)) {
      // Redirected elsewhere than the redirect_uri asked for: only the registration can say whether
      // that is allowed, and A-12 reads it.
      if (!this.parties.redirectUris.has(endpointOf(location.href))) return;
    }
    const clientId = authorization.params.get('client_id') ?? '';
    const registration = this.flow.registrations.get(clientId);
    m.responseChecks.push(
      ...authorizationResponseChecks({
        request: authorization.params,
        location,
        issAdvertised: authorization.metadata?.issAdvertised,
        registered: registration?.redirectUris,
        selfRegistered: registration !== undefined,
        direct,
      }),
    );
  }

  private browserAs(e: HarExchange, m: Message): void {
    const location = locationOf(e);
    if (!location) return;
    this.authorizationResponse(e, m, authorizationFor(this.flow, endpointOf(location.href)), false);
  }

  private callback(e: HarExchange, m: Message): void {
    const url = new URL(e.url);
    const params = url.searchParams;
    const authorization = authorizationFor(this.flow, endpointOf(e.url));
    // The issuer the client recorded (C-18): that of the metadata whose endpoint it used, or the
    // only authorization server in the recording.
    const metadata =
      authorization?.metadata ??
      (this.flow.metadata.size === 1 ? [...this.flow.metadata.values()][0] : undefined);
    const checks = metadata
      ? callbackChecks(
          {
            state: authorization?.params.get('state') ?? undefined,
            issuer: metadata.issuer,
            issSupported: metadata.issAdvertised,
          },
          params,
        )
      : [];
    m.requestChecks.push(...checks);
    if (!authorization) {
      // The browser's request is not in the recording (the user's own browser): its answer is.
      m.requestChecks.push(
        ...authorizationResponseChecks({
          request: new URLSearchParams(),
          location: url,
          issAdvertised: metadata?.issAdvertised,
          registered: undefined,
          selfRegistered: false,
          direct: false,
        }).filter((c) => c.rule === 'A-08' || c.rule === 'A-09'),
      );
    }
    const code = params.get('code');
    if (code !== null) {
      this.flow.codes.set(code, {
        authorization,
        failures: checks.filter((c) => c.status === 'fail'),
        callbackSeq: m.request.seq,
      });
    }
  }

  private async token(e: HarExchange, m: Message): Promise<void> {
    const form = formOf(e);
    const grant = form.get('grant_type');
    m.requestChecks.push(...this.usingMetadata(e.url, 'asked for a token'));
    const body = jsonObject(e.responseBody);
    const issued = e.status >= 200 && e.status < 300 && typeof body?.access_token === 'string';
    const clientAuth =
      headerValue(e.requestHeaders, 'authorization') !== undefined ||
      form.has('client_secret') ||
      form.has('client_assertion');
    const publicClient = !clientAuth && !this.sanitized;
    if (grant === 'authorization_code') {
      const code = form.get('code') ?? '';
      const seen = this.flow.codes.get(code);
      const authorization = seen?.authorization;
      if (seen && seen.failures.length > 0) {
        m.requestChecks.push(
          ...wentOnChecks(
            {
              key: 'callback',
              checks: seen.failures,
              seq: seen.callbackSeq,
              what: 'The authorization response',
            },
            'sent its code to the token endpoint',
          ),
        );
        seen.failures = [];
      }
      const challenge = authorization?.params.get('code_challenge') ?? null;
      m.requestChecks.push(
        ...tokenRequestChecks(form, {
          resource: this.flow.prm?.resource,
          challengeSent: authorization ? challenge !== null : undefined,
        }),
      );
      if (seen?.redeemed) m.responseChecks.push(codeReuseCheck(issued, seen.redeemed.seq + 1));
      if (issued && challenge !== null) {
        const method = authorization?.params.get('code_challenge_method') ?? 'plain';
        m.responseChecks.push(
          await pkceRedemptionCheck({ value: challenge, method }, form.get('code_verifier')),
        );
      }
      const bound = authorization?.params.get('redirect_uri');
      const sent = form.get('redirect_uri');
      if (bound && sent !== null && issued) m.responseChecks.push(redirectBindingCheck(issued, sent, bound));
      if (seen && !seen.redeemed) seen.redeemed = { seq: m.request.seq, ok: issued };
    } else {
      m.requestChecks.push(
        ...tokenRequestChecks(form, { resource: this.flow.prm?.resource, challengeSent: undefined }),
      );
    }
    if (grant === 'refresh_token') {
      const sent = form.get('refresh_token') ?? '';
      const before = this.flow.refreshTokens.get(sent);
      if (before) m.responseChecks.push(refreshReuseCheck(issued, before.seq + 1));
      else this.flow.refreshTokens.set(sent, { seq: m.request.seq, ok: issued });
      if (issued && body && publicClient) m.responseChecks.push(refreshRotationCheck(sent, body));
    }
    if (issued && body) {
      m.responseChecks.push(
        ...tokenResponseChecks(e.responseHeaders, body, { resource: form.get('resource') ?? undefined }),
      );
      this.flow.holdsToken = true;
    }
  }

  /** The failed client checks the client never went on from: it stopped, as it must. */
  finish(): void {
    for (const failure of this.flow.pending) {
      const message = this.messages.find((x) => x.response.seq === failure.seq);
      message?.responseChecks.push(...stoppedCheck(failure));
    }
    for (const code of this.flow.codes.values()) {
      if (code.failures.length === 0) continue;
      const message = this.messages.find((x) => x.request.seq === code.callbackSeq);
      message?.requestChecks.push(
        ...stoppedCheck({
          key: 'callback',
          checks: code.failures,
          seq: code.callbackSeq,
          what: 'The authorization response',
        }),
      );
    }
  }
}

/** Credentials removed by the exporter: Chromium's "sanitized" HAR drops Authorization and cookies. */
function isSanitized(exchanges: readonly HarExchange[], creator: string | null): boolean {
  const any = (names: string[]) =>
    exchanges.some((e) =>
      [...e.requestHeaders, ...e.responseHeaders].some(([n]) => names.includes(n.toLowerCase())),
    );
  const tokens = exchanges.some((e) => typeof jsonObject(e.responseBody)?.access_token === 'string');
  return creator === 'WebInspector' && tokens && !any(['authorization', 'cookie', 'set-cookie']);
}

function withFindings<E extends RequestEvent | ResponseEvent>(event: E, checks: Check[]): E {
  if (checks.length === 0) return event;
  const failed = checks.find((c) => c.status === 'fail');
  return { ...event, checks, ...(failed ? { rule: failed.rule } : {}) };
}

/** The recording as a trace, with the checks on its messages. */
export async function analyse(exchanges: readonly HarExchange[], creator: string | null): Promise<Analysis> {
  const parties = findParties(exchanges);
  const sanitized = isSanitized(exchanges, creator);
  const walk = new Walk(parties, sanitized, exchanges);
  const browser: BrowserState = { inAuthorization: false, nextHop: null };
  const notes: string[] = [];
  let unrelated = 0;
  let at = 0;
  for (const e of exchanges) {
    const placed = place(e, parties, browser);
    if (!placed) {
      unrelated++;
      continue;
    }
    if (walk.messages.length >= MAX_EXCHANGES) {
      notes.push(`Only the first ${MAX_EXCHANGES} exchanges of the flow are drawn.`);
      break;
    }
    if (Number.isFinite(e.started)) at = e.started / 1000;
    const exchange = walk.messages.length;
    const seq = exchange * 2;
    const request = { method: e.method, url: e.url, headers: e.requestHeaders, body: e.requestBody };
    const message: Message = {
      request: {
        kind: 'request',
        seq,
        at,
        exchange,
        stepId: placed.stepId,
        from: placed.from,
        to: placed.to,
        request,
      },
      response: {
        kind: 'response',
        seq: seq + 1,
        at,
        exchange,
        stepId: placed.stepId,
        from: placed.to,
        to: placed.from,
        request,
        response:
          e.status === 0
            ? null
            : {
                status: e.status,
                statusText: e.statusText,
                headers: e.responseHeaders,
                body: e.responseBody,
              },
        ...(e.status === 0
          ? { error: 'no response was recorded (a network error, or the request was blocked)' }
          : {}),
      },
      requestChecks: [],
      responseChecks: [],
    };
    await walk.add(e, placed, message);
    // The browser's part: from the authorization request to the callback, following redirects.
    if (placed.role === 'authorize') browser.inAuthorization = true;
    if (placed.role === 'callback') browser.inAuthorization = false;
    if (placed.from === 'browser') browser.nextHop = locationOf(e)?.href ?? null;
  }
  walk.finish();
  const trace = walk.messages.flatMap((m) => [
    withFindings(m.request, m.requestChecks),
    withFindings(m.response, m.responseChecks),
  ]);
  if (sanitized)
    notes.push(
      'This HAR was exported "sanitized": its Authorization headers and cookies were removed, so whether each request carried the token cannot be checked. In Chromium, export with "Export HAR (with sensitive data)" to check it.',
    );
  return { trace, notes, sanitized, parties, unrelated };
}
