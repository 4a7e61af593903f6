/**
 * The shell's side of the view switches (src/run/view/view.ts): read from the URL on every
 * render, so a link, Back and Forward show exactly the view they name; changed by rewriting the URL
 * (replaceState: a view switch is not a place to go Back to). Also the embed plumbing that belongs
 * to the shell: links inside an embedded page keep the embedding switches, lesson and quiz progress
 * goes to the embedding page, and a `ready` event says the app has started.
 */
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { fromProgress, postEmbedEvent } from '../features/embed/events';
import { reportLearning } from '../course/learning';
import type { OnProgress } from '../course/progress';
import { DEFAULT_VIEW, hashWithView, readViewOptions } from '../run/view/view';
import type { ViewOptions } from '../run/view/view';
import type { ViewApi } from '../run/view/ViewContext';
import { hashQuery, navigate as goTo, replaceHash } from './router';
import type { Route } from './router';

export interface ViewState {
  view: ViewOptions;
  api: ViewApi;
  navigate: (hash: string) => void;
  onProgress: OnProgress;
}

export function useViewState(hash: string, route: Route['name']): ViewState {
  // The embedding switches of the URL the page was opened with hold for the page's life.
  const [opened] = useState(() => readViewOptions(hashQuery(hash)));
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const view = useMemo(() => readViewOptions(hashQuery(hash), opened), [hash, opened]);

  const update = useCallback(
    (patch: Partial<ViewOptions>) => {
      const now = window.location.hash || '#/sim';
      replaceHash(hashWithView(now, { ...readViewOptions(hashQuery(now), opened), ...patch }));
      rerender();
    },
    [opened],
  );
  const api = useMemo<ViewApi>(() => ({ view, update }), [view, update]);

  const { embed, lock, theme, parentOrigin } = view;
  const navigate = useCallback(
    (target: string) => goTo(hashWithView(target, { ...DEFAULT_VIEW, embed, lock, theme, parentOrigin })),
    [embed, lock, theme, parentOrigin],
  );
  const onProgress = useCallback<OnProgress>(
    (event) => {
      postEmbedEvent(fromProgress(event), parentOrigin);
      reportLearning(event);
    },
    [parentOrigin],
  );

  // Off the simulator, the shell keeps the embedding switches in the address (the sim's UrlSync does there).
  useEffect(() => {
    if (route === 'sim' || route === 'presenter-notes') return;
    replaceHash(hashWithView(window.location.hash, view));
  }, [route, view]);

  // The high-contrast palette of presenter mode applies to the whole document (tokens.css).
  const presenting = view.present && route === 'sim';
  useEffect(() => {
    if (presenting) document.documentElement.dataset.contrast = 'high';
    else delete document.documentElement.dataset.contrast;
  }, [presenting]);

  useEffect(() => {
    postEmbedEvent({ type: 'ready', route }, parentOrigin);
    // Once, when the app starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { view, api, navigate, onProgress };
}
