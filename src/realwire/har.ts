/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) of the exchanges a real-wire server
 * answered, with real start times and durations, which browser developer tools open.
 */
import { headerValue } from '../sim/trace/types';
import type { HeaderList } from '../sim/trace/types';
import type { Exchange } from './exchange';

function byteLength(text: string | null): number {
  return text === null ? 0 : Buffer.byteLength(text);
}

function cookiesOf(header: string | undefined): { name: string; value: string }[] {
  if (!header) return [];
  return header.split(';').flatMap((part) => {
    const eq = part.indexOf('=');
    return eq > 0 ? [{ name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() }] : [];
  });
}

function setCookies(headers: HeaderList): { name: string; value: string }[] {
  return headers
    .filter(([name]) => name.toLowerCase() === 'set-cookie')
    .flatMap(([, value]) => cookiesOf(value.split(';')[0]));
}

/** The exchanges in the order they began (a listener's and the client's own interleave). */
export function inOrder(exchanges: readonly Exchange[]): Exchange[] {
  return [...exchanges].sort((a, b) => a.started.getTime() - b.started.getTime());
}

export function toHarLog(
  exchanges: readonly Exchange[],
  creator = { name: 'MCP OAuth Flow Simulator (real-wire)', version: '1.0' },
) {
  return {
    log: {
      version: '1.2',
      creator,
      pages: [],
      entries: exchanges.map((e) => {
        const url = new URL(e.url);
        const requestType = headerValue(e.requestHeaders, 'content-type');
        const responseType = headerValue(e.responseHeaders, 'content-type') ?? 'x-unknown';
        return {
          startedDateTime: e.started.toISOString(),
          time: e.ms,
          request: {
            method: e.method,
            url: e.url,
            httpVersion: 'HTTP/1.1',
            cookies: cookiesOf(headerValue(e.requestHeaders, 'cookie')),
            headers: e.requestHeaders.map(([name, value]) => ({ name, value })),
            queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
            ...(e.requestBody !== null
              ? { postData: { mimeType: requestType ?? 'application/octet-stream', text: e.requestBody } }
              : {}),
            headersSize: -1,
            bodySize: byteLength(e.requestBody),
          },
          response: {
            status: e.status,
            statusText: e.statusText,
            httpVersion: 'HTTP/1.1',
            cookies: setCookies(e.responseHeaders),
            headers: e.responseHeaders.map(([name, value]) => ({ name, value })),
            content: {
              size: byteLength(e.responseBody),
              mimeType: responseType,
              ...(e.responseBody !== null ? { text: e.responseBody } : {}),
            },
            redirectURL: headerValue(e.responseHeaders, 'location') ?? '',
            headersSize: -1,
            bodySize: byteLength(e.responseBody),
          },
          cache: {},
          timings: { send: 0, wait: e.ms, receive: 0 },
          ...(e.notes.length > 0 ? { comment: e.notes.join(' | ') } : {}),
        };
      }),
    },
  };
}
