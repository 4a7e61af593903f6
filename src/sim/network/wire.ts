/**
 * Converting between the trace's plain HTTP data and the `Request`/`Response` objects that MSW
 * handlers take. Browsers silently drop "forbidden" header names (Cookie, Origin, Set-Cookie...)
 * from script-built requests and responses, which would make the simulated browser unable to hold
 * a session. So those headers cross the in-page wire under an `x-sim-` alias and are restored in the
 * trace; on a real wire (Node, real-wire mode) the real names are used and the helpers read both.
 */
import type { HeaderList, HttpRequestData, HttpResponseData } from '../trace/types';

const ALIASED = ['cookie', 'origin', 'referer', 'set-cookie'];
const ALIAS_PREFIX = 'x-sim-';

function toWireName(name: string): string {
  return ALIASED.includes(name.toLowerCase()) ? `${ALIAS_PREFIX}${name.toLowerCase()}` : name;
}

function fromWireName(name: string): string {
  const lower = name.toLowerCase();
  if (lower.startsWith(ALIAS_PREFIX) && ALIASED.includes(lower.slice(ALIAS_PREFIX.length))) {
    return lower.slice(ALIAS_PREFIX.length);
  }
  return name;
}

export function headersToList(headers: Headers): HeaderList {
  const list: HeaderList = [];
  headers.forEach((value, name) => {
    if (name === 'set-cookie') return; // handled below: forEach would join several into one
    list.push([fromWireName(name), value]);
  });
  for (const cookie of headers.getSetCookie()) list.push(['set-cookie', cookie]);
  return list;
}

/** Reads a header by its real name, whichever way it crossed the wire. */
export function readHeader(headers: Headers, name: string): string | null {
  return headers.get(name) ?? (ALIASED.includes(name.toLowerCase()) ? headers.get(toWireName(name)) : null);
}

/** Sets a header by its real name; falls back to the alias where the runtime forbids the name. */
export function writeHeader(headers: Headers, name: string, value: string): void {
  headers.append(name, value);
  if (!headers.has(name)) headers.append(toWireName(name), value);
}

export function buildRequest(data: HttpRequestData): Request {
  const headers = new Headers();
  for (const [name, value] of data.headers) headers.append(toWireName(name), value);
  const hasBody = data.body !== null && data.method !== 'GET' && data.method !== 'HEAD';
  return new Request(data.url, { method: data.method, headers, body: hasBody ? data.body : null });
}

export async function requestToData(request: Request): Promise<HttpRequestData> {
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.clone().text();
  return { method: request.method, url: request.url, headers: headersToList(request.headers), body };
}

export async function responseToData(response: Response): Promise<HttpResponseData> {
  const text = await response.clone().text();
  return {
    status: response.status,
    statusText: response.statusText || STATUS_TEXT[response.status] || '',
    headers: headersToList(response.headers),
    body: text === '' ? null : text,
  };
}

export const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  302: 'Found',
  303: 'See Other',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

/** Every Set-Cookie line of a response, whichever way it crossed the wire. */
export function readSetCookies(headers: Headers): string[] {
  const aliased = headers.get(toWireName('set-cookie'));
  return [...headers.getSetCookie(), ...(aliased ? aliased.split(/,(?=\s*[^;=\s]+=)/) : [])];
}
