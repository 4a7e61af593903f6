// The Content-Security-Policy has one owner (scripts/csp.ts): the build puts it in index.html, and
// docs/hosting.md gives hosts the same policy as a header. These keep the others in step with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, cspMetaTag } from '../scripts/csp';

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('the Content-Security-Policy', () => {
  it('allows nothing inline, no eval, and only the site itself (images also as data:)', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:/);
    expect(CSP_DIRECTIVES[0]).toBe("default-src 'self'");
    // frame-ancestors is ignored in a <meta> policy (and Chromium logs an error for it): header only.
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/frame-ancestors/);
    expect(cspMetaTag()).toBe(
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
    );
  });

  it('is what docs/hosting.md gives every host, with frame-ancestors only as an addition', () => {
    const doc = read('docs/hosting.md');
    const lines = doc.split('\n').filter((line) => line.includes("default-src 'self';"));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) expect(line).toContain(CONTENT_SECURITY_POLICY);
    expect(doc).toContain(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'self' https://courses.example.edu`);
  });

  it('has nothing in index.html to refuse: no inline script, handler or style', () => {
    const html = read('index.html');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = '', body = ''] of scripts) {
      expect(attributes).toMatch(/\ssrc="/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=|\sstyle=|<style/i);
  });
});
