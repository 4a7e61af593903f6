/**
 * What the view controls do, for the buttons and the one-character keys alike: presenter mode and
 * its scale, fullscreen, the speaker notes window, hide secrets, copy link, and the dialogs. Short
 * confirmations ("Link copied") go to a polite live region the bar shows.
 */
import { useCallback, useState } from 'react';
import { copyText } from '../../features/export/browser';
import { absoluteUrl, useShareHash } from './share';
import { newPairing, notesHref } from '../../features/presenter/channel';
import { useFullscreen } from '../../features/presenter/fullscreen';
import { useViewShortcuts } from './useViewShortcuts';
import type { ViewAction } from './useViewShortcuts';
import { stepScale } from '../../run/view/view';
import { useViewOptions } from '../../run/view/ViewContext';

export type OpenDialog = { kind: 'help' } | { kind: 'export' } | { kind: 'link'; url: string } | null;

function openNotesWindow(): boolean {
  const { pathname, search } = window.location;
  // A fresh session for each pairing (channel.ts): the window of the same name, if open, moves to it.
  const notes = window.open(
    `${pathname}${search}${notesHref(newPairing())}`,
    'mcp-oauth-speaker-notes',
    'popup,width=1000,height=760',
  );
  notes?.focus();
  return notes !== null;
}

export function useViewActions() {
  const { view, update } = useViewOptions();
  const [open, setOpen] = useState<OpenDialog>(null);
  const [status, setStatus] = useState('');
  const [fullscreen, toggleFullscreen] = useFullscreen();
  const share = useShareHash(view);

  const announce = useCallback((text: string) => {
    // Cleared first so the same message twice is announced twice; gone again after a few seconds.
    setStatus('');
    window.setTimeout(() => setStatus(text), 30);
    window.setTimeout(() => setStatus((shown) => (shown === text ? '' : shown)), 5000);
  }, []);

  const copyLink = useCallback(async () => {
    const url = absoluteUrl(share());
    if (await copyText(url)) announce('Link copied');
    else setOpen({ kind: 'link', url });
  }, [share, announce]);

  const run = useCallback(
    (action: ViewAction) => {
      switch (action) {
        case 'present': {
          // The button moves between the header and the presenter bar: keep the keyboard on it.
          const refocus = document.activeElement?.closest('.viewbar') != null;
          update({ present: !view.present, scale: 1 });
          announce(view.present ? 'Presenter mode off' : 'Presenter mode on');
          if (refocus)
            requestAnimationFrame(() =>
              document.querySelector<HTMLElement>('.viewbar [aria-keyshortcuts="P"]')?.focus(),
            );
          return;
        }
        case 'fullscreen':
          toggleFullscreen();
          return;
        case 'notes':
          if (!openNotesWindow())
            announce('The browser blocked the notes window: allow pop-ups for this page.');
          return;
        case 'predict':
          update({ predict: !view.predict });
          announce(view.predict ? 'Predict mode off' : 'Predict mode on');
          return;
        case 'mask':
          update({ mask: !view.mask });
          announce(view.mask ? 'Secrets shown' : 'Secrets hidden');
          return;
        case 'bigger':
        case 'smaller':
        case 'reset-scale': {
          if (!view.present) return;
          const scale = action === 'reset-scale' ? 1 : stepScale(view.scale, action === 'bigger' ? 1 : -1);
          update({ scale });
          announce(`Scale ${Math.round(scale * 100)}%`);
          return;
        }
        case 'link':
          void copyLink();
          return;
        case 'export':
          setOpen({ kind: 'export' });
          return;
        case 'help':
          setOpen({ kind: 'help' });
          return;
      }
    },
    [view, update, announce, toggleFullscreen, copyLink],
  );
  useViewShortcuts(run);

  return { run, open, setOpen, status, copyLink, fullscreen, toggleFullscreen };
}
