/**
 * Predict, then see: one question about the message Next is about to show, generated from the run
 * so far and the step table, so every scenario, registration and attack gets questions without one
 * written per step. Which question a message gets depends only on what is known before it (its step,
 * which side of an exchange it is, and the seed): never on its outcome, which would give the answer
 * away. The options are claims (claims.ts) drawn from what the run has shown (the challenge's scope,
 * the URLs discovery may try, the lanes in play) with the real message's own value among them; the
 * right option is whichever holds for the real message, and no other may (the tests run every
 * question of every run against the trace). A few kinds carry a hand-written note on a subtle point.
 */
import { PARTIES } from '../parties';
import { CORE_LANES } from '../parties';
import type { Lane } from '../lanes';
import type { RuleId } from '../rules';
import { STEPS } from '../steps';
import type { Phase } from '../steps';
import { parseBearerChallenge } from '../client/wwwAuthenticate';
import type { TraceEvent } from '../trace/types';
import { headerValue } from '../trace/types';
import { asMetadataUrls, prmUrlFor } from '../world/urls';
import { createRng, shuffle } from '../world/random';
import type { Rng } from '../world/random';
import { STATUS_TEXT } from '../network/wire';
import {
  audOf,
  challengeErrorOf,
  grantResult,
  holds,
  jsonOf,
  normalScope,
  returnedParams,
  rotationOf,
} from './claims';
import type { Claim, Message } from './claims';

export type PredictionKind =
  | 'route'
  | 'status'
  | 'first-failure'
  | 'discovery-url'
  | 'scope'
  | 'exchange'
  | 'aud'
  | 'challenge-error'
  | 'returned'
  | 'rotation';

export interface PredictionOption {
  id: string;
  text: string;
  claim: Claim;
}

export interface Prediction {
  /** Stable for a position of a run: `<position>:<kind>`. */
  id: string;
  kind: PredictionKind;
  /** The position of the message it is about (how many messages were shown before it). */
  position: number;
  phase: Phase;
  prompt: string;
  options: PredictionOption[];
  /** The rules the message is about: mastery evidence when the learner answers. */
  rules: RuleId[];
  /** A hand-written point the question is there to make, shown with the answer. */
  note?: string;
}

const MAX_OPTIONS = 4;

/** The options: the candidates with distinct claims, the real one kept, at most four, in a seeded order. */
function choose(
  candidates: readonly Omit<PredictionOption, 'id'>[],
  message: Message,
  rng: Rng,
): PredictionOption[] | null {
  const distinct: Omit<PredictionOption, 'id'>[] = [];
  for (const c of candidates) {
    if (distinct.some((d) => d.text === c.text || JSON.stringify(d.claim) === JSON.stringify(c.claim)))
      continue;
    distinct.push(c);
  }
  const right = distinct.filter((c) => holds(c.claim, message));
  const wrong = distinct.filter((c) => !holds(c.claim, message));
  const real = right[0];
  // Exactly one option may hold; a question whose real value is not among its candidates is not asked.
  if (!real || wrong.length === 0) return null;
  const picked = [real, ...shuffle(wrong, rng).slice(0, MAX_OPTIONS - 1)];
  return shuffle(picked, rng).map((c, i) => ({ ...c, id: String.fromCharCode(97 + i) }));
}

function partLabel(lane: Lane): string {
  return PARTIES[lane].name;
}

function routeText(from: Lane, to: Lane): string {
  return from === to ? `${partLabel(from)}, on its own` : `${partLabel(from)} → ${partLabel(to)}`;
}

/** The lanes of the run so far, the core four always among them. */
function lanesInPlay(shown: readonly TraceEvent[], message: Message): Lane[] {
  const lanes = new Set<Lane>(CORE_LANES);
  for (const e of shown) lanes.add(e.from).add(e.to);
  lanes.add(message.from).add(message.to);
  return [...lanes];
}

function routeOptions(shown: readonly TraceEvent[], message: Message) {
  const lanes = lanesInPlay(shown, message);
  const near: [Lane, Lane][] = [
    [message.from, message.to],
    [message.to, message.from],
    [message.from, message.from],
    ...lanes.map((l): [Lane, Lane] => [message.from, l]),
    ...lanes.map((l): [Lane, Lane] => [l, message.to]),
  ];
  return near.map(([from, to]) => ({
    text: routeText(from, to),
    claim: { kind: 'route' as const, from, to },
  }));
}

/** Statuses worth weighing for each kind of answer, the real one added if it is not there. */
const STATUS_POOL: Partial<Record<string, number[]>> = {
  'mcp-unauthenticated': [401, 200, 403, 400],
  'mcp-request': [200, 401, 403, 400],
  'prm-discovery': [200, 404, 401, 302],
  'as-metadata': [200, 404, 401, 302],
  authorize: [302, 200, 400, 401],
  'consent-decision': [302, 200, 400, 403],
  callback: [200, 302, 400, 404],
  token: [200, 400, 401, 302],
  refresh: [200, 400, 401, 302],
  'client-credentials': [200, 400, 401, 403],
  dcr: [201, 200, 400, 401],
  'cimd-fetch': [200, 404, 302, 401],
  'jwks-fetch': [200, 404, 401, 302],
};

function statusText(status: number): string {
  return `${status} ${STATUS_TEXT[status] ?? ''}`.trim();
}

function statusOptions(message: Message) {
  if (message.kind !== 'response' || message.response === null) return [];
  const pool = STATUS_POOL[message.stepId] ?? [200, 400, 401, 404];
  return [message.response.status, ...pool].map((status) => ({
    text: statusText(status),
    claim: { kind: 'status' as const, status },
  }));
}

function checkOptions(message: Message) {
  if (message.kind !== 'internal' && message.kind !== 'handoff') return [];
  const labels = [...new Set((message.detail.checks ?? []).map((c) => c.label))];
  if (labels.length < 2) return [];
  return [
    { text: 'None: every check passes', claim: { kind: 'first-failure' as const, label: null } },
    ...labels.map((label) => ({ text: label, claim: { kind: 'first-failure' as const, label } })),
  ];
}

/** The latest request to the MCP server: the URL the client uses for it. */
function mcpUrl(shown: readonly TraceEvent[]): string | null {
  const request = [...shown].reverse().find((e) => e.kind === 'request' && e.to === 'mcp');
  if (request?.kind !== 'request') return null;
  const url = new URL(request.request.url);
  url.search = '';
  return url.href;
}

/** The latest challenge from the MCP server. */
function lastChallenge(shown: readonly TraceEvent[]) {
  for (const e of [...shown].reverse()) {
    if (e.kind !== 'response' || e.from !== 'mcp' || e.response === null) continue;
    const challenge = parseBearerChallenge(headerValue(e.response.headers, 'www-authenticate') ?? null);
    if (challenge) return challenge;
  }
  return null;
}

/** A JSON document the run has shown, the latest of a step. */
function lastDocument(shown: readonly TraceEvent[], stepId: 'prm-discovery' | 'as-metadata') {
  for (const e of [...shown].reverse()) {
    if (e.kind === 'response' && e.stepId === stepId && e.response?.status === 200) {
      const doc = jsonOf(e.response.body);
      if (doc) return doc;
    }
  }
  return null;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function urlOptions(shown: readonly TraceEvent[], message: Message) {
  if (message.kind !== 'request') return [];
  const urls: string[] = [message.request.url];
  if (message.stepId === 'prm-discovery') {
    const server = mcpUrl(shown);
    const named = lastChallenge(shown)?.resourceMetadata;
    if (named) urls.push(named);
    if (server) {
      const origin = new URL(server).origin;
      urls.push(prmUrlFor(server), `${origin}/.well-known/oauth-protected-resource`);
      urls.push(`${server.replace(/\/$/, '')}/.well-known/oauth-protected-resource`);
    }
  } else {
    const issuer = stringList(lastDocument(shown, 'prm-discovery')?.authorization_servers)[0];
    if (issuer) {
      const origin = new URL(issuer).origin;
      urls.push(
        ...asMetadataUrls(issuer),
        `${issuer.replace(/\/$/, '')}/.well-known/oauth-authorization-server`,
      );
      urls.push(
        `${origin}/.well-known/oauth-authorization-server`,
        `${origin}/.well-known/openid-configuration`,
      );
    }
  }
  return urls.map((url) => ({ text: url, claim: { kind: 'url' as const, url } }));
}

function scopeOptions(shown: readonly TraceEvent[], message: Message) {
  if (message.kind !== 'request') return [];
  let sent: string | null;
  try {
    sent = new URL(message.request.url).searchParams.get('scope');
  } catch {
    return [];
  }
  const challenged = lastChallenge(shown)?.scope;
  const before = shown.flatMap((e) => {
    if (e.kind !== 'request' || e.stepId !== 'authorize' || e.from !== 'browser') return [];
    try {
      return (new URL(e.request.url).searchParams.get('scope') ?? '').split(' ').filter(Boolean);
    } catch {
      return [];
    }
  });
  const prmScopes = stringList(lastDocument(shown, 'prm-discovery')?.scopes_supported);
  const asScopes = stringList(lastDocument(shown, 'as-metadata')?.scopes_supported).filter(
    (s) => s !== 'offline_access',
  );
  const scopes: (string | null)[] = [sent];
  if (challenged) scopes.push(challenged, [...before, ...challenged.split(' ')].join(' '));
  if (before.length > 0) scopes.push(before.join(' '));
  if (prmScopes.length > 0) scopes.push(prmScopes.join(' '));
  if (asScopes.length > 0) scopes.push(asScopes.join(' '));
  scopes.push(null);
  return scopes.map((scope) => {
    const normal = normalScope(scope);
    return {
      text: normal === null ? 'No scope parameter at all' : `scope=${normal}`,
      claim: { kind: 'scope' as const, scope: normal },
    };
  });
}

const GRANT_TEXT: Record<string, string> = {
  tokens: 'It succeeds: the server issues tokens',
  invalid_grant: 'It fails with invalid_grant: the code, verifier or refresh token does not check out',
  invalid_client: 'It fails with invalid_client: the client is not who it says',
  invalid_request: 'It fails with invalid_request: a parameter is missing or repeated',
  invalid_target: 'It fails with invalid_target: the resource is refused',
  invalid_scope: 'It fails with invalid_scope: more scope than was granted',
};

function grantOptions(message: Message) {
  const real = grantResult(message);
  if (real === null) return [];
  return [real, ...Object.keys(GRANT_TEXT)].map((result) => ({
    text: GRANT_TEXT[result] ?? `It fails: ${result}`,
    claim: { kind: 'grant' as const, result },
  }));
}

function audOptions(shown: readonly TraceEvent[], message: Message) {
  const real = audOf(message);
  if (real === null || message.kind !== 'response') return [];
  const resource = lastDocument(shown, 'prm-discovery')?.resource;
  const issuer = lastDocument(shown, 'as-metadata')?.issuer;
  const clientId = new URLSearchParams(message.request.body ?? '').get('client_id');
  const values = [real, 'none', 'no-token'];
  for (const v of [resource, issuer, clientId]) if (typeof v === 'string' && v) values.push(v);
  return values.map((aud) => ({
    text:
      aud === 'none'
        ? 'No aud claim at all'
        : aud === 'no-token'
          ? 'None: no access token is issued'
          : `aud = ${aud}`,
    claim: { kind: 'aud' as const, aud },
  }));
}

function challengeOptions(message: Message) {
  const real = challengeErrorOf(message);
  if (real === undefined) return [];
  return [real, null, 'invalid_token', 'invalid_request', 'insufficient_scope'].map((error) => ({
    text:
      error === null
        ? 'A Bearer challenge with no error code'
        : error === 'no-challenge'
          ? 'No Bearer challenge at all'
          : `A Bearer challenge with error="${error}"`,
    claim: { kind: 'challenge-error' as const, error },
  }));
}

function returnedOptions(message: Message) {
  const real = returnedParams(message);
  if (real === null) return [];
  return [
    real,
    'code, iss, state',
    'code, state',
    'access_token, state',
    'error, error_description, iss, state',
  ].map((params) => ({
    text: params === '' ? 'Nothing at all' : params,
    claim: { kind: 'returned' as const, params },
  }));
}

const ROTATION_TEXT = {
  new: 'A new refresh token, and the old one stops working',
  same: 'The same refresh token, back again',
  none: 'An access token and no refresh token',
  refused: 'No tokens: the refresh is refused',
} as const;

function rotationOptions(message: Message) {
  const real = rotationOf(message);
  if (real === null) return [];
  return (['new', 'same', 'none', 'refused'] as const).map((rotation) => ({
    text: ROTATION_TEXT[rotation],
    claim: { kind: 'rotation' as const, rotation },
  }));
}

const NOTES: Partial<Record<PredictionKind, string>> = {
  'discovery-url':
    'Protected resource metadata: the URL in the 401’s resource_metadata, else /.well-known/oauth-protected-resource with the server’s path inserted, then the root one (C-03). Authorization server metadata: RFC 8414’s URL with the issuer’s path inserted, then OpenID Connect discovery (C-05).',
  scope:
    'The client asks for the scope the challenge named (C-15); on a step-up, that together with what it asked for before (C-16), in a new authorization request: a refresh can never add scope.',
  exchange:
    'The token endpoint checks the code, the client, the redirect URI and the PKCE verifier against what the authorization request bound them to (A-16, A-18), and hands out tokens for a code only once (A-17).',
  aud: 'RFC 8707: the token is restricted to the resource the client named (A-22), and the MCP server accepts only a token whose aud is itself (S-06).',
  'challenge-error':
    'A request with no credentials gets a challenge without an error code (RFC 6750 §3.1, S-27); a token that is expired or for someone else, error="invalid_token" (S-07); too little scope, a 403 with error="insufficient_scope" (S-12).',
  returned:
    'The authorization response carries the code and state, and iss from a server that supports RFC 9207 (A-08): never a token, which only the token endpoint gives, to a client that proves itself.',
  rotation:
    'For a public client, MCP says the authorization server MUST rotate refresh tokens (2026-07-28 security considerations, A-15): a new refresh token with each refresh, the old one invalid, and a reuse revoking the grant. OAuth 2.1 §4.3.1 alone would also allow binding the token to the client (DPoP, mTLS) instead; MCP asks for rotation.',
};

const PROMPTS: Record<PredictionKind, string> = {
  route: 'Who sends the next message, and to whom?',
  status: 'What status does the answer have?',
  'first-failure': 'Which of these checks is the first to fail, if any?',
  'discovery-url': 'Which URL does the client fetch next?',
  scope: 'Which scope does this authorization request ask for?',
  exchange: 'Does this token request succeed?',
  aud: 'What aud will the access token in this answer carry?',
  'challenge-error': 'What does the refusal’s WWW-Authenticate header say?',
  returned: 'Which parameters does the browser bring back to the client?',
  rotation: 'What does the answer to this refresh give back?',
};

/** Which question a message gets, from what is known before it is shown (never from its outcome). */
function kindsFor(message: Message, rng: Rng): PredictionKind[] {
  const { stepId, kind } = message;
  if (stepId === 'user-consent' || stepId === 'flow-ended' || stepId === 'attack-verdict') return [];
  if (kind === 'request') {
    if (stepId === 'prm-discovery' || stepId === 'as-metadata') return ['discovery-url', 'route'];
    if (stepId === 'authorize' && message.from === 'browser') return ['scope', 'route'];
    if (stepId === 'callback') return ['returned', 'route'];
    return ['route'];
  }
  if (kind === 'response') {
    const grant = new URLSearchParams(message.request.body ?? '').get('grant_type');
    if (stepId === 'mcp-unauthenticated') return ['challenge-error', 'status'];
    if (grant === 'refresh_token') return ['rotation', 'status'];
    if (grant === 'authorization_code' || grant === 'client_credentials')
      return rng.nextUint32() % 2 === 0 ? ['exchange', 'status'] : ['aud', 'status'];
    return ['status'];
  }
  return (message.detail.checks?.length ?? 0) >= 2 ? ['first-failure', 'route'] : ['route'];
}

function optionsFor(kind: PredictionKind, shown: readonly TraceEvent[], message: Message) {
  switch (kind) {
    case 'route':
      return routeOptions(shown, message);
    case 'status':
      return statusOptions(message);
    case 'first-failure':
      return checkOptions(message);
    case 'discovery-url':
      return urlOptions(shown, message);
    case 'scope':
      return scopeOptions(shown, message);
    case 'exchange':
      return grantOptions(message);
    case 'aud':
      return audOptions(shown, message);
    case 'challenge-error':
      return challengeOptions(message);
    case 'returned':
      return returnedOptions(message);
    case 'rotation':
      return rotationOptions(message);
  }
}

/**
 * The question about `message`, the next message of a run that has shown `shown`; null for a message
 * nobody predicts (the user's own consent, the summary at the end). `seed` varies the options'
 * order and distractors from run to run, the same every time for one run.
 */
export function predictionFor(
  shown: readonly TraceEvent[],
  message: Message,
  seed: string,
): Prediction | null {
  const position = shown.length;
  const rng = createRng(`predict:${seed}:${position}`);
  const step = STEPS[message.stepId];
  for (const kind of kindsFor(message, rng)) {
    const options = choose(optionsFor(kind, shown, message), message, rng);
    if (!options) continue;
    const note = NOTES[kind];
    return {
      id: `${position}:${kind}`,
      kind,
      position,
      phase: step.phase,
      prompt: PROMPTS[kind],
      options,
      rules: message.rule ? [message.rule] : [...step.rules],
      ...(note ? { note } : {}),
    };
  }
  return null;
}

/** The option that holds for the message, if any (exactly one does, for every generated question). */
export function rightOption(prediction: Prediction, message: Message): PredictionOption | undefined {
  return prediction.options.find((option) => holds(option.claim, message));
}
