/**
 * The user agent: the demo user's browser. It follows redirects one hop at a time, sends and
 * keeps cookies per host, shows the consent page to the user (the learner, or the scenario) and
 * submits the decision. It knows nothing about OAuth beyond what any browser does with HTML forms.
 */
import { CONSENT_SCRIPT_ID } from '../servers/auth/consentPage';
import type { ConsentPrompt } from '../servers/auth/consentPage';
import type { Mark } from '../network/network';
import { readSetCookies } from '../network/wire';
import type { StepId } from '../steps';
import type { World } from '../world/world';

export type Decision = 'approve' | 'deny';

export interface NavigationResult {
  finalUrl: string;
  status: number;
  /** The text of the last page shown, for the UI and for error messages. */
  page: string | null;
}

export interface NavigateOptions {
  mark?: Mark;
  /** The step of the first request, when it is not an authorization request (a lure page). */
  firstStep?: StepId;
}

export interface Browser {
  navigate(url: string, options?: NavigateOptions): Promise<NavigationResult>;
}

const MAX_HOPS = 10;

export function readConsentPrompt(html: string): ConsentPrompt | null {
  const match = new RegExp(
    `<script type="application/json" id="${CONSENT_SCRIPT_ID}">([\\s\\S]*?)</script>`,
  ).exec(html);
  if (!match?.[1]) return null;
  try {
    return JSON.parse(match[1]) as ConsentPrompt;
  } catch {
    return null;
  }
}

export function createBrowser(world: World, decide: (prompt: ConsentPrompt) => Promise<Decision>): Browser {
  const fetch = world.network.fetchAs('browser');

  const cookieHeader = (url: URL): Record<string, string> => {
    const jar = world.browserCookies.get(url.host);
    if (!jar || jar.size === 0) return {};
    return { Cookie: [...jar].map(([n, v]) => `${n}=${v}`).join('; ') };
  };
  const keepCookies = (url: URL, response: Response) => {
    for (const line of readSetCookies(response.headers)) {
      const [pair] = line.split(';');
      const [name, value] = (pair ?? '').split('=');
      if (!name) continue;
      const jar = world.browserCookies.get(url.host) ?? new Map<string, string>();
      jar.set(name.trim(), (value ?? '').trim());
      world.browserCookies.set(url.host, jar);
    }
  };

  return {
    async navigate(start, options = {}) {
      let url = new URL(start);
      let method = 'GET';
      let body: string | null = null;
      for (let hop = 0; hop < MAX_HOPS; hop++) {
        const step: StepId =
          hop === 0 && options.firstStep
            ? options.firstStep
            : method === 'POST'
              ? 'consent-decision'
              : url.pathname.endsWith('/authorize')
                ? world.laneOf(url) === 'idp'
                  ? 'sso-authorize'
                  : 'authorize'
                : 'callback';
        const headers: Record<string, string> = { Accept: 'text/html', ...cookieHeader(url) };
        if (body !== null) headers['Content-Type'] = 'application/x-www-form-urlencoded';
        let response: Response;
        try {
          response = await fetch(url.href, { method, headers, body, step, mark: options.mark });
        } catch (error) {
          return {
            finalUrl: url.href,
            status: 0,
            page: error instanceof Error ? error.message : 'network error',
          };
        }
        keepCookies(url, response);
        const location = response.headers.get('location');
        if ((response.status === 302 || response.status === 303) && location) {
          url = new URL(location, url);
          method = 'GET';
          body = null;
          continue;
        }
        const page = await response.text();
        const prompt = response.status === 200 ? readConsentPrompt(page) : null;
        if (!prompt) return { finalUrl: url.href, status: response.status, page };
        const decision = await decide(prompt);
        await world.recorder.record({
          kind: 'handoff',
          stepId: 'user-consent',
          from: 'browser',
          to: 'browser',
          title: decision === 'approve' ? 'The user approves' : 'The user denies',
          detail: {
            summary: `${prompt.userName} ${decision === 'approve' ? 'approved' : 'denied'} ${prompt.clientName}'s request for ${prompt.scopes.join(' ')}, to be sent back to ${prompt.redirectHost}.`,
            values: {
              client: prompt.clientName,
              redirect_host: prompt.redirectHost,
              scope: prompt.scopes.join(' '),
            },
          },
        });
        url = new URL(prompt.action, url);
        method = 'POST';
        body = new URLSearchParams({ ...prompt.fields, decision }).toString();
      }
      return { finalUrl: url.href, status: 0, page: 'Too many redirects' };
    },
  };
}
