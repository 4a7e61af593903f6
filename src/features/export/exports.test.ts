// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { Stepper } from '../../sim/flow/stepper';
import type { RunConfig } from '../../sim/flow/simulation';
import { toMermaid } from '../../sim/trace/export';
import type { TraceEvent } from '../../sim/trace/types';
import { createMasker } from '../../run/view/mask';
import { messageLabel } from '../../run/trace/describe';
import { fileBase, harFile, mermaidFile, svgFile } from './exports';
import { escapeXml } from './svg';

const CONFIG: RunConfig = { seed: 'demo', scenario: 'refresh', registration: 'dcr' };
const ATTACK: RunConfig = {
  seed: 'demo',
  scenario: 'first-connection',
  registration: 'cimd',
  attack: { id: 'stolen-code-no-pkce', defence: 'off' },
};
let trace: readonly TraceEvent[] = [];
let attackTrace: readonly TraceEvent[] = [];

async function run(config: RunConfig) {
  const stepper = new Stepper(config);
  await stepper.runToEnd();
  return stepper.trace;
}

beforeAll(async () => {
  trace = await run(CONFIG);
  attackTrace = await run(ATTACK);
});

interface Har {
  log: {
    version: string;
    entries: {
      request: { method: string; url: string; postData?: { text: string } };
      response: { status: number };
    }[];
  };
}

describe('exports of a run', () => {
  it('Mermaid is exactly the core toMermaid of the trace', () => {
    expect(mermaidFile(trace)).toBe(toMermaid(trace));
    expect(
      mermaidFile(trace)
        .split('\n')
        .filter((l) => /->>|-->>|-\)|Note over/.test(l)),
    ).toHaveLength(trace.length);
  });

  it('HAR is valid JSON with one entry per exchange, in order, with the real values', () => {
    const har = JSON.parse(harFile(trace)) as Har;
    expect(har.log.version).toBe('1.2');
    const exchanges = trace.filter((e) => e.kind === 'response');
    expect(har.log.entries).toHaveLength(exchanges.length);
    har.log.entries.forEach((entry, i) => {
      const e = exchanges[i];
      expect(e?.kind).toBe('response');
      if (e?.kind !== 'response') return;
      expect(entry.request.url).toBe(e.request.url);
      expect(entry.request.method).toBe(e.request.method);
      expect(entry.response.status).toBe(e.response?.status ?? 0);
    });
    expect(harFile(trace)).toMatch(/grant_type=refresh_token&refresh_token=[A-Za-z0-9_-]{20,}/);
  });

  it('the masked HAR still parses and carries no secret', () => {
    const mask = createMasker(trace);
    const text = harFile(trace, mask);
    const har = JSON.parse(text) as Har;
    expect(har.log.entries).toHaveLength(trace.filter((e) => e.kind === 'response').length);
    expect(text).not.toMatch(/eyJhbGciOi/);
    const token = har.log.entries.find((e) => e.request.postData?.text.includes('grant_type=refresh_token'));
    expect(token?.request.postData?.text).toMatch(/refresh_token=[^&]{3}•••••/);
  });

  it('the SVG is a standalone document with every lane and every message label', () => {
    for (const [run, config] of [
      [trace, CONFIG],
      [attackTrace, ATTACK],
    ] as const) {
      const svg = svgFile(run, config);
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      expect(doc.querySelector('parsererror')).toBeNull();
      expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
      expect(doc.querySelectorAll('g.message')).toHaveLength(run.length);
      for (const event of run) expect(svg).toContain(escapeXml(`${event.seq + 1}. ${messageLabel(event)}`));
      expect(svg).not.toMatch(/<link|href="http|@import|url\(http/);
    }
    expect(svgFile(attackTrace, ATTACK)).toContain('Attacker');
  });

  it('names files after the run', () => {
    expect(fileBase(CONFIG, 39)).toBe('mcp-oauth-refresh-dcr-39');
    expect(fileBase({ ...ATTACK, seed: 'class 7/b' }, 28)).toBe(
      'mcp-oauth-stolen-code-no-pkce-defence-off-cimd-class_7_b-28',
    );
  });

  it.each([
    ['enterprise', { seed: 'demo', scenario: 'enterprise', registration: 'cimd' }],
    ['dpop', { seed: 'demo', scenario: 'dpop', registration: 'cimd' }],
    ['client-credentials-jwt', { seed: 'demo', scenario: 'client-credentials-jwt', registration: 'cimd' }],
    [
      'id-jag-misuse',
      {
        seed: 'demo',
        scenario: 'enterprise',
        registration: 'cimd',
        attack: { id: 'id-jag-misuse', defence: 'off' },
      },
    ],
  ] satisfies [string, RunConfig][])('the new flows export like the old: %s', async (_name, config) => {
    const flow = await run(config);
    const mermaid = mermaidFile(flow);
    expect(mermaid.split('\n').filter((l) => /->>|-->>|-\)|Note over/.test(l))).toHaveLength(flow.length);
    const har = JSON.parse(harFile(flow)) as Har;
    expect(har.log.entries).toHaveLength(flow.filter((e) => e.kind === 'response').length);
    if (config.scenario === 'enterprise') {
      expect(mermaid).toMatch(/participant \w+ as Enterprise IdP/);
      expect(harFile(flow)).toContain('urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange');
    }
    if (config.scenario === 'dpop')
      expect(har.log.entries.some((e) => JSON.stringify(e).includes('"name":"DPoP"'))).toBe(true);
    // Hidden secrets: no JWT of any kind (ID token, ID-JAG, assertion, DPoP proof) is left readable.
    const masked = harFile(flow, createMasker(flow));
    expect(masked).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
    expect(() => svgFile(flow, config)).not.toThrow();
  });
});
