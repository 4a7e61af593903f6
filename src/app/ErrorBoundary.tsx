/**
 * Never a blank page: a render error shows what happened and a Reset that starts the screen
 * again from a clean simulator URL.
 */
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

interface Props {
  children: ReactNode;
  onReset: () => void;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept in the console for whoever reports the bug; the page itself stays usable.
    console.error('The simulator screen failed to render', error, info.componentStack);
  }

  private reset = () => {
    this.setState({ error: null });
    this.props.onReset();
  };

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h1>Something went wrong on this screen</h1>
        <p>The page hit an error it could not recover from by itself:</p>
        <pre className="code">{this.state.error.message}</pre>
        <button type="button" className="btn btn--primary" onClick={this.reset}>
          Reset
        </button>
      </div>
    );
  }
}
