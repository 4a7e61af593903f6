/**
 * Exports of a run: a Mermaid `sequenceDiagram` (the notation of the spec's own diagrams) and a
 * HAR 1.2 file of the HTTP exchanges, which browser developer tools open. Both are pure views of
 * the trace, like the diagram itself.
 */
import { LANES } from '../lanes';
import type { Lane } from '../lanes';
import type { TraceEvent } from './types';
import { headerValue } from './types';

const ALIAS: Record<Lane, string> = {
  client: 'C',
  browser: 'B',
  mcp: 'M',
  as: 'A',
  idp: 'I',
  attacker: 'X',
  downstream: 'D',
};
const ORDER: Lane[] = ['client', 'browser', 'idp', 'mcp', 'as', 'downstream', 'attacker'];

/** Mermaid treats `;` and `#` specially in message text; its entity codes keep them literal. */
function mermaidText(text: string): string {
  return text.replace(/[#;]/g, (c) => (c === '#' ? '#35;' : '#59;')).replace(/[\r\n]+/g, ' ');
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.host + u.pathname;
  } catch {
    return url;
  }
}

export function defaultLabel(event: TraceEvent): string {
  switch (event.kind) {
    case 'request':
      return `${event.request.method} ${pathOf(event.request.url)}`;
    case 'response':
      return event.response
        ? `${event.response.status} ${event.response.statusText}`.trim()
        : `no answer: ${event.error ?? ''}`;
    case 'internal':
    case 'handoff':
      return event.title;
  }
}

export function toMermaid(
  trace: readonly TraceEvent[],
  label: (event: TraceEvent) => string = defaultLabel,
): string {
  const used = new Set<Lane>(['client', 'browser', 'mcp', 'as']);
  for (const e of trace) {
    used.add(e.from);
    used.add(e.to);
  }
  const lines = ['sequenceDiagram'];
  for (const lane of ORDER)
    if (used.has(lane)) lines.push(`    participant ${ALIAS[lane]} as ${mermaidText(LANES[lane].label)}`);
  for (const e of trace) {
    const text = mermaidText(label(e));
    const from = ALIAS[e.from];
    const to = ALIAS[e.to];
    if (e.kind === 'request') lines.push(`    ${from}->>${to}: ${text}`);
    else if (e.kind === 'response') lines.push(`    ${from}-->>${to}: ${text}`);
    else if (e.from === e.to) lines.push(`    Note over ${from}: ${text}`);
    else lines.push(`    ${from}-)${to}: ${text}`);
  }
  return `${lines.join('\n')}\n`;
}

interface HarHeader {
  name: string;
  value: string;
}

function mimeOf(headers: [string, string][]): string {
  return headerValue(headers, 'content-type') ?? 'application/octet-stream';
}

function byteLength(text: string | null): number {
  return text === null ? 0 : new TextEncoder().encode(text).length;
}

/** HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): one entry per request/response pair. */
export function toHar(
  trace: readonly TraceEvent[],
  creator = { name: 'MCP OAuth Flow Simulator', version: '1.0' },
) {
  const entries = trace.flatMap((e) => {
    if (e.kind !== 'response') return [];
    const url = new URL(e.request.url);
    const reqHeaders: HarHeader[] = e.request.headers.map(([name, value]) => ({ name, value }));
    const res = e.response;
    return [
      {
        startedDateTime: new Date(e.at * 1000).toISOString(),
        time: 0,
        request: {
          method: e.request.method,
          url: e.request.url,
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: reqHeaders,
          queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
          ...(e.request.body !== null
            ? { postData: { mimeType: mimeOf(e.request.headers), text: e.request.body } }
            : {}),
          headersSize: -1,
          bodySize: byteLength(e.request.body),
        },
        response: {
          status: res?.status ?? 0,
          statusText: res?.statusText ?? e.error ?? '',
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: (res?.headers ?? []).map(([name, value]) => ({ name, value })),
          content: {
            size: byteLength(res?.body ?? null),
            mimeType: res ? mimeOf(res.headers) : 'x-unknown',
            ...(res?.body ? { text: res.body } : {}),
          },
          redirectURL: res ? (headerValue(res.headers, 'location') ?? '') : '',
          headersSize: -1,
          bodySize: byteLength(res?.body ?? null),
        },
        cache: {},
        timings: { send: 0, wait: 0, receive: 0 },
        comment: `${e.from} → ${e.to}, step ${e.stepId}`,
      },
    ];
  });
  return { log: { version: '1.2', creator, pages: [], entries } };
}
