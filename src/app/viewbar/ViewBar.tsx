/**
 * The view controls of the simulator: presenter mode, hide secrets, copy link, export and help;
 * in presenter mode also the scale, fullscreen, the speaker notes window and the message list
 * drawer. In the normal layout they sit in the app header (a portal into its tools slot), where
 * there is room; in presenter and embed modes the header is gone and they form a bar above the
 * step controls. Their keys (useViewShortcuts) work in every layout. Part of the app, not of a
 * feature: it brings together the presenter's controls, the export and link dialogs and the help.
 */
import { lazy, Suspense, useContext, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { PlayerContext } from '../../run/player/PlayerContext';
import { useRun } from '../../run/player/hooks';
import { absoluteUrl, useShareHash } from './share';
import { fullscreenAvailable } from '../../features/presenter/fullscreen';
import { MessagesButton } from '../../features/presenter/MessagesButton';
import { useViewActions } from './useViewActions';
import { SCALES } from '../../run/view/view';
import { useViewOptions } from '../../run/view/ViewContext';
import { HEADER_SLOT_ID, HeaderContext } from '../headerContext';
import './presenter.css';

const HelpDialog = lazy(() =>
  import('../../features/help/HelpDialog').then((m) => ({ default: m.HelpDialog })),
);
const ExportDialog = lazy(() => import('../../features/export/ExportDialog'));
const LinkDialog = lazy(() => import('../../features/export/LinkDialog'));

const noSubscription = () => () => undefined;

/**
 * A phone: the header has no room for the tools beside it, and putting them there once the
 * simulator has loaded would push the whole page down (a layout shift of 0.07 in Lighthouse's
 * mobile run); the bar stays at the top of the simulator instead.
 */
const PHONE = '(max-width: 700px)';

function subscribePhone(listener: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined;
  const query = window.matchMedia(PHONE);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

function usePhone(): boolean {
  return useSyncExternalStore(
    subscribePhone,
    () => typeof window.matchMedia === 'function' && window.matchMedia(PHONE).matches,
    () => false,
  );
}

function useHeaderSlot(wanted: boolean): HTMLElement | null {
  // Read on every render and re-checked after commit (the header mounts in the same commit).
  return useSyncExternalStore(
    noSubscription,
    () => (wanted ? document.getElementById(HEADER_SLOT_ID) : null),
    () => null,
  );
}

/** "Open the full simulator" from an embed: the same view, in a tab of its own. */
/**
 * A button's words, and a shorter form the presenter bar shows where the full ones would not fit on
 * its one row (presenter.css). Its name stays the full words: the short ones are hidden from
 * assistive technology, the full ones only from sight.
 */
function Label({ full, short }: { full: string; short: string }) {
  return (
    <>
      <span className="viewbar__full">{full}</span>
      <span className="viewbar__short" aria-hidden="true">
        {short}
      </span>
    </>
  );
}

function FullAppLink() {
  const { view } = useViewOptions();
  const share = useShareHash(view);
  // Re-rendered on each step, so the link always points at the current one.
  PlayerContext.useSelector((s) => s.context.selected);
  useRun((s) => s?.context.trace.length);
  return (
    <a className="btn btn--ghost" href={absoluteUrl(share())} target="_blank" rel="noopener">
      Open full simulator<span className="visually-hidden"> (new tab)</span>
      <span aria-hidden="true"> ↗</span>
    </a>
  );
}

export function ViewBar() {
  const { view } = useViewOptions();
  const { run, open, setOpen, status, copyLink, fullscreen, toggleFullscreen } = useViewActions();
  const phone = usePhone();
  const inHeader = useContext(HeaderContext) && !view.present && !view.embed && !phone;
  const slot = useHeaderSlot(inHeader);

  const mode = view.present ? 'present' : view.embed ? 'embed' : 'normal';
  const scaleIndex = SCALES.indexOf(view.scale as (typeof SCALES)[number]);
  const bar = (
    <div className={`viewbar viewbar--${mode}`} role="group" aria-label="View and sharing">
      {mode === 'present' && (
        <div className="viewbar__group" role="group" aria-label="Presenter scale">
          <button
            type="button"
            className="btn"
            onClick={() => run('smaller')}
            aria-disabled={scaleIndex <= 0}
            aria-keyshortcuts="-"
            aria-label="Smaller"
          >
            <span aria-hidden="true">A−</span>
          </button>
          <span className="viewbar__scale">
            <span className="visually-hidden">Scale </span>
            {Math.round(view.scale * 100)}%
          </span>
          <button
            type="button"
            className="btn"
            onClick={() => run('bigger')}
            aria-disabled={scaleIndex >= SCALES.length - 1}
            aria-keyshortcuts="+"
            aria-label="Bigger"
          >
            <span aria-hidden="true">A+</span>
          </button>
        </div>
      )}
      {mode === 'present' && fullscreenAvailable() && (
        <button
          type="button"
          className="btn"
          onClick={toggleFullscreen}
          aria-pressed={fullscreen}
          aria-keyshortcuts="F"
        >
          Fullscreen
        </button>
      )}
      {mode === 'present' && (
        <button type="button" className="btn" onClick={() => run('notes')} aria-keyshortcuts="N">
          <Label full="Speaker notes" short="Notes" />
        </button>
      )}
      {mode === 'present' && <MessagesButton />}
      {mode !== 'embed' && (
        <button
          type="button"
          className="btn btn--ghost viewbar__switch"
          role="switch"
          aria-checked={view.mask}
          onClick={() => run('mask')}
          aria-keyshortcuts="H"
        >
          <span className="viewbar__track" aria-hidden="true" />
          Hide secrets
        </button>
      )}
      {mode !== 'present' && (
        <>
          <button
            type="button"
            className="btn btn--ghost"
            onClick={() => void copyLink()}
            aria-keyshortcuts="L"
          >
            Copy link
          </button>
          <button
            type="button"
            className="btn btn--ghost"
            onClick={() => setOpen({ kind: 'export' })}
            aria-haspopup="dialog"
            aria-keyshortcuts="E"
          >
            Export…
          </button>
        </>
      )}
      <button
        type="button"
        className="btn btn--ghost viewbar__help"
        onClick={() => setOpen({ kind: 'help' })}
        aria-haspopup="dialog"
        aria-keyshortcuts="Shift+?"
        aria-label="Keyboard shortcuts"
      >
        <span aria-hidden="true">?</span>
      </button>
      {mode === 'embed' && <FullAppLink />}
      {mode !== 'embed' && (
        <button
          type="button"
          className={`btn${mode === 'present' ? ' viewbar__exit' : ''}`}
          onClick={() => run('present')}
          aria-keyshortcuts="P"
        >
          {mode === 'present' ? <Label full="Exit presenter" short="Exit" /> : 'Present'}
        </button>
      )}
      {/* A polite live region (not role=status: the step announcer is the screen's status). */}
      <span className="viewbar__status" aria-live="polite" aria-atomic="true">
        {status}
      </span>
    </div>
  );

  const close = () => setOpen(null);
  return (
    <>
      {/* Bound for the header: nothing until its slot is found (a render later), rather than a bar
          above the simulator that then leaves it and moves the page up. */}
      {inHeader ? slot && createPortal(bar, slot) : bar}
      <Suspense fallback={null}>
        {open?.kind === 'help' && <HelpDialog onClose={close} />}
        {open?.kind === 'export' && <ExportDialog onClose={close} maskByDefault={view.mask} />}
        {open?.kind === 'link' && <LinkDialog url={open.url} onClose={close} />}
      </Suspense>
    </>
  );
}
