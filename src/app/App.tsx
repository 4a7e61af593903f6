/**
 * The app shell: header, the route's screen inside an error boundary, the theme, and the view
 * switches (presenter mode, hide secrets, embed) that the URL carries (viewState.ts).
 */
import { useCallback, useState } from 'react';
import type { CSSProperties } from 'react';
import { ViewContext } from '../run/view/ViewContext';
import { AppHeader } from './AppHeader';
import { ErrorBoundary } from './ErrorBoundary';
import { parseHash, useHash } from './router';
import { Screen } from './Screen';
import { useTheme } from './theme';
import { useViewState } from './viewState';
import { UpdatePrompt } from './offline/UpdatePrompt';
import { HeaderContext } from './headerContext';

export function App() {
  const hash = useHash();
  const route = parseHash(hash);
  const { view, api, navigate, onProgress } = useViewState(hash, route.name);
  const [theme, toggleTheme] = useTheme(view.theme);
  const presenting = view.present && route.name === 'sim';
  // Presenter mode, an embed and the speaker's notes window have no header.
  const chromeless = presenting || view.embed || route.name === 'presenter-notes';
  const classes = [
    'app',
    chromeless ? 'app--chromeless' : '',
    presenting ? 'app--present' : '',
    view.embed ? 'app--embed' : '',
    view.lock ? 'app--locked' : '',
  ].filter(Boolean);
  const style = { '--present-scale': view.scale } as CSSProperties;
  // Bumped by the error boundary's Reset: remounts the screen from scratch.
  const [generation, setGeneration] = useState(0);
  const reset = useCallback(() => {
    window.location.hash = '#/sim';
    setGeneration((g) => g + 1);
  }, []);
  // The sim route is keyed by route name only: stepping rewrites the query, which must not remount it.
  return (
    <ViewContext.Provider value={api}>
      <HeaderContext.Provider value={!chromeless}>
        <div className={classes.join(' ')} style={style}>
          {!chromeless && <AppHeader route={route} theme={theme} onToggleTheme={toggleTheme} />}
          {/* Named in an embed: the course page around the iframe has a main landmark of its own. */}
          <main
            id="main"
            className="app-main"
            aria-label={view.embed ? 'MCP OAuth Flow Simulator' : undefined}
          >
            <ErrorBoundary onReset={reset}>
              <Screen
                key={`${route.name}-${generation}`}
                route={route}
                navigate={navigate}
                onProgress={onProgress}
              />
            </ErrorBoundary>
          </main>
          <UpdatePrompt />
        </div>
      </HeaderContext.Provider>
    </ViewContext.Provider>
  );
}
