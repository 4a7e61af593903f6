// A tiny static file server for dist/ on 127.0.0.1 (no dependency): enough for the built app. It serves
// the same files under SUB_PATH too, as a static host serves a site from a folder (a GitHub Pages
// project site, a folder of an LMS): the build's relative URLs must work from there.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Partial<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export const SUB_PATH = '/course/mcp-simulator/';

export interface Served {
  /** The origin, `http://127.0.0.1:<port>`. */
  url: string;
  close: () => Promise<void>;
}

/**
 * Compressed bodies, kept per file and modification time, as a static host keeps them (or serves
 * precompressed files): compressing a 300 KB chunk on every request cost this one-threaded server
 * tens of ms per file, which the benchmark then counted as the app's loading time.
 */
const compressed = new Map<string, { mtimeMs: number; body: Buffer }>();

function gzipped(file: string, mtimeMs: number, body: Buffer): Buffer {
  const kept = compressed.get(file);
  if (kept?.mtimeMs === mtimeMs) return kept.body;
  const fresh = gzipSync(body);
  compressed.set(file, { mtimeMs, body: fresh });
  return fresh;
}

/** Answers one request; never rejects (a failure is a 404). */
async function answer(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const asked = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const path = asked.startsWith(SUB_PATH) ? asked.slice(SUB_PATH.length - 1) : asked;
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    const { mtimeMs } = await stat(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    // Text is sent gzipped when the browser accepts it, as every static host does: Lighthouse's
    // figures (bench/lighthouse.ts) should measure the app, not a server without compression.
    const compress = /text|json|svg/.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding']));
    res.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      ...(compress ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
    });
    res.end(compress ? gzipped(file, mtimeMs, body) : body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
}

export function serve(root: string): Promise<Served> {
  const server = createServer((req, res) => void answer(root, req, res));
  return new Promise((resolve, reject) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error(`the server is not listening on a TCP port (${String(address)})`));
        return;
      }
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
