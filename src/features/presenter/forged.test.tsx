// @vitest-environment happy-dom
// A page of the same origin (a shared host: GitHub Pages user sites, an LMS) can open the presenter
// line too. Whatever it sends that does not fit the line's schema must be ignored: the audience
// window keeps its run, and the notes window keeps showing the last good state.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO, options, settled } from '../../app/simulator/testing';
import { channelName, newPairing, openPresenterChannel, presenterSession } from './channel';
import type { PresenterMessage } from './channel';
import PresenterNotesRoute from './PresenterNotesRoute';
import { PresenterSync } from './PresenterSync';
import { SimulatorScreen } from '../../app/simulator/SimulatorScreen';
import { PlayerContext } from '../../run/player/PlayerContext';
import { playerMachine } from '../../run/player/playerMachine';

afterEach(cleanup);
beforeEach(() => window.sessionStorage.clear());

/** The forger: a raw BroadcastChannel on the line, posting whatever it likes. */
function forger(session: string) {
  // The worst case: the forger knows the session (it names the channel, messages.ts and channel.ts).
  const channel = new BroadcastChannel(channelName(session));
  return {
    post: (message: unknown) => channel.postMessage(message),
    command: (command: unknown) => channel.postMessage({ type: 'command', session, command }),
    state: (state: unknown) => channel.postMessage({ type: 'state', session, state }),
    close: () => channel.close(),
  };
}

/**
 * Lets a BroadcastChannel message arrive and anything it started settle, inside act(): the screen's
 * updates it causes are React's to finish before the test reads the page.
 */
const tick = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 30)));

const FORGED_COMMANDS: unknown[] = [
  { type: 'SET_SPEED', speed: 'warp' },
  { type: 'LOAD', config: { seed: 1 }, target: null },
  { type: 'STEPPER.STOPPED', view: { trace: 'nope' } },
  { type: 'ANSWER', decision: 'maybe' },
  { type: 'SELECT', seq: { valueOf: 1 } },
  { type: 'PLAY' },
  { type: 'NEXT', extra: 'field' },
  null,
  'NEXT',
  42,
];

function renderAudience() {
  const logic = playerMachine.provide({ delays: { autoplayDelay: 5 } });
  return render(
    <PlayerContext.Provider logic={logic} options={{ input: { config: DEMO } }}>
      <PresenterSync />
      <SimulatorScreen />
    </PlayerContext.Provider>,
  );
}

describe('forged presenter messages', () => {
  it('the audience window ignores commands that do not fit, and keeps working', async () => {
    const user = userEvent.setup();
    renderAudience();
    await settled();
    const session = presenterSession();
    const forge = forger(session);
    for (const command of FORGED_COMMANDS) {
      forge.command(command);
      await tick();
    }
    // Not a command at all: no session, an unknown type, a non-object.
    forge.post({ type: 'command', command: { type: 'NEXT' } });
    forge.post({ type: 'shutdown', session });
    forge.post('hello');
    await tick();
    await settled();
    // Nothing moved (PLAY and a NEXT with an extra field are not commands of the line either)…
    expect(options()).toHaveLength(0);
    expect(screen.queryByRole('alert')).toBeNull();
    // …and the screen still steps.
    await user.click(screen.getAllByRole('button', { name: /Next/ })[0] as HTMLElement);
    await settled();
    expect(options()).toHaveLength(1);
    forge.close();
  });

  it('the notes window ignores states that do not fit, and keeps the last good one', async () => {
    const session = 'a'.repeat(32);
    render(<PresenterNotesRoute query={`session=${session}`} />);
    const forge = forger(session);
    const good = {
      config: { seed: 'demo', scenario: 'first-connection', registration: 'dcr' },
      decisions: [],
      count: 1,
      current: {
        seq: 0,
        stepId: 'mcp-unauthenticated',
        kind: 'request',
        label: 'POST /mcp',
        route: 'MCP client → MCP server',
      },
      consent: false,
      finished: false,
      ending: null,
      scenarioTitle: 'First connection',
      mask: false,
    };
    forge.state(good);
    expect(
      await screen.findByText(/In step with the simulator window · First connection/),
    ).toBeInTheDocument();
    const heading = await screen.findByRole('heading', { level: 2, name: 'MCP request without a token' });
    for (const state of [
      { ...good, current: { ...good.current, stepId: 'no-such-step' } },
      { ...good, current: { ...good.current, kind: 'telegram' } },
      { ...good, config: { ...good.config, scenario: 'no-such-scenario' } },
      { ...good, count: -1 },
      { ...good, decisions: ['maybe'] },
      { ...good, scenarioTitle: { toString: null } },
      { ...good, current: 'step 3' },
      null,
      'state',
    ]) {
      forge.state(state);
      await tick();
    }
    await waitFor(() => expect(heading).toBeInTheDocument());
    expect(screen.getByText(/In step with the simulator window · First connection/)).toBeInTheDocument();
    expect(
      within(screen.getByRole('group', { name: 'Drive the simulator window' })).getByRole('button', {
        name: 'Next',
      }),
    ).toBeInTheDocument();
    forge.close();
  });
});

describe('the presenter session', () => {
  it('is 128 bits from crypto.getRandomValues, and fresh for each pairing', () => {
    const spy = vi.spyOn(crypto, 'getRandomValues');
    const first = newPairing();
    const second = newPairing();
    expect(spy).toHaveBeenCalledTimes(2);
    for (const [bytes] of spy.mock.calls) expect(bytes).toBeInstanceOf(Uint8Array);
    expect(spy.mock.calls.map(([bytes]) => (bytes instanceof Uint8Array ? bytes.length : 0))).toEqual([
      16, 16,
    ]);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toMatch(/^[0-9a-f]{32}$/);
    expect(second).not.toBe(first);
    // The tab keeps the latest pairing (a reload of the audience window finds its notes window again).
    expect(presenterSession()).toBe(second);
    spy.mockRestore();
  });

  it('moves the audience window to a new pairing: the old session is no longer heard', async () => {
    renderAudience();
    await settled();
    const old = presenterSession();
    // The audience window's line moves with the new pairing: a re-render, inside act().
    let fresh = '';
    act(() => {
      fresh = newPairing();
    });
    const oldHeard: PresenterMessage[] = [];
    const newHeard: PresenterMessage[] = [];
    const oldLine = openPresenterChannel(old, (m) => oldHeard.push(m));
    const newLine = openPresenterChannel(fresh, (m) => newHeard.push(m));
    oldLine.post({ type: 'hello', session: old });
    oldLine.post({ type: 'command', session: old, command: { type: 'NEXT' } });
    await tick();
    expect(oldHeard).toEqual([]);
    expect(options()).toHaveLength(0);
    newLine.post({ type: 'hello', session: fresh });
    await waitFor(() => expect(newHeard.map((m) => m.type)).toContain('state'));
    newLine.post({ type: 'command', session: fresh, command: { type: 'NEXT' } });
    await waitFor(() => expect(options()).toHaveLength(1));
    oldLine.close();
    newLine.close();
  });
});
