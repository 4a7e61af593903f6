// @vitest-environment happy-dom
/**
 * What changed, on screen, over the real core: two real runs drawn as one diagram (or side by
 * side), every row held to the core's own comparison (compareTraces, run again here): the rows only
 * in one run, the changed ones, the change and the proposals behind each, the numbers that open
 * the message in the simulator, the spec sections; why behind "Why"; the changes listed with
 * why; the choices of drawing kept in the address.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { runFlow } from '../../sim/flow/simulation';
import { CHANGES, compareTraces } from '../../sim/revisions/changes';
import type { ExplainedRow, RevisionComparison } from '../../sim/revisions/changes';
import type { Revision } from '../../sim/revisions/ids';
import type { ScenarioId } from '../../sim/scenarios';
import { ChangesView } from './ChangesView';
import { DEFAULT_PARAMS, simAt } from './params';
import type { TimeMachineParams } from './params';
import TimeMachineRoute from './TimeMachineRoute';
import { hashQuery, navigate as goTo, useHash } from '../../app/router';

/** The route as the app shows it: its query read from the address, its choices made through it. */
function RoutedTimeMachine({ navigate }: { navigate: (hash: string) => void }) {
  return <TimeMachineRoute query={hashQuery(useHash())} navigate={navigate} />;
}

afterEach(cleanup);

const summary = () =>
  screen.findByText(/messages the same,/, { selector: '.tm-summary' }, { timeout: 15000 });

async function compare(from: Revision, to: Revision, scenario: ScenarioId): Promise<RevisionComparison> {
  const run = (revision: Revision) => runFlow({ seed: 'demo', scenario, registration: 'dcr', revision });
  const [a, b] = [await run(from), await run(to)];
  return compareTraces(from, to, a.trace, b.trace);
}

/** What a row should show: a message that differs only in noise (JSON-RPC ids) reads as the same. */
function expectedKind(row: ExplainedRow): string {
  if (row.row.kind !== 'changed') return row.row.kind;
  return row.explained.length + row.unexplained.length === 0 ? 'same' : 'changed';
}

const SIGNS: Record<string, string> = { same: '', changed: '~', added: '+', removed: '−' };

/** The diagram's rows (and folds): the list's own items, not those of a note's list of parameters. */
function rowItems(): HTMLElement[] {
  const list = screen.getByRole('list', { name: 'Message by message' });
  return [...list.children].filter((li) => li instanceof HTMLElement);
}

const go = () => undefined;

describe('What changed, drawn', () => {
  const pairs: [Revision, Revision, ScenarioId][] = [
    ['2025-06-18', '2026-07-28', 'first-connection'],
    ['2025-03-26', '2025-06-18', 'first-connection'],
    // Backwards: what the newer revision has is "only in" it, on the removed side.
    ['2026-07-28', '2025-11-25', 'step-up'],
  ];
  it.each(pairs)(
    '%s to %s (%s): every row of the comparison, marked, with its change and its messages',
    async (from, to, scenario) => {
      const params: TimeMachineParams = { ...DEFAULT_PARAMS, from, to, scenario, show: 'all' };
      render(<ChangesView params={params} go={go} />);
      await summary();
      const comparison = await compare(from, to, scenario);
      const items = rowItems();
      expect(items).toHaveLength(comparison.rows.length);
      const kinds = comparison.rows.map(expectedKind);
      // There is something of each kind to check: messages the same, changed, and only in one run.
      expect(kinds).toContain('same');
      expect(kinds).toContain('changed');
      expect(kinds.filter((k) => k === 'added' || k === 'removed')).not.toHaveLength(0);
      comparison.rows.forEach((row, i) => {
        const li = items[i];
        if (!li) throw new Error(`no row ${i}`);
        const kind = kinds[i] ?? '';
        // A sign and a word, not a colour alone.
        expect(li.querySelector('.tmd-sign')?.textContent).toBe(SIGNS[kind]);
        const sentence = li.querySelector('.visually-hidden')?.textContent ?? '';
        const what = {
          same: 'the same in both',
          changed: 'changed: ',
          added: `only in ${to}`,
          removed: `only in ${from}`,
        }[kind];
        expect(sentence).toContain(`, ${what}`);
        // Each change behind the row, in words and linked to the proposals that made it.
        const proposals = row.explained.flatMap(({ change }) => {
          const c = CHANGES[change];
          expect(sentence).toContain(`Because of ${c.title} (${c.since}): ${c.why}`);
          return [c.by, ...('also' in c ? [c.also] : [])];
        });
        const links = within(li).queryAllByRole('link');
        expect(
          links.filter((a) => /^(SEP-|PR #)/.test(a.textContent)).map((a) => a.getAttribute('href')),
        ).toEqual(kind === 'same' ? [] : proposals.map((p) => p.href));
        // And to the section of the spec that says it, named in full.
        expect(
          links.filter((a) => a.textContent.startsWith('§')).map((a) => a.getAttribute('aria-label')),
        ).toEqual(kind === 'same' ? [] : row.explained.map(({ change }) => CHANGES[change].spec.label));
        // Its number in each run opens it in the simulator, under that run's revision.
        const opens = links.filter((a) => /^Open message/.test(a.getAttribute('aria-label') ?? ''));
        const expected = [
          row.row.kind !== 'added' && { n: row.row.a, revision: from },
          row.row.kind !== 'removed' && { n: row.row.b, revision: to },
        ].filter((x) => x !== false);
        expect(opens.map((a) => [a.getAttribute('aria-label'), a.getAttribute('href')])).toEqual(
          expected.map(({ n, revision }) => [
            `Open message ${n + 1} in ${revision}`,
            simAt({ scenario, registration: 'dcr', revision, seq: n }),
          ]),
        );
        // A changed row names every parameter that differs.
        if (kind === 'changed')
          for (const { params: changed } of row.explained)
            for (const p of changed) expect(sentence).toContain(p.name);
      });
    },
    30000,
  );

  it('"Why" opens the sentence on why, the spec section and the message in each run', async () => {
    const user = userEvent.setup();
    render(<ChangesView params={DEFAULT_PARAMS} go={go} />);
    await summary();
    const comparison = await compare(DEFAULT_PARAMS.from, DEFAULT_PARAMS.to, 'first-connection');
    // The redirect back gains iss (RFC 9207): a changed row with its parameter, absent before.
    const index = comparison.rows.findIndex(
      (r) =>
        r.row.kind === 'changed' &&
        r.explained.some((e) =>
          e.params.some((p) => p.name === 'iss' && p.where === 'response location query'),
        ),
    );
    const row = comparison.rows[index];
    if (!row || row.row.kind !== 'changed') throw new Error('no iss row');
    const li = document.querySelector<HTMLElement>(`[data-row="${index}"]`);
    if (!li) throw new Error('the iss row is folded');
    expect(li).toHaveTextContent(/iss \(in the redirect\): absent → https:\/\/auth\.example\.com/);
    // The section is linked on the row, named in full; why is one click away.
    const spec = within(li).getByRole('link', { name: CHANGES.iss.spec.label });
    expect(spec).toHaveAttribute('href', CHANGES.iss.spec.href);
    expect(spec).toHaveTextContent(/^§Authorization Response Validation$/);
    expect(
      within(li).getByText(CHANGES.iss.why, { exact: false, selector: '.tmd-details p' }),
    ).not.toBeVisible();
    const why = within(li).getByRole('button', { name: /^Why/ });
    expect(why).toHaveAccessibleName(
      `Why (message ${row.row.a + 1} of 2025-11-25, message ${row.row.b + 1} of 2026-07-28)`,
    );
    await user.click(why);
    expect(why).toHaveAttribute('aria-expanded', 'true');
    expect(within(li).getByText(CHANGES.iss.why, { exact: false, selector: '.tmd-details p' })).toBeVisible();
    // Its number opens it, and so does a link that says so in words.
    const opens = within(li).getAllByRole('link', { name: `Open message ${row.row.b + 1} in 2026-07-28` });
    expect(opens.map((a) => a.textContent)).toEqual([
      String(row.row.b + 1),
      `Open message ${row.row.b + 1} in 2026-07-28`,
    ]);
    for (const a of opens)
      expect(a).toHaveAttribute(
        'href',
        simAt({ scenario: 'first-connection', registration: 'dcr', revision: '2026-07-28', seq: row.row.b }),
      );
  });

  it('differences only: each run of messages the same in both is one fold, which opens in place', async () => {
    const user = userEvent.setup();
    render(<ChangesView params={DEFAULT_PARAMS} go={go} />);
    await summary();
    const comparison = await compare(DEFAULT_PARAMS.from, DEFAULT_PARAMS.to, 'first-connection');
    const kinds = comparison.rows.map(expectedKind);
    const runs: number[][] = [];
    kinds.forEach((kind, i) => {
      if (kind !== 'same') return;
      const last = runs.at(-1);
      if (last && last.at(-1) === i - 1) last.push(i);
      else runs.push([i]);
    });
    const folds = screen.getAllByRole('button', { name: /the same in both/ });
    expect(folds.map((b) => b.textContent)).toEqual(
      runs.map((r) => `${r.length} ${r.length === 1 ? 'message' : 'messages'} the same in both · show`),
    );
    expect(rowItems()).toHaveLength(kinds.filter((k) => k !== 'same').length + runs.length);
    const [first] = runs;
    const fold = folds[0];
    if (!first || !fold) throw new Error('nothing folded');
    await user.click(fold);
    const opened = document.querySelector<HTMLElement>(`[data-row="${first[0]}"]`);
    expect(opened).not.toBeNull();
    // The keyboard is where the fold was: on the first message it opened.
    expect(within(opened as HTMLElement).getAllByRole('link')[0]).toHaveFocus();
    expect(rowItems()).toHaveLength(
      kinds.filter((k) => k !== 'same').length + runs.length - 1 + first.length,
    );
  });

  it('side by side: each run in its half, a gap where a run has no such message', async () => {
    render(<ChangesView params={{ ...DEFAULT_PARAMS, layout: 'split' }} go={go} />);
    await summary();
    expect(
      screen.getByRole('region', { name: 'Diagram of 2025-11-25 and 2026-07-28, side by side' }),
    ).toBeVisible();
    const comparison = await compare(DEFAULT_PARAMS.from, DEFAULT_PARAMS.to, 'first-connection');
    for (const [index, row] of comparison.rows.entries()) {
      const li = document.querySelector(`[data-row="${index}"]`);
      if (!li) continue;
      const halves = [...li.querySelectorAll('.tmd-lanes')];
      expect(halves.map((h) => h.textContent)).toEqual([
        row.row.kind === 'added' ? 'Not in 2025-11-25' : expect.not.stringMatching(/^Not in/),
        row.row.kind === 'removed' ? 'Not in 2026-07-28' : expect.not.stringMatching(/^Not in/),
      ]);
    }
  });

  it('a scenario one of the two revisions lacks is not run, and the reason is given', () => {
    render(<ChangesView params={{ ...DEFAULT_PARAMS, from: '2025-06-18', scenario: 'step-up' }} go={go} />);
    expect(screen.getByRole('status')).toHaveTextContent(
      'One of the two revisions cannot play this: Step-up on 403 insufficient_scope arrived in 2025-11-25 (SEP-835).',
    );
  });
});

describe('What changed, the page', () => {
  it('lists the changes behind the differences, each with why, its section and its proposals', async () => {
    render(<ChangesView params={DEFAULT_PARAMS} go={go} />);
    expect(await summary()).toHaveTextContent(
      /^2025-11-25 → 2026-07-28: \d+ messages the same, [1-9]\d* only in 2025-11-25, [1-9]\d* only in 2026-07-28, [1-9]\d* changed\./,
    );
    const changes = screen.getByRole('list', { name: 'The changes behind them' });
    const card = within(changes)
      .getByRole('heading', { name: /^iss in the authorization response/ })
      .closest('li');
    if (!card) throw new Error('no card for iss');
    expect(card).toHaveTextContent(CHANGES.iss.why);
    expect(within(card).getByRole('link', { name: CHANGES.iss.spec.label })).toHaveAttribute(
      'href',
      CHANGES.iss.spec.href,
    );
    expect(within(card).getByRole('link', { name: 'SEP-2468' })).toHaveAttribute('href', CHANGES.iss.by.href);
    const stateless = within(changes)
      .getByRole('heading', { name: /^No initialize, no session/ })
      .closest('li');
    if (!stateless) throw new Error('no card for the stateless transport');
    expect(
      within(stateless)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([CHANGES.stateless.spec.label, 'SEP-2575', 'SEP-2567']);
    for (const heading of within(changes).getAllByRole('heading'))
      expect(heading).toHaveTextContent(/2026-07-28$/);
    // The keyboard can go past the diagram's links, to these.
    await userEvent
      .setup()
      .click(screen.getByRole('button', { name: 'Skip past the diagram to the changes behind it' }));
    expect(screen.getByRole('heading', { level: 3, name: 'The changes behind them' })).toHaveFocus();
  });

  it('the route: each choice is a new address, the drawing choices too, and a link replays them', async () => {
    const user = userEvent.setup();
    const navigate = vi.fn(goTo);
    const query = 'view=changes&from=2025-06-18&to=2026-07-28';
    window.history.replaceState(null, '', `/#/revisions?${query}`);
    render(<RoutedTimeMachine navigate={navigate} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Spec time machine' })).toHaveFocus();
    expect(screen.getByRole('link', { name: 'What changed' })).toHaveAttribute('aria-current', 'page');
    const scenario = screen.getByRole('combobox', { name: 'Scenario' });
    expect(
      within(scenario).getByRole('option', { name: /^Step-up.*\(arrived in 2025-11-25, SEP-835\)$/ }),
    ).toBeDisabled();
    await user.selectOptions(screen.getByRole('combobox', { name: 'From revision' }), '2025-03-26');
    const earlier =
      '#/revisions?view=changes&from=2025-03-26&to=2026-07-28&scenario=first-connection&reg=dcr';
    expect(navigate).toHaveBeenLastCalledWith(earlier);
    // The choice shows at once: the address it made is read in the same event (router.ts).
    expect(screen.getByRole('combobox', { name: 'From revision' })).toHaveValue('2025-03-26');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^2025-03-26 → 2026-07-28/), {
      timeout: 15000,
    });
    // Back (the address bar, a link): the address is the truth again.
    act(() => {
      window.location.hash = `#/revisions?${query}`;
    });
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'From revision' })).toHaveValue('2025-06-18'),
    );
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/^2025-06-18 → 2026-07-28/), {
      timeout: 15000,
    });
    const draw = screen.getByRole('radiogroup', { name: 'Draw' });
    expect(within(draw).getByRole('radio', { name: 'One diagram' })).toBeChecked();
    await user.click(within(draw).getByRole('radio', { name: 'Side by side' }));
    expect(within(draw).getByRole('radio', { name: 'Side by side' })).toBeChecked();
    const split =
      '#/revisions?view=changes&from=2025-06-18&to=2026-07-28&scenario=first-connection&reg=dcr&layout=split';
    expect(navigate).toHaveBeenLastCalledWith(split);
    // The address the click made: side by side, and the other choice kept as it comes.
    expect(await screen.findByRole('region', { name: /side by side$/ })).toBeVisible();
    expect(
      within(screen.getByRole('radiogroup', { name: 'Draw' })).getByRole('radio', { name: 'Side by side' }),
    ).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'All messages' }));
    expect(screen.getByRole('radio', { name: 'All messages' })).toBeChecked();
    expect(navigate).toHaveBeenLastCalledWith(`${split}&show=all`);
    expect(screen.queryAllByRole('button', { name: /the same in both/ })).toHaveLength(0);
    await user.click(screen.getByRole('radio', { name: 'One diagram' }));
    expect(navigate).toHaveBeenLastCalledWith(
      '#/revisions?view=changes&from=2025-06-18&to=2026-07-28&scenario=first-connection&reg=dcr&show=all',
    );
  }, 30000);
});
