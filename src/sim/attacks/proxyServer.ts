/**
 * An MCP proxy server (https://proxy.example) in the shape of docs/reference §5.10 (Security Best
 * Practices §Confused Deputy): to its own clients it is an authorization server (open registration,
 * /authorize, /token); to sign users in it is a client of a third-party authorization server under ONE
 * static client_id. S-16/S-17: before it forwards a dynamically registered client upstream it must get
 * the user's consent for that client, kept in a per-user registry (here a __Host- cookie). The
 * vulnerable proxy skips that step.
 */
import { http, HttpResponse } from 'msw';
import { challengeS256, createVerifier } from '../crypto/pkce';
import { readHeader, writeHeader } from '../network/wire';
import { PROXY_CLIENT_ID } from '../servers/auth';
import { CONSENT_SCRIPT_ID } from '../servers/auth/consentPage';
import type { ConsentPrompt } from '../servers/auth/consentPage';
import { endpoints } from '../servers/auth/metadata';
import { escapeHtml, htmlPage, isRecord, readForm, readJson, redirect } from '../servers/http';
import type { World } from '../world/world';
import { stringField } from '../fields';

export interface ProxyClient {
  client_id: string;
  client_name: string;
  redirect_uris: string[];
}

export interface Pending {
  client: ProxyClient;
  redirect_uri: string;
  state: string | undefined;
  code_challenge: string;
  upstreamVerifier: string;
}

export interface ProxyState {
  clients: Map<string, ProxyClient>;
  pending: Map<string, Pending>;
  codes: Map<string, { pending: Pending; upstreamToken: string }>;
  tokens: Map<string, string>;
}

const APPROVALS_COOKIE = '__Host-mcp_approved';

export function proxyState(world: World): ProxyState {
  return world.attacker.proxy;
}

function approvedClients(request: Request): string[] {
  const cookie = readHeader(request.headers, 'cookie') ?? '';
  const value = cookie
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([n]) => n === APPROVALS_COOKIE)?.[1];
  return value ? value.split(',') : [];
}

export function proxyHandlers(world: World) {
  const base = world.urls.proxy;
  const state = proxyState(world);
  const upstream = endpoints(world.urls.issuer);

  /** Sends the browser to the third-party server under the proxy's one static client_id. */
  const forwardUpstream = async (
    pending: Omit<Pending, 'upstreamVerifier'>,
    extraHeaders: Record<string, string> = {},
  ) => {
    const rng = world.rng('proxy');
    const id = rng.token(12);
    const verifier = createVerifier(rng);
    state.pending.set(id, { ...pending, upstreamVerifier: verifier });
    const url = new URL(upstream.authorization_endpoint);
    const params = {
      response_type: 'code',
      client_id: PROXY_CLIENT_ID,
      redirect_uri: `${base}/callback`,
      state: id,
      code_challenge: await challengeS256(verifier),
      code_challenge_method: 'S256',
      scope: 'reports:read',
      resource: world.urls.downstream,
    };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const response = redirect(url.href);
    for (const [k, v] of Object.entries(extraHeaders)) writeHeader(response.headers, k, v);
    return response;
  };

  return [
    http.post(`${base}/register`, async ({ request }) => {
      const body = await readJson(request);
      const meta = body.ok && isRecord(body.value) ? body.value : null;
      const redirects = Array.isArray(meta?.redirect_uris)
        ? meta.redirect_uris.filter((r): r is string => typeof r === 'string')
        : [];
      if (!meta || redirects.length === 0)
        return HttpResponse.json({ error: 'invalid_redirect_uri' }, { status: 400 });
      const client = {
        client_id: world.rng('proxy').token(8),
        client_name: stringField(meta, 'client_name', 'Unnamed'),
        redirect_uris: redirects,
      };
      state.clients.set(client.client_id, client);
      return HttpResponse.json({ ...client, token_endpoint_auth_method: 'none' }, { status: 201 });
    }),

    http.get(`${base}/authorize`, async ({ request }) => {
      const p = new URL(request.url).searchParams;
      const client = state.clients.get(p.get('client_id') ?? '');
      const redirectUri = p.get('redirect_uri') ?? '';
      const challenge = p.get('code_challenge');
      if (!client || !client.redirect_uris.includes(redirectUri) || !challenge) {
        return htmlPage('Error', '<h1>Invalid request</h1>', 400);
      }
      const pending = {
        client,
        redirect_uri: redirectUri,
        state: p.get('state') ?? undefined,
        code_challenge: challenge,
      };
      // S-16 arrived in 2025-06-18: a proxy of 2025-03-26 (its Third-Party Authorization Flow) had no
      // such rule, and forwards every client.
      if (
        world.isVulnerable('proxy-no-per-client-consent') ||
        !world.inRevision('S-16') ||
        approvedClients(request).includes(client.client_id)
      ) {
        return forwardUpstream(pending);
      }
      // S-16: this user has not approved this client: the proxy asks, before anything goes upstream.
      world.network.annotate({
        rule: 'S-16',
        mark: 'blocked',
        refusal: {
          rule: 'S-16',
          error: 'consent_required',
          description: `this user has not approved ${client.client_id}: consent first, nothing forwarded`,
        },
      });
      const id = world.rng('proxy').token(12);
      state.pending.set(id, { ...pending, upstreamVerifier: '' });
      const prompt: ConsentPrompt = {
        clientName: client.client_name,
        clientId: client.client_id,
        clientSource: 'dcr',
        redirectUri,
        redirectHost: new URL(redirectUri).host,
        scopes: ['reports:read'],
        resource: world.urls.downstream,
        userName: 'you',
        warnings: [
          `"${client.client_name}" registered itself with this proxy and has never been approved by you.`,
        ],
        action: `${base}/authorize/consent`,
        fields: { transaction: id, csrf: id },
      };
      const json = JSON.stringify(prompt).replace(/</g, '\\u003c');
      return htmlPage(
        'Approve client',
        `<h1>${escapeHtml(client.client_name)} wants to use your account through Files MCP Proxy</h1><p>You will be sent to ${escapeHtml(prompt.redirectHost)}.</p><script type="application/json" id="${CONSENT_SCRIPT_ID}">${json}</script>`,
      );
    }),

    http.post(`${base}/authorize/consent`, async ({ request }) => {
      const form = await readForm(request);
      const id = form.ok ? (form.value.get('transaction') ?? '') : '';
      const pending = state.pending.get(id);
      if (!form.ok || !pending || form.value.get('csrf') !== id)
        return htmlPage('Error', '<h1>Expired</h1>', 400);
      state.pending.delete(id);
      const back = new URL(pending.redirect_uri);
      if (form.value.get('decision') !== 'approve') {
        back.searchParams.set('error', 'access_denied');
        if (pending.state) back.searchParams.set('state', pending.state);
        return redirect(back.href);
      }
      const approved = [...approvedClients(request), pending.client.client_id].join(',');
      return forwardUpstream(pending, {
        'Set-Cookie': `${APPROVALS_COOKIE}=${approved}; Path=/; Secure; HttpOnly; SameSite=Lax`,
      });
    }),

    http.get(`${base}/callback`, async ({ request }) => {
      const p = new URL(request.url).searchParams;
      const pending = state.pending.get(p.get('state') ?? '');
      if (!pending || !p.get('code')) return htmlPage('Error', '<h1>Unknown state</h1>', 400);
      state.pending.delete(p.get('state') ?? '');
      const secret = world.as.clients.get(PROXY_CLIENT_ID)?.client_secret ?? '';
      const res = await world.network.fetchAs('mcp')(upstream.token_endpoint, {
        method: 'POST',
        step: 'token',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: `Basic ${btoa(`${PROXY_CLIENT_ID}:${secret}`)}`,
        },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: p.get('code') ?? '',
          redirect_uri: `${base}/callback`,
          code_verifier: pending.upstreamVerifier,
          resource: world.urls.downstream,
        }).toString(),
      });
      const body: unknown = await res.json().catch(() => ({}));
      const upstreamToken = isRecord(body) && typeof body.access_token === 'string' ? body.access_token : '';
      const code = world.rng('proxy').token(24);
      state.codes.set(code, { pending, upstreamToken });
      const back = new URL(pending.redirect_uri);
      back.searchParams.set('code', code);
      if (pending.state) back.searchParams.set('state', pending.state);
      return redirect(back.href);
    }),

    http.post(`${base}/token`, async ({ request }) => {
      const form = await readForm(request);
      const entry = form.ok ? state.codes.get(form.value.get('code') ?? '') : undefined;
      const verifier = form.ok ? (form.value.get('code_verifier') ?? '') : '';
      if (!form.ok || !entry || (await challengeS256(verifier)) !== entry.pending.code_challenge) {
        return HttpResponse.json(
          { error: 'invalid_grant' },
          { status: 400, headers: { 'Cache-Control': 'no-store' } },
        );
      }
      state.codes.delete(form.value.get('code') ?? '');
      const token = world.rng('proxy').token(24);
      state.tokens.set(token, entry.upstreamToken);
      return HttpResponse.json(
        { access_token: token, token_type: 'Bearer', expires_in: 3600 },
        { headers: { 'Cache-Control': 'no-store' } },
      );
    }),

    // The proxy's MCP endpoint: one tool, which calls the reporting API with the user's upstream token.
    http.post(`${base}/mcp`, async ({ request }) => {
      const token = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
      const upstreamToken = state.tokens.get(token);
      if (!upstreamToken)
        return HttpResponse.json(
          { error: 'invalid_token' },
          { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } },
        );
      const res = await world.network.fetchAs('mcp')(`${world.urls.downstream}/reports`, {
        step: 'downstream-call',
        headers: { Authorization: `Bearer ${upstreamToken}` },
      });
      const text = await res.text();
      return HttpResponse.json({
        jsonrpc: '2.0',
        id: 1,
        result: { content: [{ type: 'text', text }], isError: !res.ok },
      });
    }),
  ];
}
