// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from './App';
import { ErrorBoundary } from './ErrorBoundary';

afterEach(cleanup);

const listed = () => screen.queryAllByRole('option').filter((o) => o.closest('[role="listbox"]'));

async function settled() {
  await waitFor(
    () => {
      const status = screen.getByRole('group', { name: 'Step controls' }).getAttribute('data-status');
      if (status === 'loading' || status === 'busy') throw new Error(status ?? 'no status');
    },
    { timeout: 10000 },
  );
}

describe('App: the #/sim route and the URL', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/');
  });

  it('positions the run from the URL and keeps the URL in step', async () => {
    window.location.hash = '#/sim?scenario=first-connection&reg=dcr&seed=demo&step=3';
    const user = userEvent.setup();
    render(<App />);
    await settled();
    expect(listed()).toHaveLength(3);
    expect(screen.getByRole('link', { name: 'Simulator' })).toHaveAttribute('aria-current', 'page');
    await user.click(screen.getByRole('button', { name: /Next/ }));
    await settled();
    await waitFor(() =>
      expect(window.location.hash).toBe('#/sim?scenario=first-connection&reg=dcr&seed=demo&step=4'),
    );
    await user.selectOptions(screen.getByLabelText('Scenario'), 'deny');
    await settled();
    await waitFor(() => expect(window.location.hash).toBe('#/sim?scenario=deny&reg=dcr&seed=demo'));
    expect(listed()).toHaveLength(0);
  });

  it('loads a new position when the address changes', async () => {
    window.location.hash = '#/sim?reg=dcr';
    render(<App />);
    await settled();
    expect(listed()).toHaveLength(0);
    act(() => {
      window.location.hash = '#/sim?reg=dcr&at=dcr:response';
    });
    await waitFor(() => expect(listed().at(-1)).toHaveTextContent('201 · client registered'), {
      timeout: 10000,
    });
  });

  it('says on arrival what a link asked for that its revision cannot play, until dismissed', async () => {
    window.location.hash = '#/sim?reg=cimd&rev=2025-06-18';
    const user = userEvent.setup();
    render(<App />);
    const notice = await screen.findByText(/This link asked for something its revision does not have/);
    expect(notice.closest('[role="status"]')).toHaveTextContent(
      'Client ID Metadata Documents arrived in 2025-11-25 (SEP-991). This 2025-06-18 run uses Dynamic Client Registration instead.',
    );
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/This link asked for something/)).toBeNull();
  });

  it('says on screen when a link names a step its run never reaches, and starts afresh', async () => {
    // A machine-to-machine run has no authorization code: its token request is another step.
    window.location.hash = '#/sim?scenario=client-credentials-post&at=token:request';
    const user = userEvent.setup();
    render(<App />);
    const notice = await screen.findByText(/This link asked for a step this run does not have/, undefined, {
      timeout: 10000,
    });
    expect(notice.closest('[role="status"]')).toHaveTextContent(
      'The step "token:request" does not happen in this run, so the simulator starts from the beginning.',
    );
    // The list follows the run a frame after the notice (PanelView): on a loaded machine it may still
    // show the run that looked for the step.
    await waitFor(() => expect(listed()).toHaveLength(0));
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/This link asked for a step/)).toBeNull();
  });

  it('toggles the theme and remembers it', async () => {
    window.location.hash = '#/sim';
    const user = userEvent.setup();
    render(<App />);
    const toggle = screen.getByRole('button', { name: /Switch to (dark|light) theme/ });
    const before = document.documentElement.dataset.theme;
    await user.click(toggle);
    expect(document.documentElement.dataset.theme).not.toBe(before);
    expect(window.localStorage.getItem('mcp-sim-theme')).toBe(document.documentElement.dataset.theme);
  });
});

describe('ErrorBoundary', () => {
  it('shows the error with a Reset instead of a blank page', async () => {
    const user = userEvent.setup();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let broken = true;
    function Fragile() {
      if (broken) throw new Error('the diagram fell over');
      return <p>Back in business</p>;
    }
    const onReset = vi.fn(() => {
      broken = false;
    });
    render(
      <ErrorBoundary onReset={onReset}>
        <Fragile />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('the diagram fell over');
    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(onReset).toHaveBeenCalledOnce();
    expect(screen.getByText('Back in business')).toBeInTheDocument();
    quiet.mockRestore();
  });
});
