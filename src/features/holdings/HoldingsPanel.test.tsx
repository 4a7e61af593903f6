// @vitest-environment happy-dom
/**
 * The "Who holds what" panel against the trace of an attack: nothing of hers before the message
 * that gives her a secret, the theft shown at that very message with a link that selects it, and the
 * grid the same as the core's reading of the same run (holdings.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ATTACK_IDS } from '../../sim/attacks/ids';
import { runFlow } from '../../sim/flow/simulation';
import type { RunConfig } from '../../sim/flow/simulation';
import { options, renderSim, settled } from '../../app/simulator/testing';
import { NO_HOLDINGS } from './Holdings';
import { holdingsView } from './holdingsView';

afterEach(cleanup);

const STOLEN_TOKEN: RunConfig = {
  seed: 'demo',
  scenario: 'dpop',
  registration: 'preregistered',
  attack: { id: 'stolen-token-replay', defence: 'off' },
};

const panel = () => screen.getByRole('region', { name: 'Who holds what' });

async function showAt(config: RunConfig, count: number) {
  renderSim({ config, target: { kind: 'count', count } });
  await settled();
  await waitFor(() => expect(options()).toHaveLength(count));
}

describe('who holds what', () => {
  it('holds nothing before the first message, as the first paint draws it (NO_HOLDINGS)', () => {
    expect(holdingsView([])).toEqual(NO_HOLDINGS);
  });

  it('shows the stolen token at the message that gave it to her, and not a message before', async () => {
    const run = await runFlow(STOLEN_TOKEN);
    const thefts = holdingsView(run.trace).thefts;
    // What the attack reports she took: the notes it marked 'stolen'.
    const notes = run.trace.filter((e) => e.kind === 'internal' && e.mark === 'stolen');
    expect(notes.length).toBeGreaterThan(0);
    const first = Math.min(...thefts.map((t) => t.since));
    expect(thefts.map((t) => t.label)).toContain('Access token');
    expect(first).toBeLessThanOrEqual(Math.min(...notes.map((e) => e.seq)));

    await showAt(STOLEN_TOKEN, first);
    expect(within(panel()).queryByText('The attacker holds')).toBeNull();
    cleanup();

    const user = userEvent.setup();
    await showAt(STOLEN_TOKEN, first + 1);
    const alert = within(panel()).getByRole('status');
    expect(alert).toHaveTextContent('The attacker holds');
    const link = within(alert).getByRole('button', { name: new RegExp(`^message ${first + 1}: `) });
    expect(link.closest('li')).toHaveTextContent(/^Access token, from message/);
    // The grid agrees with the core: the attacker's column holds the token since that message.
    const row = within(panel())
      .getByRole('rowheader', { name: /^Access token/ })
      .closest('tr');
    const columns = within(panel())
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    const attacker = columns.indexOf('Attacker');
    expect(attacker).toBeGreaterThan(0);
    expect(row?.children[attacker]).toHaveTextContent(`#${first + 1}`);
    expect(row?.children[columns.indexOf('Client')]).toHaveTextContent('#');

    await user.click(link);
    await waitFor(() =>
      expect(options().find((o) => o.getAttribute('aria-selected') === 'true')).toHaveAttribute(
        'id',
        `message-${first}`,
      ),
    );
  });

  it('in a flow with no attacker: the verifier with the client alone until the token request', async () => {
    const config: RunConfig = { seed: 'demo', scenario: 'first-connection', registration: 'dcr' };
    const run = await runFlow(config);
    const token = run.trace.find((e) => e.stepId === 'token' && e.kind === 'request')?.seq ?? -1;
    await showAt(config, token);
    // Closed at first (the inspector keeps its room); the learner opens it from its summary.
    const details = panel().querySelector('details');
    expect(details?.open).toBe(false);
    await userEvent.setup().click(within(panel()).getByRole('heading', { name: 'Who holds what' }));
    expect(details?.open).toBe(true);
    const row = within(panel()).getByRole('rowheader', { name: 'PKCE code_verifier' }).closest('tr');
    const columns = within(panel())
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    const held = columns.flatMap((name, i) =>
      i > 0 && /#/.test(row?.children[i]?.textContent ?? '') ? [name] : [],
    );
    expect(held).toEqual(['Client']);
    expect(within(panel()).queryByRole('status')).toBeNull();
  });

  // Every attack, both ways, at the end of its run: the panel lists exactly what the core reads the
  // attacker holding (holdings.ts, itself tested against each attack's notes in tests/holdings.test.ts).
  it.each(ATTACK_IDS.flatMap((id) => (['off', 'on'] as const).map((defence) => ({ id, defence }))))(
    '$id, defence $defence: the panel shows what the trace says she holds',
    async ({ id, defence }) => {
      const config: RunConfig = {
        seed: 'demo',
        scenario: 'first-connection',
        registration: 'cimd',
        attack: { id, defence },
      };
      const run = await runFlow(config);
      const thefts = holdingsView(run.trace).thefts;
      await showAt(config, run.trace.length);
      const shown = within(panel())
        .queryAllByRole('listitem')
        .map((li) => li.textContent);
      expect(shown).toHaveLength(thefts.length);
      thefts.forEach((t, i) =>
        expect(shown[i]).toMatch(new RegExp(`^${t.label}, from message ${t.since + 1}: `)),
      );
      if (thefts.length === 0) expect(within(panel()).queryByRole('status')).toBeNull();
    },
  );
});
