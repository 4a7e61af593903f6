// @vitest-environment happy-dom
/**
 * A drill on screen: the simulator runs the drill's world (its fault on, named nowhere), the panel
 * takes a diagnosis by party and rule, says when the party is right and the rule is not, opens three
 * hints one at a time, and shows the answer with its fix; the result is kept per seed and reported
 * to an embedding page once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LESSONS, QUESTIONS } from '../../content/load';
import { createProgressStore } from '../../course/progress';
import type { ProgressEvent } from '../../course/progress';
import { DrillPanel } from '../../features/practice/DrillPanel';
import { PracticeIndex } from '../../features/practice/PracticeIndex';
import { PlayerContext } from '../../run/player/PlayerContext';
import { drillFor, DRILL_ORDER } from '../../sim/practice/drills';
import { FAULTS } from '../../sim/practice/faults';
import { settled } from '../simulator/testing';
import { SimulatorScreen } from '../simulator/SimulatorScreen';

afterEach(cleanup);

function memoryStore() {
  const data = new Map<string, string>();
  return createProgressStore({
    storage: {
      getItem: (k) => data.get(k) ?? null,
      setItem: (k, v) => void data.set(k, v),
      removeItem: (k) => void data.delete(k),
    },
    content: { lessons: LESSONS, questions: QUESTIONS },
  });
}

function renderDrill(seed: string) {
  const drill = drillFor(seed);
  const store = memoryStore();
  const events: ProgressEvent[] = [];
  const navigate = vi.fn();
  render(
    <PlayerContext.Provider options={{ input: { config: drill.config } }}>
      <SimulatorScreen
        drill={
          <DrillPanel
            drill={drill}
            store={store}
            navigate={navigate}
            onProgress={(e) => events.push(e)}
            newDrillHref="#/practice/next"
          />
        }
      />
    </PlayerContext.Provider>,
  );
  return { drill, store, events };
}

describe('a drill', () => {
  it('runs its world with the fault and no attack lab, and judges a diagnosis', async () => {
    // Drill 4: the authorization server advertises iss and does not send it.
    const seed = String(DRILL_ORDER.indexOf('as-iss-missing') + 1);
    const { store, events } = renderDrill(seed);
    const user = userEvent.setup();
    await settled();
    expect(screen.queryByRole('tab', { name: /Attack lab/ })).toBeNull();
    const panel = screen.getByRole('region', { name: /Drill 4/ });

    // The run shows the fault: the client discards the answer without iss.
    await user.click(screen.getByRole('button', { name: /Run to end/ }));
    await settled();
    expect(screen.getAllByText(/Response discarded/).length).toBeGreaterThan(0);

    // The client (which refused) is not the one breaking a rule.
    await user.click(within(panel).getByRole('radio', { name: 'MCP client' }));
    await user.selectOptions(within(panel).getByRole('combobox'), 'C-19');
    await user.click(within(panel).getByRole('button', { name: 'Check' }));
    expect(within(panel).getByRole('status')).toHaveTextContent(/Not that party/);

    await user.click(within(panel).getByRole('radio', { name: 'Authorization server' }));
    await user.selectOptions(within(panel).getByRole('combobox'), 'A-09');
    await user.click(within(panel).getByRole('button', { name: 'Check' }));
    expect(within(panel).getByRole('status')).toHaveTextContent(/right party, but another of its rules/);

    // Hints, one at a time, three at most.
    for (let n = 1; n <= 3; n++)
      await user.click(within(panel).getByRole('button', { name: `Hint ${n} of 3` }));
    const hints = within(panel).getByRole('list', { name: 'Hints' });
    expect(
      within(hints)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([...FAULTS['as-iss-missing'].hints]);
    expect(within(panel).getByRole('button', { name: 'No more hints' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );

    await user.selectOptions(within(panel).getByRole('combobox'), 'A-08');
    await user.click(within(panel).getByRole('button', { name: 'Check' }));
    expect(
      within(panel).getByRole('heading', { name: /Found it: the authorization server breaks A-08/ }),
    ).toBeInTheDocument();
    expect(panel).toHaveTextContent(FAULTS['as-iss-missing'].fix);
    expect(store.get().drills?.[seed]).toMatchObject({
      fault: 'as-iss-missing',
      solved: true,
      hints: 3,
      attempts: 3,
    });
    expect(store.get().rules?.['A-08']?.map((e) => e.ok)).toEqual([true]);
    expect(events).toEqual([
      {
        type: 'drill-completed',
        drill: seed,
        fault: 'as-iss-missing',
        party: 'as',
        rule: 'A-08',
        solved: true,
        hints: 3,
        attempts: 3,
      },
    ]);
  });

  it('shows the answer on request, and counts it as not solved', async () => {
    const { store, drill } = renderDrill('class-a');
    const user = userEvent.setup();
    await settled();
    await user.click(screen.getByRole('button', { name: 'Show the answer' }));
    expect(screen.getByRole('heading', { name: /The answer: / })).toBeInTheDocument();
    expect(store.get().drills?.['class-a']).toMatchObject({
      fault: drill.fault,
      solved: false,
      revealed: true,
    });
  });
});

describe('the list of drills', () => {
  it('lists every numbered drill by number and activity, never by fault', () => {
    render(<PracticeIndex store={memoryStore()} navigate={vi.fn()} randomHref="#/practice/r" />);
    const links = screen.getAllByRole('link', { name: /^Drill \d+$/ });
    expect(links).toHaveLength(DRILL_ORDER.length);
    expect(links[0]).toHaveAttribute('href', '#/practice/1');
    for (const fault of DRILL_ORDER) expect(document.body.textContent).not.toContain(fault);
  });
});
