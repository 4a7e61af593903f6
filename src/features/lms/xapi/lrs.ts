/**
 * The learning record store, through @xapi/xapi (Statements, State and Agent Profile resources with
 * the xAPI 1.0.3 headers). Its transport is the browser's fetch, given as the library's adapter so
 * that an answer the LRS refused (an HTTP status) stays apart from no answer at all (offline), which
 * is what decides whether a statement is tried again (outbox.ts), and so that the last statements of
 * a session can be sent with `keepalive` while the page goes away.
 */
import XAPI, { type Agent, type Statement } from '@xapi/xapi';

/** The library's transport contract (its type is not exported by name). */
type AdapterFunction = Extract<
  NonNullable<ConstructorParameters<typeof XAPI>[0]['adapter']>,
  (...args: never[]) => unknown
>;

/** The LRS answered, with a status that is not success. */
export class LrsError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`The learning record store answered ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
  }
}

/**
 * Worth trying again later: no answer (fetch rejects with a TypeError when offline or the server is
 * unreachable), a timeout, too many requests, or a server error. Anything else will not change.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof LrsError) return error.status === 408 || error.status === 429 || error.status >= 500;
  return error instanceof TypeError;
}

function fetchAdapter(keepalive: boolean): AdapterFunction {
  return async ({ url, method, headers, data }) => {
    const sent: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers ?? {}))
      if (typeof value === 'string') sent[name] = value;
    const json = sent['Content-Type'] === 'application/json';
    const response = await fetch(url, {
      method,
      headers: sent,
      keepalive,
      ...(data === undefined ? {} : { body: json ? JSON.stringify(data) : String(data) }),
    });
    const text = await response.text();
    if (!response.ok) throw new LrsError(response.status, text);
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (an empty 204, a plain document): the text is the body.
    }
    const responseHeaders: Record<string, string> = Object.fromEntries(response.headers.entries());
    // The adapter contract is generic in what the caller expects (AdapterResponse<T>); the library
    // reads the body as the resource it asked for, and this module checks what it uses.
    return { data: body as never, headers: responseHeaders, status: response.status };
  };
}

export interface Lrs {
  sendStatement(statement: Statement, options?: { keepalive?: boolean }): Promise<void>;
  /**
   * A State document, or null when there is none. `ifListed` asks for the list of documents first,
   * for one that may well not exist yet: a 404 is a normal answer, but the browser logs it as an error.
   */
  getState(
    params: { agent: Agent; activityId: string; registration?: string; stateId: string },
    ifListed?: boolean,
  ): Promise<unknown>;
  setState(params: {
    agent: Agent;
    activityId: string;
    registration?: string;
    stateId: string;
    state: Record<string, unknown>;
  }): Promise<void>;
  /** An Agent Profile document, or null when there is none (asked only if listed, as above). */
  getAgentProfile(params: { agent: Agent; profileId: string }): Promise<unknown>;
}

const orNull = async (request: Promise<{ data: unknown }>): Promise<unknown> => {
  try {
    return (await request).data;
  } catch (error) {
    if (error instanceof LrsError && error.status === 404) return null;
    throw error;
  }
};

/** `auth` is the whole Authorization header value (`Basic <token>`). */
export function createLrs(endpoint: string, auth: string): Lrs {
  const xapi = new XAPI({ endpoint, auth, version: '1.0.3', adapter: fetchAdapter(false) });
  const lastGasp = new XAPI({ endpoint, auth, version: '1.0.3', adapter: fetchAdapter(true) });
  return {
    async sendStatement(statement, options) {
      await (options?.keepalive ? lastGasp : xapi).sendStatement({ statement });
    },
    async getState(params, ifListed = false) {
      if (ifListed) {
        const { stateId: _id, ...where } = params;
        const ids = await orNull(xapi.getStates(where));
        if (!Array.isArray(ids) || !ids.includes(params.stateId)) return null;
      }
      return orNull(xapi.getState(params));
    },
    async setState(params) {
      await xapi.setState(params);
    },
    async getAgentProfile(params) {
      const ids = await orNull(xapi.getAgentProfiles({ agent: params.agent }));
      if (!Array.isArray(ids) || !ids.includes(params.profileId)) return null;
      return orNull(xapi.getAgentProfile(params));
    },
  };
}
