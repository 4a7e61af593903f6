#!/usr/bin/env node
/**
 * A headless "browser" for the interop tests, given to MCP clients as $BROWSER: it opens the URL
 * it is given by following redirects with fetch, hop by hop, and only on loopback (127.0.0.1,
 * localhost), so a client under test can never make it leave the machine. Against a world started
 * with --auto-approve that is the whole sign-in: the last hop is the client's own callback.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const log = process.env.STUB_BROWSER_LOG;

async function follow(start) {
  let current = start;
  for (let hop = 0; hop < 10; hop++) {
    const url = new URL(current);
    if (!LOOPBACK.has(url.hostname) || !['http:', 'https:'].includes(url.protocol)) {
      throw new Error(`refusing to open ${url.origin}: loopback only`);
    }
    const response = await fetch(url, { redirect: 'manual' });
    await response.arrayBuffer();
    if (log) (await import('node:fs')).appendFileSync(log, `${response.status} ${url.href}\n`);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return;
    current = new URL(location, url).href;
  }
}

const target = process.argv[2];
if (!target) process.exit(64);
follow(target).then(
  () => process.exit(0),
  (error) => {
    console.error(String(error));
    process.exit(1);
  },
);
