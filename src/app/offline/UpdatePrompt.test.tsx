// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

const worker = vi.hoisted(() => ({
  options: null as null | { onNeedRefresh?: () => void; onOfflineReady?: () => void; immediate?: boolean },
  update: vi.fn(() => Promise.resolve()),
}));

vi.mock('virtual:pwa-register', () => ({
  registerSW: (options: NonNullable<typeof worker.options>) => {
    worker.options = options;
    return worker.update;
  },
}));

afterEach(() => {
  cleanup();
  vi.unstubAllEnvs();
});

describe('the new-version prompt', () => {
  it('appears when a new build waits, switches to it on Reload, and stays away on Later', async () => {
    vi.stubEnv('PROD', true);
    Object.defineProperty(navigator, 'serviceWorker', { value: {}, configurable: true });
    const { registerOffline } = await import('./updates');
    const { UpdatePrompt } = await import('./UpdatePrompt');
    await registerOffline();
    expect(worker.options?.immediate).toBe(true);
    const user = userEvent.setup();
    render(<UpdatePrompt />);
    expect(screen.queryByText(/new version/)).toBeNull();

    act(() => worker.options?.onNeedRefresh?.());
    expect(screen.getByRole('status')).toHaveTextContent('A new version of the simulator is ready.');
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    expect(worker.update).toHaveBeenCalledWith(true);

    await user.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByText(/new version/)).toBeNull();
  });
});
