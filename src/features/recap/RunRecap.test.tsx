// @vitest-environment happy-dom
/**
 * The recap at the end of a run, on screen over the real player and core: how it ended and how far
 * it went, the rules that decided it, and links to the lesson, its quiz and the attack that breaks
 * the flow; after an attack, where a rule stopped the attacker and the same attack the other way.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderSim, settled } from '../../app/simulator/testing';

afterEach(cleanup);

async function runToEnd() {
  await settled();
  expect(screen.queryByTestId('recap')).toBeNull();
  await userEvent.setup().click(screen.getByRole('button', { name: /Run to end/ }));
  await settled();
  return waitFor(() => screen.getByTestId('recap'), { timeout: 10000 });
}

describe('the recap of a run', () => {
  it('says what happened, which rules decided it, and what to do next', async () => {
    renderSim({ config: { seed: 'demo', scenario: 'deny', registration: 'dcr' } });
    const recap = await runToEnd();
    expect(recap).toHaveTextContent(/The user denies consent ended without a grant .* in \d+ messages/);
    await waitFor(() => expect(within(recap).getByRole('link', { name: /its quiz/ })).toBeTruthy());
    const lesson = within(recap).getByRole('link', { name: /the lesson/ });
    const quiz = within(recap).getByRole('link', { name: /its quiz/ });
    expect(quiz.getAttribute('href')).toBe(lesson.getAttribute('href')?.replace('lessons', 'quiz'));
    expect(
      within(recap)
        .getByRole('link', { name: /attack that breaks this flow/ })
        .getAttribute('href'),
    ).toMatch(/^#\/sim\?attack=[a-z-]+&defence=off$/);
    expect(within(recap).getByRole('list', { name: 'Rules that decided it' })).toHaveTextContent(
      /[CSA]-\d\d/,
    );
  });

  it('after an attack stopped by a rule, names the rule and offers the defence off', async () => {
    renderSim({
      config: {
        seed: 'demo',
        scenario: 'first-connection',
        registration: 'cimd',
        attack: { id: 'stolen-code-no-pkce', defence: 'on' },
      },
    });
    const recap = await runToEnd();
    expect(recap).toHaveTextContent(/The attacker was stopped at message \d+ by [CSA]-\d\d/);
    await waitFor(() =>
      expect(
        within(recap)
          .getByRole('link', { name: /same attack with the defence off/ })
          .getAttribute('href'),
      ).toBe('#/sim?attack=stolen-code-no-pkce&defence=off'),
    );
  });
});
