/**
 * The MCP Inspector's own recording: its Network panel's Export (Inspector 2.x) writes a JSON list
 * of the requests its client made, one object each (`method`, `url`, `requestHeaders`,
 * `requestBody`, `responseStatus`, `responseHeaders`, `responseBody`, `timestamp`, `category`), not
 * a HAR. The Inspector has no HAR export, and a browser's HAR of its page shows only its own API
 * (`/api/fetch`, `/api/mcp/send`), so this file is how an Inspector user brings a flow here.
 *
 * Two things it cannot hold, said to the learner as notes: the browser's visit to the authorization
 * endpoint and the redirect back (the Inspector sends the browser there; its panel records only its
 * client's requests), and secrets, which it writes as `[REDACTED]` (the code, the verifier, the
 * tokens, the Authorization header). A redacted header or form field is dropped rather than read as
 * if it were what the party sent, so no check judges the placeholder (bodyOf says why JSON differs).
 */
import type { HeaderList } from '../trace/types';
import type { HarExchange } from './parse';
import { isRecord } from '../fields';

/** The creator name an Inspector export is read under (there is no `log.creator` in the file). */
export const INSPECTOR_CREATOR = 'MCP Inspector';

/** The Inspector's placeholder for a secret it will not write to a file. */
export const INSPECTOR_REDACTED = '[REDACTED]';

/** An Inspector export is a list whose entries have a method, a URL and a status or request headers. */
export function isInspectorExport(root: unknown): root is unknown[] {
  return (
    Array.isArray(root) &&
    root.length > 0 &&
    root.every(
      (item) =>
        isRecord(item) &&
        typeof item.method === 'string' &&
        typeof item.url === 'string' &&
        ('responseStatus' in item || isRecord(item.requestHeaders)),
    )
  );
}

/** Its headers are an object; a redacted value is left out (the header's presence is not its value). */
function headersOf(value: unknown): { list: HeaderList; redacted: boolean } {
  const list: HeaderList = [];
  let redacted = false;
  if (!isRecord(value)) return { list, redacted };
  for (const [name, v] of Object.entries(value)) {
    if (typeof v !== 'string') continue;
    if (v === INSPECTOR_REDACTED) redacted = true;
    else list.push([name, v]);
  }
  return { list, redacted };
}

/**
 * A body with redacted values. In a form (the token request: code, code_verifier, refresh_token) the
 * fields are dropped: a placeholder would be judged as the value sent. In JSON (a token response) the
 * placeholder stays: that a token was issued, and its `expires_in`, are facts the checks need, and a
 * value that is not a JWT is read as an opaque token, never decoded.
 */
function bodyOf(value: unknown): { body: string | null; redacted: boolean } {
  if (typeof value !== 'string') return { body: null, redacted: false };
  const redacted =
    value.includes(INSPECTOR_REDACTED) || value.includes(encodeURIComponent(INSPECTOR_REDACTED));
  if (!redacted || value.trimStart().startsWith('{') || value.trimStart().startsWith('['))
    return { body: value, redacted };
  const form = new URLSearchParams(value);
  for (const [name, v] of [...form]) if (v === INSPECTOR_REDACTED) form.delete(name);
  return { body: form.toString(), redacted: true };
}

export interface InspectorRead {
  exchanges: HarExchange[];
  skipped: number;
  redacted: number;
}

/** The export's entries as exchanges, in the order they were sent. */
export function readInspectorExport(entries: readonly unknown[], limit: number): InspectorRead {
  const exchanges: HarExchange[] = [];
  let skipped = 0;
  let redacted = 0;
  entries.slice(0, limit).forEach((entry, index) => {
    if (
      !isRecord(entry) ||
      typeof entry.url !== 'string' ||
      typeof entry.method !== 'string' ||
      !URL.canParse(entry.url)
    ) {
      skipped++;
      return;
    }
    const url = new URL(entry.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      skipped++;
      return;
    }
    const requestHeaders = headersOf(entry.requestHeaders);
    const responseHeaders = headersOf(entry.responseHeaders);
    const requestBody = bodyOf(entry.requestBody);
    const responseBody = bodyOf(entry.responseBody);
    if (requestHeaders.redacted || responseHeaders.redacted || requestBody.redacted || responseBody.redacted)
      redacted++;
    const status =
      typeof entry.responseStatus === 'number' && Number.isInteger(entry.responseStatus)
        ? entry.responseStatus
        : 0;
    exchanges.push({
      index,
      started: typeof entry.timestamp === 'string' ? Date.parse(entry.timestamp) : Number.NaN,
      method: entry.method.toUpperCase(),
      url: url.href,
      requestHeaders: requestHeaders.list,
      requestBody: requestBody.body,
      status: status >= 100 && status <= 599 ? status : 0,
      statusText: typeof entry.responseStatusText === 'string' ? entry.responseStatusText : '',
      responseHeaders: responseHeaders.list,
      responseBody: responseBody.body,
    });
  });
  return { exchanges, skipped, redacted };
}
