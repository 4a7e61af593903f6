// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { options, renderSim, settled } from '../../app/simulator/testing';
import { runFlow } from '../../sim/flow/simulation';
import type { RunConfig } from '../../sim/flow/simulation';
import { isAttackerMove } from '../../run/marks/attackerMove';

afterEach(cleanup);

const title = () => document.getElementById('step-title')?.textContent;

describe('the step panel', () => {
  it('explains the message the learner selects, and leads back to the current one', async () => {
    const user = userEvent.setup();
    renderSim({ target: { kind: 'count', count: 6 } });
    await settled();
    const current = title();
    await user.click(screen.getByRole('option', { name: /POST \/mcp/ }));
    await waitFor(() => expect(title()).toBe('MCP request without a token'));
    expect(screen.getByText(/You selected message 1; the run is at message 6/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back to message 6' }));
    await waitFor(() => expect(title()).toBe(current));
    expect(screen.queryByText(/You selected message/)).toBeNull();
  });

  it("in an attack run, offers to skip to the attacker's first move, found by running the flow", async () => {
    const config: RunConfig = {
      seed: 'demo',
      scenario: 'first-connection',
      registration: 'preregistered',
      attack: { id: 'wrong-audience', defence: 'on' },
    };
    const { trace } = await runFlow(config);
    const first = trace.findIndex(isAttackerMove);
    expect(first).toBeGreaterThan(10);
    const user = userEvent.setup();
    renderSim({ config, target: { kind: 'count', count: 0 } });
    await settled();
    // A fresh attack run opens on the lab, which offers it too; the step panel is a tab away.
    const name = `Skip to the attacker's first move (message ${first + 1})`;
    expect(await screen.findByRole('button', { name }, { timeout: 10000 })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: /Step & inspector/ }));
    const skip = await screen.findByRole(
      'button',
      { name: `Skip to the attacker's first move (message ${first + 1})` },
      { timeout: 10000 },
    );
    await user.click(skip);
    await settled();
    await waitFor(() => expect(options()).toHaveLength(first + 1));
    expect(isAttackerMove(trace[first]!)).toBe(true);
    expect(screen.getByText(new RegExp(`^Step ${first + 1} ·`))).toBeInTheDocument();
    // Reached: no more offer.
    expect(screen.queryByRole('button', { name: /Skip to the attacker/ })).toBeNull();
  });
});
