// @vitest-environment happy-dom
/**
 * Predict mode on screen, over the real player and core: a question before each message, answered
 * by a key; the verdict at once, the real message and the rule that decided it; Next skips; the score
 * per phase at the end, reported once. For an audience (presenter mode) the options are a list and
 * Next reveals the answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ProgressEvent } from '../../course/progress';
import { PlayerContext } from '../../run/player/PlayerContext';
import { playerMachine } from '../../run/player/playerMachine';
import { DEFAULT_VIEW } from '../../run/view/view';
import type { ViewOptions } from '../../run/view/view';
import { ViewContext } from '../../run/view/ViewContext';
import type { RunConfig } from '../../sim/flow/simulation';
import { SimulatorScreen } from '../../app/simulator/SimulatorScreen';
import { settled } from '../../app/simulator/testing';

afterEach(cleanup);

// Machine to machine: no consent window, so keys alone run it to the end.
const M2M: RunConfig = { seed: 'demo', scenario: 'client-credentials', registration: 'preregistered' };

function renderPredict(view: Partial<ViewOptions> = {}, config: RunConfig = M2M, count = 0) {
  const events: ProgressEvent[] = [];
  const logic = playerMachine.provide({ delays: { autoplayDelay: 5 } });
  render(
    <ViewContext.Provider
      value={{ view: { ...DEFAULT_VIEW, predict: true, ...view }, update: () => undefined }}
    >
      <PlayerContext.Provider logic={logic} options={{ input: { config, target: { kind: 'count', count } } }}>
        <SimulatorScreen onProgress={(e) => events.push(e)} />
      </PlayerContext.Provider>
    </ViewContext.Provider>,
  );
  return events;
}

const card = () => screen.getByTestId('predict');
const question = async () =>
  waitFor(() => within(card()).getByRole('group', { name: /.+/ }), { timeout: 10000 });

describe('predict mode', () => {
  it('asks before each message; a key answers, the verdict and the deciding rule follow; Next skips', async () => {
    renderPredict();
    await settled();
    const user = userEvent.setup();
    const group = await question();
    const first = within(group).getAllByRole('button')[0];
    const chosen = first?.textContent?.replace(/^1\s*/, '').trim();
    await waitFor(() => expect(card()).toHaveFocus());
    await user.keyboard('1');
    await settled();
    // The message is shown, and the verdict agrees with the answer it reveals.
    const revealed = await waitFor(() => within(card()).getByText(/Right\.|Not quite\./));
    const answer = card().querySelector('.predict__answer')?.textContent;
    expect(revealed.textContent).toBe(answer === chosen ? '✓ Right.' : '✗ Not quite.');
    expect(within(card()).getByText(/^Decided by/)).toHaveTextContent(/[CSA]-\d\d \((MUST|SHOULD|MAY)/);
    expect(card()).toHaveTextContent(/of 1 right/);

    // Next without answering: the answer is shown, counted as skipped.
    await question();
    await user.keyboard('{ArrowRight}');
    await settled();
    await waitFor(() => expect(within(card()).getByText('The answer:')).toBeTruthy());
    expect(card()).toHaveTextContent(/1 skipped/);

    // Reset starts the run over, and the score with it.
    await user.keyboard('{Home}');
    await settled();
    await question();
    expect(card()).not.toHaveTextContent(/right|skipped/);
  });

  it('at the end, the score per phase, reported once to the embedding page', async () => {
    const events = renderPredict();
    await settled();
    const user = userEvent.setup();
    let answered = 0;
    let presses = 0;
    while (!screen.queryByText(/Your predictions:/)) {
      // A message with no question (a note the client writes for itself) is stepped past with Next.
      const group = await waitFor(() => within(card()).getByRole('group'), { timeout: 300 }).catch(
        () => null,
      );
      if (group) {
        card().focus();
        await user.keyboard(String((answered % 2) + 1));
        answered++;
      } else {
        await user.keyboard('{ArrowRight}');
      }
      await settled();
      if (++presses > 80) throw new Error('the run did not end');
    }
    expect(answered).toBeGreaterThan(3);
    const scored = events.filter((e) => e.type === 'prediction-scored');
    expect(scored).toHaveLength(1);
    const [score] = scored;
    if (score?.type !== 'prediction-scored') throw new Error('no score');
    expect(score.total).toBe(answered);
    expect(score.skipped).toBe(0);
    expect(score.phases.reduce((n, p) => n + p.total, 0)).toBe(answered);
    expect(score.run).toMatchObject({ scenario: 'client-credentials', seed: 'demo', attack: null });
    const perPhase = screen.getByRole('list', { name: 'Score per phase' });
    expect(within(perPhase).getAllByRole('listitem')).toHaveLength(score.phases.length);
    expect(screen.getByText(/Your predictions:/)).toHaveTextContent(`${score.correct} of ${answered} right`);
  });

  it('a link that lands past questions counts none of them as skipped', async () => {
    const events = renderPredict({}, { ...M2M, scenario: 'first-connection', registration: 'cimd' }, 33);
    await settled();
    await waitFor(() => expect(card().querySelector('.predict__end')).not.toBeNull(), { timeout: 10000 });
    expect(card()).toHaveTextContent('The run has ended.');
    expect(card()).not.toHaveTextContent(/skipped/);
    expect(events.filter((e) => e.type === 'prediction-scored')).toHaveLength(0);
  });

  it('for an audience, shows the question and the options; Next reveals the right one', async () => {
    const events = renderPredict({ present: true });
    await settled();
    const user = userEvent.setup();
    await waitFor(() => expect(within(card()).getByText(/Ask the room/)).toBeTruthy(), { timeout: 10000 });
    expect(within(card()).queryAllByRole('button')).toHaveLength(0);
    const options = within(card())
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    await user.keyboard('{ArrowRight}');
    await settled();
    await waitFor(() => expect(within(card()).getByText('The answer:')).toBeTruthy());
    expect(options).toContain(card().querySelector('.predict__answer')?.textContent);
    await user.click(screen.getByRole('button', { name: /Run to end/ }));
    await settled();
    expect(events.filter((e) => e.type === 'prediction-scored')).toHaveLength(0);
  });
});
