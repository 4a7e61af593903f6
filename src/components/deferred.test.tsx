// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Component } from 'react';
import type { ReactNode } from 'react';
import { act, cleanup, render, screen } from '@testing-library/react';
import { deferred, useDeferred } from './deferred';
import type { Deferred } from './deferred';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

interface Greeting {
  Hello: () => ReactNode;
}

function Shown({ module }: { module: Deferred<Greeting> }) {
  const loaded = useDeferred(module);
  return loaded ? <loaded.Hello /> : <p>placeholder</p>;
}

class Boundary extends Component<{ children: ReactNode }, { error: string | null }> {
  override state = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error: error.message };
  }
  override render() {
    return this.state.error ? <p role="alert">{this.state.error}</p> : this.props.children;
  }
}

/** A loader the test settles by hand. */
function manual() {
  let settle: { resolve: (m: Greeting) => void; reject: (e: Error) => void } | null = null;
  const loader = vi.fn(
    () =>
      new Promise<Greeting>((resolve, reject) => {
        settle = { resolve, reject };
      }),
  );
  return { loader, settle: () => settle };
}

describe('a deferred module', () => {
  it('shows the placeholder, then the module as soon as it arrives (no Suspense throttle)', async () => {
    const { loader, settle } = manual();
    const module = deferred(loader);
    render(<Shown module={module} />);
    expect(screen.getByText('placeholder')).toBeInTheDocument();
    const started = performance.now();
    act(() => {
      settle()?.resolve({ Hello: () => <p>hello</p> });
    });
    expect(await screen.findByText('hello')).toBeInTheDocument();
    // React holds a Suspense boundary's content back for 300 ms after its fallback: not here.
    expect(performance.now() - started).toBeLessThan(250);
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('renders a module fetched earlier at once, and fetches it only once', async () => {
    const loader = vi.fn(() => Promise.resolve<Greeting>({ Hello: () => <p>hello</p> }));
    const module = deferred(loader);
    await module.load();
    render(<Shown module={module} />);
    expect(screen.getByText('hello')).toBeInTheDocument();
    expect(screen.queryByText('placeholder')).toBeNull();
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('throws a failed download to the error boundary; a remount tries the network again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { loader, settle } = manual();
    const module = deferred(loader);
    const { unmount } = render(
      <Boundary>
        <Shown module={module} />
      </Boundary>,
    );
    act(() => {
      settle()?.reject(new Error('offline'));
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('offline');
    unmount();
    render(<Shown module={module} />);
    expect(loader).toHaveBeenCalledTimes(2);
    act(() => {
      settle()?.resolve({ Hello: () => <p>back</p> });
    });
    expect(await screen.findByText('back')).toBeInTheDocument();
  });
});
