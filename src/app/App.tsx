/** The app shell: header, the route's screen inside an error boundary, and the theme. */
import { useCallback, useState } from 'react';
import { AppHeader } from './AppHeader';
import { ErrorBoundary } from './ErrorBoundary';
import { parseHash, useHash } from './router';
import { Screen } from './Screen';
import { useTheme } from './theme';

export function App() {
  const route = parseHash(useHash());
  const [theme, toggleTheme] = useTheme();
  // Bumped by the error boundary's Reset: remounts the screen from scratch.
  const [generation, setGeneration] = useState(0);
  const reset = useCallback(() => {
    window.location.hash = '#/sim';
    setGeneration((g) => g + 1);
  }, []);
  // The sim route is keyed by route name only: stepping rewrites the query, which must not remount it.
  return (
    <div className="app">
      <AppHeader route={route} theme={theme} onToggleTheme={toggleTheme} />
      <main id="main" className="app-main">
        <ErrorBoundary onReset={reset}>
          <Screen key={`${route.name}-${generation}`} route={route} />
        </ErrorBoundary>
      </main>
    </div>
  );
}
