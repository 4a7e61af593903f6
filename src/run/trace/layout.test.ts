import { describe, expect, it } from 'vitest';
import { runFlow } from '../../sim/flow/simulation';
import type { TraceEvent } from '../../sim/trace/types';
import { DEFAULT_LAYOUT, fitLabel, layoutSequence, lanesFor } from './layout';
import type { MessageBox } from './layout';

const note = (seq: number, over: Partial<TraceEvent> = {}): TraceEvent =>
  ({
    kind: 'internal',
    seq,
    stepId: 'validate-token',
    from: 'mcp',
    to: 'mcp',
    at: 0,
    title: 'Token valid',
    detail: { summary: 'ok' },
    ...over,
  }) as TraceEvent;

/** The horizontal extent a label can occupy, from its anchor, alignment and room. */
function labelExtent(m: MessageBox): [number, number] {
  if (m.labelAlign === 'center') return [m.labelX - m.labelMaxWidth / 2, m.labelX + m.labelMaxWidth / 2];
  if (m.labelAlign === 'start') return [m.labelX, m.labelX + m.labelMaxWidth];
  return [m.labelX - m.labelMaxWidth, m.labelX];
}

describe('layoutSequence', () => {
  it('draws the four core lanes, labelled as the spec labels them, before any message', () => {
    const layout = layoutSequence([]);
    expect(layout.lanes.map((l) => l.label)).toEqual([
      'Client',
      'User-Agent (Browser)',
      'MCP Server (Resource Server)',
      'Authorization Server',
    ]);
    expect(layout.messages).toHaveLength(0);
    expect(layout.nextY).toBeGreaterThan(DEFAULT_LAYOUT.headerHeight);
  });

  it('adds the Attacker lane only when the trace uses it', () => {
    const attack = note(0, {
      kind: 'handoff',
      from: 'attacker',
      to: 'browser',
      mark: 'attacker',
    });
    expect(lanesFor([attack], DEFAULT_LAYOUT.lanes)).toContain('attacker');
    expect(layoutSequence([attack]).lanes).toHaveLength(5);
    expect(layoutSequence([note(0)]).lanes).toHaveLength(4);
  });

  it('gives every message its own row, so 50+ labels never overlap', async () => {
    const { trace } = await runFlow({ seed: 'demo', scenario: 'step-up', registration: 'dcr' });
    expect(trace.length).toBeGreaterThanOrEqual(50);
    const layout = layoutSequence(trace);
    const ys = layout.messages.map((m) => m.y);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBe(DEFAULT_LAYOUT.rowHeight);
    expect(layout.height).toBeGreaterThan(ys.at(-1)!);
    for (const m of layout.messages) {
      // Each label fits the room it has, and that room lies inside the diagram.
      expect(m.shortLabel.length * DEFAULT_LAYOUT.charWidth + DEFAULT_LAYOUT.badgeWidth).toBeLessThanOrEqual(
        m.labelMaxWidth + DEFAULT_LAYOUT.charWidth,
      );
      const [left, right] = labelExtent(m);
      expect(left).toBeGreaterThanOrEqual(0);
      expect(right).toBeLessThanOrEqual(layout.width);
    }
  });

  it('keeps earlier rows where they were when the trace grows', async () => {
    const { trace } = await runFlow({ seed: 'demo', scenario: 'first-connection', registration: 'dcr' });
    const before = layoutSequence(trace.slice(0, 10));
    const after = layoutSequence(trace);
    expect(after.messages.slice(0, 10)).toEqual(before.messages);
  });

  it('draws requests and responses between the right lanes, in the right direction', async () => {
    const { trace } = await runFlow({ seed: 'demo', scenario: 'first-connection', registration: 'dcr' });
    const layout = layoutSequence(trace);
    const [first, second] = layout.messages;
    expect(first).toMatchObject({
      from: 'client',
      to: 'mcp',
      direction: 'right',
      label: 'POST /mcp',
      tone: 'normal',
    });
    expect(second).toMatchObject({
      from: 'mcp',
      to: 'client',
      direction: 'left',
      label: '401 Unauthorized',
      tone: 'error',
    });
    const internal = layout.messages.find((m) => m.kind === 'internal');
    expect(internal?.direction).toBe('self');
  });

  it('puts a self-arrow label on the left for the rightmost lane, inside the diagram', () => {
    const layout = layoutSequence([note(0, { from: 'as', to: 'as', title: 'PKCE verified' })]);
    const [m] = layout.messages;
    expect(m?.labelAlign).toBe('end');
    expect(m!.labelX).toBeLessThan(m!.fromX);
  });

  it('flags refused checks and blocked events', () => {
    const layout = layoutSequence([
      note(0, { outcome: 'refused', title: 'Token rejected' }),
      note(1, { mark: 'blocked' }),
    ]);
    expect(layout.messages.map((m) => m.tone)).toEqual(['refused', 'blocked']);
  });
});

describe('fitLabel', () => {
  it('cuts long labels with an ellipsis and leaves short ones', () => {
    expect(fitLabel('GET /jwks', 20)).toBe('GET /jwks');
    expect(fitLabel('GET /.well-known/oauth-authorization-server', 12)).toBe('GET /.well-…');
    expect(fitLabel('GET /.well-known/oauth-authorization-server', 12)).toHaveLength(12);
  });
});
