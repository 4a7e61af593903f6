/**
 * The attacker's toolkit. She sends real requests over the same simulated network (from the
 * Attacker lane), and her notes mark the moments she obtains something (a code, a token).
 */
import { endpoints } from '../servers/auth/metadata';
import { readConsentPrompt } from '../browser/browser';
import { DEMO_SESSION_COOKIE } from '../servers/auth/state';
import { mcpRequest } from '../mcp/request';
import type { Mark, SimFetch } from '../network/network';
import type { RuleId } from '../rules';
import type { World } from '../world/world';
import { stringField } from '../fields';
import type { Revision } from '../revisions/ids';
import { transportOf } from '../revisions/profile';

export interface ToolCallResult {
  status: number;
  /** The tool's text output, or the error the server gave. */
  text: string;
  isError: boolean;
}

export interface Attacker {
  fetch: SimFetch;
  note(
    title: string,
    summary: string,
    options?: { mark?: Mark; values?: Record<string, string>; rule?: RuleId; refused?: boolean },
  ): Promise<void>;
  /** POSTs a form to the honest token endpoint (or another), returning status and JSON. */
  token(
    params: Record<string, string | undefined>,
    url?: string,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Calls a tool on an MCP server with a token, as any client would. */
  callTool(
    token: string | null,
    name: string,
    args?: Record<string, unknown>,
    url?: string,
  ): Promise<ToolCallResult>;
  /** Mallory's own authorization at the honest server, with her own session: returns the code, unredeemed. */
  ownCode(params: Record<string, string | undefined>): Promise<string | null>;
}

export function createAttacker(world: World): Attacker {
  const fetch = world.network.fetchAs('attacker');

  /** initialize (with the token), then the tools/call in the session the server opened. */
  const legacyCall = async (
    revision: Revision,
    token: string | null,
    params: Record<string, unknown>,
  ): Promise<{ headers: Record<string, string>; body: string }> => {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    };
    const init = await fetch(world.urls.mcp, {
      method: 'POST',
      step: 'attacker-request',
      mark: 'attacker',
      headers,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: revision,
          capabilities: {},
          clientInfo: { name: 'attacker', version: '1' },
        },
      }),
    });
    await init.text().catch(() => '');
    const session = init.headers.get('mcp-session-id');
    return {
      headers: {
        ...headers,
        ...(session ? { 'Mcp-Session-Id': session } : {}),
        ...(revision !== '2025-03-26' ? { 'MCP-Protocol-Version': revision } : {}),
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params }),
    };
  };
  const json = async (res: Response): Promise<Record<string, unknown>> => {
    const body: unknown = await res.json().catch(() => ({}));
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body } : {};
  };

  return {
    fetch,
    async note(title, summary, options = {}) {
      await world.recorder.record({
        kind: 'internal',
        stepId: 'attacker-action',
        from: 'attacker',
        to: 'attacker',
        title,
        ...(options.mark ? { mark: options.mark } : {}),
        ...(options.rule ? { rule: options.rule } : {}),
        ...(options.refused ? { outcome: 'refused' as const } : {}),
        detail: { summary, ...(options.values ? { values: options.values } : {}) },
      });
    },
    async token(params, url = endpoints(world.urls.issuer).token_endpoint) {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) if (v !== undefined) form.set(k, v);
      const res = await fetch(url, {
        method: 'POST',
        step: 'attacker-request',
        mark: 'attacker',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form.toString(),
      });
      return { status: res.status, body: await json(res) };
    },
    async callTool(token, name, args = {}, url = world.urls.mcp) {
      // A server of 2025-03-26 to 2025-11-25 wants initialize and a session first (S-40): she
      // speaks its transport, as any client of its revision would.
      const legacy = url === world.urls.mcp && transportOf(world.revision) === 'sessions';
      const request = legacy
        ? await legacyCall(world.revision, token, { name, arguments: args })
        : mcpRequest({ method: 'tools/call', params: { name, arguments: args }, token });
      const res = await fetch(url, {
        method: 'POST',
        step: 'attacker-request',
        mark: 'attacker',
        ...request,
      });
      const body = await json(res);
      const result = body.result;
      if (
        res.status === 200 &&
        typeof result === 'object' &&
        result !== null &&
        'content' in result &&
        Array.isArray(result.content)
      ) {
        const first: unknown = result.content[0];
        const text = typeof first === 'object' && first !== null && 'text' in first ? String(first.text) : '';
        return { status: 200, text, isError: 'isError' in result && result.isError === true };
      }
      return {
        status: res.status,
        text: stringField(
          body,
          'error_description',
          res.headers.get('www-authenticate') ?? `HTTP ${res.status}`,
        ),
        isError: true,
      };
    },
    async ownCode(params) {
      const url = new URL(endpoints(world.urls.issuer).authorization_endpoint);
      for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
      const cookie = { Cookie: `${DEMO_SESSION_COOKIE}=${world.attackerSession}` };
      const page = await fetch(url.href, {
        step: 'attacker-request',
        mark: 'attacker',
        headers: { ...cookie, Accept: 'text/html' },
      });
      const prompt = page.status === 200 ? readConsentPrompt(await page.text()) : null;
      if (!prompt) return null;
      const decision = await fetch(prompt.action, {
        method: 'POST',
        step: 'attacker-request',
        mark: 'attacker',
        headers: { ...cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...prompt.fields, decision: 'approve' }).toString(),
      });
      const location = decision.headers.get('location');
      return location ? new URL(location).searchParams.get('code') : null;
    },
  };
}
