// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ATTACKS, resolveAttack } from '../../sim/attacks/registry';
import { runFlow } from '../../sim/flow/simulation';
import { RULES } from '../../sim/rules';
import { options, settled } from '../../app/simulator/testing';
import { attackMarks, firstTheft } from '../../run/marks/marks';
import { BASE, currentConfig, plain, renderLab } from './testing';

afterEach(cleanup);

async function openLab(user: ReturnType<typeof userEvent.setup>) {
  await settled();
  await user.click(screen.getByRole('tab', { name: /Attack lab/ }));
  return screen.findByRole('region', { name: /Attack lab/ }, { timeout: 10000 });
}

async function choose(user: ReturnType<typeof userEvent.setup>, title: string) {
  const lab = await openLab(user);
  await user.click(await within(lab).findByRole('button', { name: title }, { timeout: 10000 }));
  await settled();
  return lab;
}

/** The rule texts a banner quotes (backtick spans of the reference become <code>). */
const ruleTexts = (banner: HTMLElement) =>
  [...banner.querySelectorAll('.lab-rule__text')].map((el) => el.textContent);

const outcome = () => screen.findByTestId('attack-outcome', {}, { timeout: 15000 });

describe('Attack lab: choosing and switching', () => {
  it('lists every attack with its target and rules', async () => {
    const user = userEvent.setup();
    renderLab();
    const lab = await openLab(user);
    const cards = await within(lab).findAllByRole('button', { pressed: false }, { timeout: 10000 });
    expect(cards).toHaveLength(Object.keys(ATTACKS).length);
    const mixUp = within(lab).getByRole('button', { name: ATTACKS['mix-up'].title });
    expect(mixUp).toHaveAccessibleDescription(/forwards the victim to the honest one/);
    expect(mixUp).toHaveAccessibleDescription(/Targets: MCP client/);
    expect(mixUp).toHaveAccessibleDescription(/C-18 · C-19 · C-20/);
    const pkce = within(lab).getByRole('button', { name: ATTACKS['stolen-code-no-pkce'].title });
    expect(pkce).toHaveAccessibleDescription(
      new RegExp(`${ATTACKS['stolen-code-no-pkce'].variants?.length ?? 0} variants`),
    );
  });

  it('choosing an attack and flipping each switch loads the right config', async () => {
    const user = userEvent.setup();
    renderLab();
    await user.click(screen.getByRole('button', { name: /Next/ }));
    await settled();
    // The list is the diagram's deferred twin: it follows a moment later.
    await waitFor(() => expect(options()).toHaveLength(1));

    const lab = await choose(user, ATTACKS['mix-up'].title);
    // The attack runs on its victim's own flow, defence off first; the run restarts from message 0.
    expect(currentConfig()).toEqual({
      ...BASE,
      registration: 'cimd',
      attack: { id: 'mix-up', defence: 'off' },
    });
    await waitFor(() => expect(options()).toHaveLength(0));
    expect(within(lab).getByRole('heading', { level: 3, name: ATTACKS['mix-up'].title })).toHaveFocus();
    expect(within(lab).getByText(ATTACKS['mix-up'].summary)).toBeInTheDocument();

    const attack = within(lab).getByRole('switch', { name: /^Attack/ });
    const defence = within(lab).getByRole('switch', { name: /^Defence/ });
    expect(attack).toBeChecked();
    expect(defence).not.toBeChecked();
    expect(defence).toHaveAccessibleName(`Defence ${ATTACKS['mix-up'].defence.label}`);

    await user.click(defence);
    await settled();
    expect(currentConfig().attack).toEqual({ id: 'mix-up', defence: 'on' });
    expect(within(lab).getByRole('switch', { name: /^Defence/ })).toBeChecked();

    // Off: the normal run, same victim flow, no attacker.
    await user.click(within(lab).getByRole('switch', { name: /^Attack/ }));
    await settled();
    expect(currentConfig()).toEqual({ ...BASE, registration: 'cimd' });
    expect(within(lab).getByText(/The attack is off/)).toBeInTheDocument();

    // The defence can be flipped while the attack is off; it applies when the attack comes back.
    const defenceAgain = within(lab).getByRole('switch', { name: /^Defence/ });
    defenceAgain.focus();
    await user.keyboard(' ');
    expect(defenceAgain).not.toBeChecked();
    expect(currentConfig().attack).toBeUndefined();
    await user.click(within(lab).getByRole('switch', { name: /^Attack/ }));
    await settled();
    expect(currentConfig().attack).toEqual({ id: 'mix-up', defence: 'off' });
  });

  it('an attack with variants offers them; each choice restarts the run as that variant', async () => {
    const user = userEvent.setup();
    renderLab();
    const lab = await choose(user, ATTACKS['stolen-code-no-pkce'].title);
    const group = within(lab).getByRole('group', { name: 'Variant' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('value'))).toEqual(
      ATTACKS['stolen-code-no-pkce'].variants?.map((v) => v.id),
    );
    expect(within(group).getByRole('radio', { name: 'Neither side uses PKCE' })).toBeChecked();

    await user.click(
      within(group).getByRole('radio', {
        name: /^Downgrade: the metadata has no code_challenge_methods_supported/,
      }),
    );
    await settled();
    const downgrade = resolveAttack({ id: 'stolen-code-no-pkce', variant: 'downgrade' });
    expect(currentConfig().attack).toEqual({
      id: 'stolen-code-no-pkce',
      defence: 'off',
      variant: 'downgrade',
    });
    expect(within(lab).getByText(downgrade.summary)).toBeInTheDocument();
    expect(within(lab).getByRole('switch', { name: /^Defence/ })).toHaveAccessibleName(
      `Defence ${downgrade.defence.label}`,
    );

    // The defence keeps the variant, and the verdict is the variant's: the client refused (C-28).
    await user.click(within(lab).getByRole('switch', { name: /^Defence/ }));
    await settled();
    expect(currentConfig().attack).toEqual({
      id: 'stolen-code-no-pkce',
      defence: 'on',
      variant: 'downgrade',
    });
    await user.click(within(lab).getByRole('button', { name: 'Run the attack to the end' }));
    await settled();
    const banner = await outcome();
    expect(within(banner).getByRole('heading', { level: 4 })).toHaveTextContent(/by rule C-28/);
    expect(within(banner).getByText(downgrade.explain.defended)).toBeInTheDocument();

    // Back to the default: no variant in the config (or the link).
    await user.click(within(lab).getByRole('radio', { name: 'Neither side uses PKCE' }));
    await settled();
    expect(currentConfig().attack).toEqual({ id: 'stolen-code-no-pkce', defence: 'on' });
  });

  it('the lab tab opens on arrival with a fresh attack run, keyboard operable tabs', async () => {
    const user = userEvent.setup();
    renderLab({ ...BASE, attack: { id: 'code-replay', defence: 'on' } });
    await settled();
    const labTab = screen.getByRole('tab', { name: /Attack lab/ });
    expect(labTab).toHaveAttribute('aria-selected', 'true');
    const lab = await screen.findByRole('region', { name: /Attack lab/ }, { timeout: 10000 });
    expect(
      await within(lab).findByRole('heading', { level: 3, name: ATTACKS['code-replay'].title }),
    ).toBeInTheDocument();
    expect(within(lab).getByRole('switch', { name: /^Defence/ })).toBeChecked();
    labTab.focus();
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: /Step & inspector/ })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: /Step & inspector/ })).toHaveFocus();
    // The arrow moved between tabs; it did not step the run back.
    expect(currentConfig().attack).toEqual({ id: 'code-replay', defence: 'on' });
    expect(screen.getByRole('region', { name: /Inspector/ })).toBeVisible();
  });
});

describe('Attack lab: the verdict, read from the real run', () => {
  it('defence off: the attack succeeds, with the evidence and the theft it points to', async () => {
    const user = userEvent.setup();
    renderLab();
    const lab = await choose(user, ATTACKS['token-passthrough'].title);
    await user.click(within(lab).getByRole('button', { name: 'Run the attack to the end' }));
    await settled();

    const expected = await runFlow({ ...currentConfig() });
    expect(expected.attack?.attackerWon).toBe(true);
    const banner = await outcome();
    expect(within(banner).getByRole('heading', { level: 4 })).toHaveTextContent('Attack succeeded');
    expect(within(banner).getByText(expected.attack?.evidence ?? '-')).toBeInTheDocument();
    expect(within(banner).getByText(ATTACKS['token-passthrough'].explain.vulnerable)).toBeInTheDocument();
    expect(ruleTexts(banner)).toContain(plain(RULES['S-09'].text));
    expect(screen.getByTestId('announcer')).toHaveTextContent(
      /the flow has ended\. Attack succeeded\. The MCP server relayed/,
    );
    expect(screen.getByRole('tab', { name: /Attack lab/ })).toHaveTextContent(/succeeded/);

    const theft = firstTheft(attackMarks(expected.trace, expected.attack ?? null));
    expect(theft).not.toBeNull();
    await user.click(
      within(banner).getByRole('button', { name: `Show the theft (message ${(theft ?? 0) + 1})` }),
    );
    expect(screen.getByRole('tab', { name: /Step & inspector/ })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(options()[theft ?? 0]).toHaveAttribute('aria-selected', 'true'));
    const row = options()[theft ?? 0];
    expect(row).toHaveTextContent(/stolen/);
    await waitFor(() => expect(row).toHaveFocus());
    // The Downstream API lane is on the diagram: the MCP server forwarded the token there.
    await waitFor(() =>
      expect(document.querySelector('.seq-lane--downstream')).toHaveTextContent('Downstream API'),
    );
  });

  it('defence on: the attack is stopped at the message the report names, by its rule', async () => {
    const user = userEvent.setup();
    renderLab();
    const lab = await choose(user, ATTACKS['mix-up'].title);
    await user.click(within(lab).getByRole('switch', { name: /^Defence/ }));
    await settled();
    await user.click(within(lab).getByRole('button', { name: 'Run the attack to the end' }));
    await settled();

    const expected = await runFlow({ ...currentConfig() });
    const stop = expected.attack?.stoppedAt;
    expect(stop?.rule).toBe('C-19');
    const n = (stop?.seq ?? -1) + 1;
    const banner = await outcome();
    expect(within(banner).getByRole('heading', { level: 4 })).toHaveTextContent(
      `Attack stopped at message ${n} by rule C-19`,
    );
    expect(within(banner).getByText(ATTACKS['mix-up'].explain.defended)).toBeInTheDocument();
    expect(ruleTexts(banner)).toEqual([plain(RULES['C-19'].text)]);
    expect(screen.getByTestId('announcer')).toHaveTextContent(
      `the flow has ended. Attack stopped at message ${n} by rule C-19. ${expected.attack?.evidence}`,
    );

    // The stopping arrow is marked on the diagram and in the list, with its rule, not by colour alone.
    const label = await waitFor(() => {
      const el = document.querySelector<HTMLElement>(`.seq-label[data-seq="${n - 1}"]`);
      if (!el) throw new Error('no label yet');
      return el;
    });
    expect(label).toHaveClass('seq-label--stop');
    expect(label).toHaveTextContent('STOP · C-19');
    await waitFor(() => expect(options()[n - 1]).toHaveTextContent(/attack stopped here by rule C-19/));

    await user.click(within(banner).getByRole('button', { name: `Show message ${n}` }));
    await waitFor(() => expect(options()[n - 1]).toHaveAttribute('aria-selected', 'true'));
    const inspector = screen.getByRole('region', { name: /Inspector/ });
    expect(within(inspector).getByText(`message ${n}`)).toBeInTheDocument();
    expect(within(inspector).getByText('Check state and iss')).toBeInTheDocument();
  });

  it('one verdict, one colour: the lab, the diagram, the list and the step panel agree both ways', async () => {
    const user = userEvent.setup();
    renderLab();
    const lab = await choose(user, ATTACKS['mix-up'].title);
    const verdictTone = async () => {
      const last = await waitFor(() => {
        const all = document.querySelectorAll<HTMLElement>('.seq-label');
        const el = all[all.length - 1];
        if (!el?.textContent?.includes('Attack')) throw new Error('no verdict yet');
        return el;
      });
      return {
        lab: (await outcome()).className,
        label: last.className,
        step: document.querySelector('.outcome')?.className ?? '',
        inList: options().at(-1)?.className ?? '',
      };
    };
    await user.click(within(lab).getByRole('button', { name: 'Run the attack to the end' }));
    await settled();
    // Defence off: the attacker won, and every view says so in the attacker's colour.
    const won = await verdictTone();
    expect(won.lab).toContain('lab-outcome--won');
    expect(won.label).toContain('seq-label--tone-attacker');
    expect(won.step).toContain('outcome--won');
    expect(won.inList).toContain('tone-attacker');
    await user.click(within(lab).getByRole('switch', { name: /^Defence/ }));
    await settled();
    await user.click(within(lab).getByRole('button', { name: 'Run the attack to the end' }));
    await settled();
    // Defence on: stopped, in the colour of a success everywhere, never the STOP red of a refusal.
    const stopped = await verdictTone();
    expect(stopped.lab).toContain('lab-outcome--stopped');
    expect(stopped.label).toContain('seq-label--tone-defended');
    expect(stopped.step).toContain('outcome--defended');
    expect(stopped.inList).toContain('tone-defended');
  });
});
