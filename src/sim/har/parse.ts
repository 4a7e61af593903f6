/**
 * Reading a HAR file (HAR 1.2, http://www.softwareishard.com/blog/har-12-spec/) from any source: our
 * own CLI and world, a browser's developer tools (Chromium adds `_resourceType`, base64 bodies,
 * HTTP/2 pseudo-headers), or another tool. Everything is read through type guards: an entry that
 * is not what HAR says it is is skipped with a note, never trusted, and bad input of any kind
 * (not JSON, cut off, not a HAR, too large) is a clear message, never a throw.
 */
import type { HeaderList } from '../trace/types';
import { INSPECTOR_CREATOR, isInspectorExport, readInspectorExport } from './inspector';
import { isRecord } from '../fields';

/** The largest file read at all: a browser's export of a whole session can run to hundreds of MB. */
export const MAX_HAR_BYTES = 20 * 1024 * 1024;

/** Entries read from one file; the rest are left out with a note. */
export const MAX_ENTRIES = 5_000;

/** One recorded exchange, as plain data. */
export interface HarExchange {
  /** Position in the file, from 0. */
  index: number;
  /** Milliseconds since the epoch; NaN when the entry has no readable start time. */
  started: number;
  method: string;
  url: string;
  requestHeaders: HeaderList;
  requestBody: string | null;
  /** 0 when no response was received (a network error, a blocked request). */
  status: number;
  statusText: string;
  responseHeaders: HeaderList;
  responseBody: string | null;
}

export type HarProblemKind = 'too-large' | 'empty' | 'not-json' | 'truncated' | 'not-har';

export interface HarProblem {
  kind: HarProblemKind;
  message: string;
}

export type HarRead =
  | { ok: true; exchanges: HarExchange[]; notes: string[]; creator: string | null }
  | { ok: false; problem: HarProblem };

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Checked before a byte is read: a file past the limit is refused by its size alone. */
export function sizeProblem(bytes: number): HarProblem | null {
  return bytes <= MAX_HAR_BYTES ? null : tooLarge(`This file is ${megabytes(bytes)}`);
}

/** The same refusal for a file whose size shows only as it arrives (a stream past the limit). */
export function tooLarge(what = 'This file is larger than that'): HarProblem {
  return {
    kind: 'too-large',
    message: `${what}; the limit is ${megabytes(MAX_HAR_BYTES)}. Record only the flow you want to check (clear the Network panel, connect, export), or filter the panel to the MCP server and its authorization server before exporting.`,
  };
}

/** HAR headers: [{ name, value }]; HTTP/2 pseudo-headers (":authority") are not headers. */
function headersOf(value: unknown): HeaderList {
  if (!Array.isArray(value)) return [];
  const list: HeaderList = [];
  for (const item of value) {
    if (isRecord(item) && typeof item.name === 'string' && typeof item.value === 'string') {
      if (!item.name.startsWith(':')) list.push([item.name, item.value]);
    }
  }
  return list;
}

/** postData: its text, or (some exporters) its params, encoded as the form they were. */
function requestBodyOf(postData: unknown): string | null {
  if (!isRecord(postData)) return null;
  if (typeof postData.text === 'string') return postData.text;
  if (!Array.isArray(postData.params)) return null;
  const form = new URLSearchParams();
  for (const p of postData.params) {
    if (isRecord(p) && typeof p.name === 'string')
      form.append(p.name, typeof p.value === 'string' ? p.value : '');
  }
  return form.toString();
}

function decodeBase64(text: string): string | null {
  try {
    const bytes = Uint8Array.from(atob(text.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** content.text, decoded when the exporter says it is base64 (Chromium does, for some types). */
function responseBodyOf(content: unknown): string | null {
  if (!isRecord(content) || typeof content.text !== 'string') return null;
  if (content.encoding === 'base64') return decodeBase64(content.text);
  return content.text;
}

type EntryRead = { ok: true; exchange: HarExchange } | { ok: false; why: string; silent?: boolean };

function readEntry(entry: unknown, index: number): EntryRead {
  if (!isRecord(entry) || !isRecord(entry.request)) return { ok: false, why: 'it has no request' };
  const { request } = entry;
  if (typeof request.url !== 'string' || typeof request.method !== 'string')
    return { ok: false, why: 'its request has no URL or method' };
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { ok: false, why: 'its URL is not a URL' };
  }
  // data:, blob:, ws:, chrome-extension: and the like are not HTTP exchanges.
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, why: 'not HTTP', silent: true };
  const method = request.method.toUpperCase();
  // A CORS preflight is the browser asking permission, not a message of the flow.
  if (method === 'OPTIONS') return { ok: false, why: 'a CORS preflight', silent: true };
  const response = isRecord(entry.response) ? entry.response : {};
  const status =
    typeof response.status === 'number' && Number.isInteger(response.status) ? response.status : 0;
  const started = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : Number.NaN;
  return {
    ok: true,
    exchange: {
      index,
      started,
      method,
      url: url.href,
      requestHeaders: headersOf(request.headers),
      requestBody: requestBodyOf(request.postData),
      status: status >= 100 && status <= 599 ? status : 0,
      statusText: typeof response.statusText === 'string' ? response.statusText : '',
      responseHeaders: headersOf(response.headers),
      responseBody: responseBodyOf(response.content),
    },
  };
}

/** Why JSON.parse refused the text, in words a person can act on. */
function jsonProblem(text: string): HarProblem {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
    return {
      kind: 'not-json',
      message:
        'This file is not JSON, so it is not a HAR. A HAR is the JSON file a browser saves from its Network panel ("Save all as HAR"), or that npm run client -- <url> --trace flow.har writes.',
    };
  }
  const looksLikeHar = /"log"\s*:/.test(trimmed.slice(0, 2000));
  if (!trimmed.endsWith('}') && !trimmed.endsWith(']')) {
    return {
      kind: 'truncated',
      message: `This file ends before its JSON does: it looks cut off${looksLikeHar ? ' (a HAR whose download or copy did not finish)' : ''}. Export it again.`,
    };
  }
  return {
    kind: 'not-json',
    message: `This file starts like JSON but is not valid JSON${looksLikeHar ? ', though it looks like a HAR: it may have been edited by hand or cut' : ''}. Export it again.`,
  };
}

/** The MCP Inspector's network export (inspector.ts), read as the exchanges a HAR would give. */
function inspectorRead(entries: readonly unknown[]): HarRead {
  const { exchanges, skipped, redacted } = readInspectorExport(entries, MAX_ENTRIES);
  const notes = [
    "An MCP Inspector network export: it records the Inspector's own requests, not the browser's visit to the authorization endpoint or the redirect back, so the authorization request and the callback cannot be checked.",
  ];
  if (entries.length > MAX_ENTRIES)
    notes.push(`The file has ${entries.length} entries; the first ${MAX_ENTRIES} were read.`);
  if (skipped > 0)
    notes.push(`${skipped} ${skipped === 1 ? 'entry' : 'entries'} without an HTTP URL left out.`);
  if (redacted > 0)
    notes.push(
      `The Inspector wrote secrets as [REDACTED] in ${redacted} ${redacted === 1 ? 'request' : 'requests'} (codes, verifiers, tokens, the Authorization header): those values are left out, and what needs them is not checked.`,
    );
  if (exchanges.every((e) => Number.isFinite(e.started)))
    exchanges.sort((a, b) => a.started - b.started || a.index - b.index);
  return { ok: true, exchanges, notes, creator: INSPECTOR_CREATOR };
}

/** Reads a HAR's text (or an MCP Inspector network export). Never throws. */
export function readHar(text: string): HarRead {
  const size = sizeProblem(new TextEncoder().encode(text).length);
  if (size) return { ok: false, problem: size };
  if (text.trim() === '') return { ok: false, problem: { kind: 'empty', message: 'This file is empty.' } };
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return { ok: false, problem: jsonProblem(text) };
  }
  if (isInspectorExport(root)) return inspectorRead(root);
  if (!isRecord(root) || !isRecord(root.log) || !Array.isArray(root.log.entries)) {
    return {
      ok: false,
      problem: {
        kind: 'not-har',
        message:
          'This is JSON, but not a HAR: a HAR has a "log" with a list of "entries", one per request. Save the Network panel with "Save all as HAR", or record with npm run client -- <url> --trace flow.har.',
      },
    };
  }
  const { log } = root;
  const creator = isRecord(log.creator) && typeof log.creator.name === 'string' ? log.creator.name : null;
  const all: readonly unknown[] = Array.isArray(log.entries) ? log.entries : [];
  const notes: string[] = [];
  if (all.length > MAX_ENTRIES)
    notes.push(`The file has ${all.length} entries; the first ${MAX_ENTRIES} were read.`);
  const exchanges: HarExchange[] = [];
  const skipped: string[] = [];
  let quiet = 0;
  all.slice(0, MAX_ENTRIES).forEach((entry, index) => {
    const read = readEntry(entry, index);
    if (read.ok) exchanges.push(read.exchange);
    else if (read.silent) quiet++;
    else skipped.push(`entry ${index + 1}: ${read.why}`);
  });
  if (skipped.length > 0) {
    const shown = skipped.slice(0, 5).join('; ');
    notes.push(
      `${skipped.length} malformed ${skipped.length === 1 ? 'entry was' : 'entries were'} skipped (${shown}${skipped.length > 5 ? '; …' : ''}).`,
    );
  }
  if (quiet > 0)
    notes.push(
      `${quiet} ${quiet === 1 ? 'entry that is not an HTTP request' : 'entries that are not HTTP requests'} (CORS preflights, data: URLs) left out.`,
    );
  // In the order they were sent: exporters mostly write them so, but not always. Without a start
  // time on every entry, the file's order is the only order there is.
  if (exchanges.every((e) => Number.isFinite(e.started)))
    exchanges.sort((a, b) => a.started - b.started || a.index - b.index);
  return { ok: true, exchanges, notes, creator };
}
