// Per-test browser page with the checks every test shares: no console errors, no uncaught
// exceptions, no Content-Security-Policy violation (the built app ships its own policy, and every
// test runs under it), and no request leaving the page's origin (the simulated network is in-process).
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import type { EmbedMessage } from '../src/features/embed/events';

/** What the suite's page functions find on `window`, put there by the tests or the pages they drive. */
declare global {
  interface Window {
    /** The binding each test's context exposes, called for every CSP violation. */
    __reportCspViolation?: (violation: CspViolation) => void;
    /** Set by an inline script, which the app's policy must refuse (security tests). */
    __inlineScriptRan?: boolean;
    /** mermaid.min.js, loaded into a blank page to parse the exported diagram. */
    mermaid?: { parse(text: string): Promise<{ diagramType: string } | false> };
    /** The events docs/embed-example.html received from the embedded app. */
    courseEvents?: { origin: string; data: EmbedMessage }[];
  }
}

interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
  line: number;
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

export interface Session {
  page: Page;
  origin: string;
  /** Opens a hash route of the app and waits until the simulator (if shown) is ready. */
  go(hash?: string): Promise<void>;
  /** Waits until the player is not loading or stepping (the toolbar says so). */
  waitSettled(): Promise<void>;
  messageCount(): Promise<number>;
  labels(): Promise<string[]>;
  screenshot(name: string): Promise<void>;
  axe(label: string): Promise<void>;
  /** Lets the page reach another origin on purpose (a learning record store a test started). */
  allowOrigin(origin: string): void;
  /** CSP violations reported so far (a test that provokes one on purpose takes it out). */
  violations: string[];
  errors: string[];
  assertClean(): void;
  close(): Promise<void>;
}

export interface E2eTest {
  name: string;
  /** The name of its screenshot when it fails. */
  slug: string;
  options?: PageOptions;
  run(session: Session): Promise<void>;
}

const shots = join(resolve(dirname(fileURLToPath(import.meta.url))), 'screenshots');

/** An element's text; only a document or a doctype has none, so null reads as the empty string. */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

/** Runs axe on the page and fails with a short summary of each violation. */
export async function assertNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${String(v.impact)}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
  assert.deepEqual(summary, [], `axe violations in ${label}`);
}

export async function openPage(
  browser: Browser,
  origin: string,
  options: PageOptions = {},
): Promise<Session> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 720 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  // Every page of the context (the notes window too) reports each CSP violation, as it happens.
  const violations: string[] = [];
  await context.exposeBinding('__reportCspViolation', ({ page: from }, v: CspViolation) =>
    violations.push(
      `${v.directive} refused ${v.blocked || 'inline'} (${v.source}:${v.line}) in ${from.url()}`,
    ),
  );
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__reportCspViolation?.({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        source: e.sourceFile,
        line: e.lineNumber,
      }),
    );
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  const allowed = [`${origin}/`, 'data:', 'blob:'];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));

  const session: Session = {
    page,
    origin,
    async go(hash = '#/sim') {
      await page.goto(`${origin}/${hash}`);
      if (hash.startsWith('#/sim')) await session.waitSettled();
    },
    async waitSettled() {
      await page.waitForFunction(() => {
        const toolbar = document.querySelector('.toolbar');
        return (
          Boolean(document.querySelector('.react-flow')) &&
          toolbar &&
          !['loading', 'busy'].includes(toolbar.getAttribute('data-status') ?? 'loading')
        );
      });
    },
    messageCount: () => page.locator('[role="listbox"] [role="option"]').count(),
    labels: () => page.locator('.seq-label .seq-label__text').allTextContents(),
    async screenshot(name) {
      await page.screenshot({ path: join(shots, `${name}.png`) });
    },
    axe: (label) => assertNoAxeViolations(page, label),
    allowOrigin: (other) => void allowed.push(`${other}/`),
    violations,
    errors,
    assertClean() {
      assert.deepEqual(violations, [], 'Content-Security-Policy violations');
      assert.deepEqual(errors, [], 'console errors or page errors');
      const foreign = requests.filter((url) => !allowed.some((prefix) => url.startsWith(prefix)));
      assert.deepEqual(foreign, [], 'requests that left the origin');
      assert.ok(requests.length > 0, 'the page made no request at all (the recorder is broken)');
    },
    close: () => context.close(),
  };
  return session;
}
