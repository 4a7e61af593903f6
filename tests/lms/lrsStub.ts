// A small learning record store for tests, on loopback: the cmi5 token URL (one use), the State and
// Agent Profile documents, and the Statements resource, recording every statement in the order it
// was stored. `offline` makes it drop every connection unanswered, as an unreachable server does.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isRecord } from '../json';

export interface StoredStatement {
  statement: Record<string, unknown>;
  authorization: string | undefined;
  version: string | undefined;
}

export interface LrsStub {
  url: string;
  endpoint: string;
  fetchUrl: string;
  statements: StoredStatement[];
  states: Map<string, unknown>;
  /** Requests answered (or dropped, while offline). */
  requests: { method: string; path: string; dropped: boolean }[];
  offline: boolean;
  close(): Promise<void>;
}

export const TOKEN = 'dGVzdC1hdTpzZWNyZXQ=';

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

export async function startLrs(launchData: Record<string, unknown>): Promise<LrsStub> {
  let tokenGiven = false;
  const stub: Omit<LrsStub, 'url' | 'endpoint' | 'fetchUrl' | 'close'> = {
    statements: [],
    states: new Map(),
    requests: [],
    offline: false,
  };
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // An LRS on another origin than the course page answers cross-origin requests (CORS), as real ones do.
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, POST, PUT',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Experience-API-Version',
    };
    const send = (status: number, value?: unknown) => {
      res.writeHead(status, value === undefined ? cors : { ...cors, 'Content-Type': 'application/json' });
      res.end(value === undefined ? undefined : JSON.stringify(value));
    };
    if (stub.offline) {
      stub.requests.push({ method: req.method ?? '', path: url.pathname, dropped: true });
      req.socket.destroy();
      return;
    }
    stub.requests.push({ method: req.method ?? '', path: url.pathname, dropped: false });
    if (req.method === 'OPTIONS') return send(204);
    if (url.pathname === '/fetch' && req.method === 'POST') {
      if (tokenGiven) return send(200, { 'error-code': '1', 'error-text': 'The token was already given.' });
      tokenGiven = true;
      return send(200, { 'auth-token': TOKEN });
    }
    if (req.headers.authorization !== `Basic ${TOKEN}`) return send(401);
    if (url.pathname === '/xapi/activities/state') {
      const stateId = url.searchParams.get('stateId') ?? '';
      if (req.method === 'GET') {
        if (stateId === '') return send(200, ['LMS.LaunchData', ...stub.states.keys()]);
        if (stateId === 'LMS.LaunchData') return send(200, launchData);
        return stub.states.has(stateId) ? send(200, stub.states.get(stateId)) : send(404);
      }
      if (req.method === 'PUT') {
        const doc: unknown = JSON.parse(await body(req));
        stub.states.set(stateId, doc);
        return send(204);
      }
    }
    if (url.pathname === '/xapi/agents/profile' && req.method === 'GET') {
      return url.searchParams.has('profileId') ? send(404) : send(200, []);
    }
    if (url.pathname === '/xapi/statements' && req.method === 'POST') {
      const parsed: unknown = JSON.parse(await body(req));
      if (!isRecord(parsed)) return send(400);
      stub.statements.push({
        statement: parsed,
        authorization: req.headers.authorization,
        version: req.headers['x-experience-api-version']?.toString(),
      });
      return send(200, [parsed.id]);
    }
    send(404);
  };
  const server = createServer((req, res) => void answer(req, res));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('the stub LRS is not on a TCP port');
  const url = `http://127.0.0.1:${address.port}`;
  return Object.assign(stub, {
    url,
    endpoint: `${url}/xapi/`,
    fetchUrl: `${url}/fetch`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  });
}
