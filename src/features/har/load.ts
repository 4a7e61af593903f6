/**
 * Getting a HAR's text into the page: a file the user picked or dropped (read here, never sent
 * anywhere), or, from a deep link, a file on this site's own origin. The size is checked before a
 * byte is read, so a 50 MB export is refused at once, and a stream past the limit is cut off.
 */
import { importHar, MAX_HAR_BYTES, sizeProblem, tooLarge } from '../../sim/har';
import type { HarImport } from '../../sim/har';

export type Opened = { ok: true; value: HarImport } | { ok: false; message: string };

async function fromText(text: string): Promise<Opened> {
  const result = await importHar(text);
  return result.ok ? result : { ok: false, message: result.problem.message };
}

export async function openFile(file: Blob): Promise<Opened> {
  const oversize = sizeProblem(file.size);
  if (oversize) return { ok: false, message: oversize.message };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, message: 'This file could not be read (was it moved or deleted?).' };
  }
  return fromText(text);
}

/**
 * Only a URL on the page's own origin: a link must not make the page fetch from elsewhere (the
 * Content-Security-Policy forbids it anyway), nor open a file someone else chose to host.
 */
export function sameOriginUrl(
  raw: string,
  page: string,
): { ok: true; url: URL } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(raw, page);
  } catch {
    return { ok: false, message: `The link names a HAR at "${raw}", which is not a URL.` };
  }
  const origin = new URL(page).origin;
  if (url.origin !== origin || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return {
      ok: false,
      message: `The link asks to open a HAR from ${url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol}, which is not this site (${origin}). A link may only open a HAR on this site's own origin; to check a file from elsewhere, save it and open it here.`,
    };
  }
  return { ok: true, url };
}

/** Reads a response body up to the limit; null when it goes past it. */
async function readCapped(response: Response): Promise<string | null> {
  const reader = response.body?.getReader();
  if (!reader) return response.text();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_HAR_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

export async function openUrl(url: URL, fetcher: typeof fetch = fetch): Promise<Opened> {
  let response: Response;
  try {
    // No redirects: a same-origin URL must not become another one on the way.
    response = await fetcher(url, { credentials: 'same-origin', redirect: 'error', cache: 'no-store' });
  } catch {
    return {
      ok: false,
      message: `The HAR at ${url.pathname} could not be fetched (the network failed, or it redirects).`,
    };
  }
  if (!response.ok)
    return {
      ok: false,
      message: `The HAR at ${url.pathname} could not be fetched: the server answered ${response.status}.`,
    };
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const oversize = Number.isFinite(declared) ? sizeProblem(declared) : null;
  if (oversize) return { ok: false, message: oversize.message };
  const text = await readCapped(response);
  if (text === null)
    return {
      ok: false,
      message: tooLarge('This file is too large').message,
    };
  return fromText(text);
}
