// Your own flow, in a real Chromium: a world started on loopback in this process (the real-wire
// servers, src/realwire/worldServer.ts), a browser-based MCP client in a Chromium page whose
// traffic Chromium itself records as a HAR (playwright's recordHar), and that HAR opened in the app
// with the file picker and with a same-origin deep link. The world issues 30-day tokens
// (as-long-lived-tokens), so exactly one rule is broken: A-14, marked on the token response's arrow.
// Bad files get their message; a link to another origin is refused without a request.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWorldServer } from '../src/realwire/worldServer';
import type { E2eTest } from './harness';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The loopback redirect URI a desktop client would listen on: answers the browser, remembers the URL. */
async function callbackListener() {
  const server = createServer((req, res) => {
    res
      .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      .end('<!doctype html><title>ok</title>ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/callback`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * A browser-based MCP client, run in a page on the world's own origin (the world refuses other
 * origins, S-23): discovery, registration, the authorization request as a navigation, the token
 * request and a call with the token. Chromium records every request and response it makes.
 */
async function recordFlow(browser: Browser, path: string): Promise<void> {
  const world = await startWorldServer({
    port: 0,
    autoApprove: true,
    vulnerabilities: ['as-long-lived-tokens'],
  });
  const callback = await callbackListener();
  const context = await browser.newContext({ recordHar: { path, content: 'embed' } });
  // tsx compiles this file with esbuild's keepNames, which wraps the named helpers inside the
  // functions below in a `__name` call; page.evaluate sends them to a page that has no `__name`.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  try {
    const page = await context.newPage();
    const prmUrl = `${world.origin}/.well-known/oauth-protected-resource/mcp`;
    await page.goto(prmUrl);
    const rpc = (method: string, token?: string) => ({
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        'MCP-Protocol-Version': '2026-07-28',
        'Mcp-Method': method,
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method,
        params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } },
      }),
    });
    const authorizeUrl = await page.evaluate(
      async ({ redirectUri, first }: { redirectUri: string; first: RequestInit }) => {
        const challenge = await fetch('/mcp', first);
        const header = challenge.headers.get('www-authenticate') ?? '';
        const metadataUrl = /resource_metadata="([^"]+)"/.exec(header)?.[1] ?? '';
        const scope = /scope="([^"]+)"/.exec(header)?.[1] ?? '';
        const prm = (await (await fetch(metadataUrl)).json()) as {
          resource: string;
          authorization_servers: string[];
        };
        const issuer = new URL(prm.authorization_servers[0] ?? '');
        const as = (await (
          await fetch(`/.well-known/oauth-authorization-server${issuer.pathname}`)
        ).json()) as {
          registration_endpoint: string;
          authorization_endpoint: string;
          token_endpoint: string;
        };
        const registration = (await (
          await fetch(as.registration_endpoint, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              client_name: 'Browser client (e2e)',
              redirect_uris: [redirectUri],
              token_endpoint_auth_method: 'none',
              grant_types: ['authorization_code', 'refresh_token'],
              application_type: 'native',
            }),
          })
        ).json()) as { client_id: string };
        const bytes = crypto.getRandomValues(new Uint8Array(32));
        const b64 = (data: ArrayBuffer | Uint8Array) =>
          btoa(String.fromCharCode(...new Uint8Array(data)))
            .replace(/\+/g, '-')
            .replace(/\//g, '_')
            .replace(/=+$/, '');
        const verifier = b64(bytes);
        const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
        sessionStorage.setItem(
          'flow',
          JSON.stringify({ verifier, clientId: registration.client_id, as, prm }),
        );
        const url = new URL(as.authorization_endpoint);
        for (const [name, value] of Object.entries({
          response_type: 'code',
          client_id: registration.client_id,
          redirect_uri: redirectUri,
          state: b64(crypto.getRandomValues(new Uint8Array(16))),
          code_challenge: b64(digest),
          code_challenge_method: 'S256',
          scope,
          resource: prm.resource,
        }))
          url.searchParams.set(name, value);
        return url.href;
      },
      { redirectUri: callback.url, first: rpc('tools/list') },
    );
    // The authorization request is a navigation; the world signs the demo user in and approves.
    await page.goto(authorizeUrl);
    const code = new URL(page.url()).searchParams.get('code');
    assert.ok(code, `the browser came back with a code (at ${page.url()})`);
    await page.goto(prmUrl);
    const status = await page.evaluate(
      async ({
        code,
        redirectUri,
        call,
      }: {
        code: string;
        redirectUri: string;
        call: { method: string; headers: Record<string, string>; body: string };
      }) => {
        const { verifier, clientId, as, prm } = JSON.parse(sessionStorage.getItem('flow') ?? '{}') as {
          verifier: string;
          clientId: string;
          as: { token_endpoint: string };
          prm: { resource: string };
        };
        const token = (await (
          await fetch(as.token_endpoint, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
              grant_type: 'authorization_code',
              code,
              redirect_uri: redirectUri,
              client_id: clientId,
              code_verifier: verifier,
              resource: prm.resource,
            }),
          })
        ).json()) as { access_token: string };
        call.headers.Authorization = `Bearer ${token.access_token}`;
        return (await fetch('/mcp', call)).status;
      },
      { code, redirectUri: callback.url, call: rpc('tools/list') },
    );
    assert.equal(status, 200, 'the call with the token succeeded');
  } finally {
    await context.close(); // writes the HAR
    await callback.close();
    await world.close();
  }
}

async function openHar(page: Page, path: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(path);
  await page.getByRole('region', { name: 'What the recording shows' }).waitFor();
  await page.locator('.seq-label').first().waitFor();
}

export const harTests: E2eTest[] = [
  {
    name: 'your flow: a HAR Chromium recorded against a world on loopback is drawn, checked and explained',
    slug: 'har',
    options: { viewport: DESKTOP },
    async run(s) {
      const { page } = s;
      const dir = await mkdtemp(join(tmpdir(), 'mcp-har-'));
      const har = join(dir, 'chromium.har');
      try {
        const browser = page.context().browser();
        assert.ok(browser, 'the page has a browser');
        await recordFlow(browser, har);
        const recorded = JSON.parse(await readFile(har, 'utf8')) as { log: { entries: unknown[] } };
        assert.ok(recorded.log.entries.length >= 7, 'Chromium recorded the flow');

        await s.go('#/har');
        await page.getByRole('heading', { level: 1, name: 'Check your own flow' }).waitFor();
        await openHar(page, har);
        const summary = page.getByRole('region', { name: 'What the recording shows' });
        assert.match(await summary.innerText(), /1 rule broken \(0 MUST-level\)/);
        // The parties, recognised from the documents: the browser visits the authorization endpoint
        // and brings the code back to the client's redirect URI; the client sends everything else.
        const routes = await page.locator('[role="listbox"] .message__route').allInnerTexts();
        assert.deepEqual([...new Set(routes)].sort(), [
          'Auth server → Browser',
          'Auth server → Client',
          'Browser → Auth server',
          'Browser → Client',
          'Client → Auth server',
          'Client → Browser',
          'Client → MCP server',
          'MCP server → Client',
        ]);
        // The broken rule is on the token response's arrow, and the inspector explains it.
        const marked = page.locator('.seq-label--broken');
        assert.equal(await marked.count(), 1);
        assert.match(await marked.innerText(), /A-14/);
        const inspector = page.getByRole('region', { name: /^Inspector/ });
        assert.match(
          await inspector.innerText(),
          /A-14[\s\S]*Issue short-lived access tokens[\s\S]*How to fix it/,
        );
        // Tokens are masked until revealed.
        await inspector.getByRole('tab', { name: 'Response' }).click();
        assert.match(await inspector.innerText(), /"access_token": "eyJ•••••"/);
        await page.getByRole('button', { name: 'Reveal tokens and codes' }).click();
        assert.match(await inspector.innerText(), /"access_token": "eyJ[A-Za-z0-9_-]{20}/);
        await page.getByRole('button', { name: 'Hide tokens and codes' }).click();
        await s.axe('#/har with a recording');
        await s.screenshot('har-1440x900');
        await page.setViewportSize(PHONE);
        await page.waitForTimeout(300);
        await s.screenshot('har-390x844');
        await page.setViewportSize(DESKTOP);

        // The same file from a deep link on this origin.
        const text = await readFile(har, 'utf8');
        await page.route(`${s.origin}/flows/chromium.har`, (route) =>
          route.fulfill({ status: 200, contentType: 'application/json', body: text }),
        );
        await page.goto(`${s.origin}/#/har?url=flows/chromium.har`);
        await page.getByRole('heading', { level: 1, name: /chromium\.har/ }).waitFor();
        assert.match(
          await page.getByRole('region', { name: 'What the recording shows' }).innerText(),
          /A-14/,
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'your flow: bad files and a link to another origin get a clear message',
    slug: 'har-bad',
    async run(s) {
      const { page } = s;
      await s.go('#/har');
      const input = page.locator('input[type=file]');
      const alert = page.getByRole('alert');
      await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
      assert.match(await alert.innerText(), /notes\.txt: This file is not JSON/);
      await input.setInputFiles({
        name: 'cut.har',
        mimeType: 'application/json',
        buffer: Buffer.from('{"log": {"entries": [{"req'),
      });
      assert.match(await alert.innerText(), /cut\.har: This file ends before its JSON does/);
      await input.setInputFiles({
        name: 'package.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"name": "x"}'),
      });
      assert.match(await alert.innerText(), /not a HAR/);
      await s.axe('#/har with an error');
      // A link to a HAR elsewhere is refused before any request (the harness fails on one leaving).
      await page.goto(`${s.origin}/#/har?url=${encodeURIComponent('https://elsewhere.example/flow.har')}`);
      await alert.waitFor();
      assert.match(await alert.innerText(), /which is not this site/);
    },
  },
];
