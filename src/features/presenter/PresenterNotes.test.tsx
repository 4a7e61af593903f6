// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { options, settled } from '../../app/simulator/testing';
import { openPresenterChannel, presenterSession } from './channel';
import type { PresenterMessage } from './channel';
import PresenterNotesRoute from './PresenterNotesRoute';
import { PresenterSync } from './PresenterSync';
import { SimulatorScreen } from '../../app/simulator/SimulatorScreen';
import { PlayerContext } from '../../run/player/PlayerContext';
import { DEMO } from '../../app/simulator/testing';
import { playerMachine } from '../../run/player/playerMachine';

afterEach(cleanup);
const S1 = '1'.repeat(32);
const S2 = '2'.repeat(32);
beforeEach(() => window.sessionStorage.clear());

describe('the presenter line', () => {
  it('delivers messages of its own session only, over BroadcastChannel', async () => {
    const got: string[] = [];
    const a = openPresenterChannel(S1, () => undefined);
    const b = openPresenterChannel(S1, (m) => got.push(`b:${m.session}`));
    const other = openPresenterChannel(S2, (m) => got.push(`other:${m.session}`));
    a.post({ type: 'hello', session: S2 });
    a.post({ type: 'hello', session: S1 });
    other.post({ type: 'hello', session: S2 });
    await waitFor(() => expect(got).toHaveLength(1));
    // S2's hello on S1's channel is dropped; S2's channel is not S1's (the session names it).
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(got).toEqual([`b:${S1}`]);
    for (const c of [a, b, other]) c.close();
  });

  it('falls back to storage events where BroadcastChannel is missing', () => {
    const got: PresenterMessage[] = [];
    const line = openPresenterChannel(S1, (m) => got.push(m), 'storage');
    const spy = vi.spyOn(Storage.prototype, 'setItem');
    line.post({ type: 'command', session: S1, command: { type: 'NEXT' } });
    expect(spy).toHaveBeenCalledOnce();
    const [key, value] = spy.mock.calls[0] as [string, string];
    // Another window of the origin receives it as a storage event.
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: value }));
    expect(got).toEqual([{ type: 'command', session: S1, command: { type: 'NEXT' } }]);
    // A forged value under the same key is checked like any other message, and dropped.
    const forged = JSON.stringify({ message: { type: 'command', session: S1, command: { type: 'LOAD' } } });
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: forged }));
    expect(got).toHaveLength(1);
    line.close();
    spy.mockRestore();
  });

  it('keeps one session per tab', () => {
    expect(presenterSession()).toBe(presenterSession());
    expect(presenterSession()).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('the speaker notes window, in step with the audience window', () => {
  it('shows the current step with its notes and the next message, and drives the audience both ways', async () => {
    const user = userEvent.setup();
    const logic = playerMachine.provide({ delays: { autoplayDelay: 5 } });
    // The audience window (the simulator with its end of the line) and the notes window, side by side.
    render(
      <PlayerContext.Provider logic={logic} options={{ input: { config: DEMO } }}>
        <PresenterSync />
        <SimulatorScreen />
      </PlayerContext.Provider>,
    );
    await settled();
    const notes = document.createElement('div');
    document.body.append(notes);
    render(<PresenterNotesRoute query={`session=${presenterSession()}`} />, { container: notes });
    const speaker = within(notes);
    expect(await speaker.findByText(/In step with the simulator window/)).toBeInTheDocument();
    expect(speaker.getByRole('heading', { name: 'Before the first message' })).toBeInTheDocument();
    expect(
      await speaker.findByText(/MCP request without a token/, {}, { timeout: 10000 }),
    ).toBeInTheDocument();

    // Next in the notes window steps the audience window…
    await user.click(speaker.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(options()).toHaveLength(1));
    await waitFor(() =>
      expect(
        speaker.getByRole('heading', { level: 2, name: 'MCP request without a token' }),
      ).toBeInTheDocument(),
    );
    expect(speaker.getByText(/Say: the client just tries/)).toBeInTheDocument();
    // …with the next message previewed (replayed from the seed, never shown to the audience).
    expect(
      await speaker.findByText('401 Unauthorized + WWW-Authenticate', {}, { timeout: 10000 }),
    ).toBeInTheDocument();

    // …and Next in the audience window moves the notes along.
    await user.click(screen.getAllByRole('button', { name: /Next/ })[0] as HTMLElement);
    await settled();
    await waitFor(() =>
      expect(
        speaker.getByRole('heading', { level: 2, name: '401 Unauthorized + WWW-Authenticate' }),
      ).toBeInTheDocument(),
    );
    await user.click(speaker.getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(options()).toHaveLength(1));
    notes.remove();
  });
});
