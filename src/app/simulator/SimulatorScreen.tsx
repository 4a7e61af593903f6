/**
 * The simulator screen, composed of the features: controls on top; the diagram, its message
 * list, and a side column with the current step's explanation and the inspector (or the attack
 * lab). Expects a PlayerContext.Provider above it (SimRoute provides one, configured from the URL;
 * a practice drill its own, with the drill's panel in the side column instead of the lab).
 */
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import type { OnProgress } from '../../course/progress';
import { LinkFallbackBanner } from './LinkFallbackBanner';
import { SidePanels } from '../../features/attacks/SidePanels';
import { Announcer } from '../../features/controls/Announcer';
import { PhaseProgress } from '../../features/controls/PhaseProgress';
import { StepExplainer } from '../../features/controls/StepExplainer';
import { Toolbar } from '../../features/controls/Toolbar';
import { useKeyboardShortcuts } from '../../run/player/useKeyboardShortcuts';
import { ConsentWindow } from '../../features/consent/ConsentWindow';
import { LazyDiagram } from '../../features/diagram/LazyDiagram';
import { HoldingsPanel } from '../../features/holdings/HoldingsPanel';
import { Inspector } from '../../features/inspector/Inspector';
import { MessageList } from '../../features/messages/MessageList';
import { PanelViewProvider } from '../../run/player/PanelView';
import { PlayerContext } from '../../run/player/PlayerContext';
import { useRun, useSend } from '../../run/player/hooks';
import { MaskProvider } from '../../run/view/MaskContext';
import { ViewBar } from '../viewbar/ViewBar';
import { LessonReturnLink } from '../../course/LessonReturnLink';
import { useViewOptions } from '../../run/view/ViewContext';
import { useBarAutoHide } from './useBarAutoHide';
import { useSideShortcuts } from './useSideShortcuts';

// Predict mode's card: its own chunk, fetched when the switch is first turned on.
const PredictPanel = lazy(() => import('../../features/predict/PredictPanel'));
// The recap at the end of a run: its own chunk (it reads the lessons), fetched when a run first ends.
const RunRecap = lazy(() => import('../../features/recap/RunRecap'));

/** The recap once the run has ended; not in a drill, where it would name the fault to be found. */
function Recap() {
  const finished = useRun((s) => s?.matches('finished') === true);
  if (!finished) return null;
  return (
    <Suspense fallback={null}>
      <RunRecap />
    </Suspense>
  );
}

function FailureBanner() {
  const error = PlayerContext.useSelector((s) => (s.matches('failed') ? s.context.error : null));
  const send = useSend();
  if (error === null) return null;
  return (
    <div className="banner banner--error" role="alert">
      <p>
        <strong>The simulator stopped.</strong> {error}
      </p>
      <button type="button" className="btn" onClick={() => send({ type: 'RESET' })}>
        Reset
      </button>
    </div>
  );
}

function LoadingVeil() {
  // The player is in `loading` only while it has no core yet (playerMachine.ts).
  const loading = PlayerContext.useSelector((s) => s.matches('loading'));
  if (!loading) return null;
  return (
    <p className="veil" aria-hidden="true">
      Starting the simulated internet…
    </p>
  );
}

interface SimulatorScreenProps {
  /** A drill's panel: above the step's explanation, in place of the attack lab (a drill's run is fixed). */
  drill?: ReactNode;
  /** Progress events (prediction scores) for an embedding page and the learning platform. */
  onProgress?: OnProgress | undefined;
  /** What the arrival link asked for that its revision cannot play (simParams), said once. */
  linkNotes?: readonly string[] | undefined;
}

export function SimulatorScreen({ drill, onProgress, linkNotes }: SimulatorScreenProps = {}) {
  const send = useSend();
  useKeyboardShortcuts(send);
  const { mask, predict, present } = useViewOptions().view;
  const side = useSideShortcuts(present);
  const barHidden = useBarAutoHide(present);
  return (
    <MaskProvider enabled={mask}>
      <PanelViewProvider>
        <div
          className={`sim${drill ? ' sim--drill' : ''}${predict ? ' sim--predict' : ''}`}
          data-bar={barHidden ? 'hidden' : undefined}
          data-side={side.inspecting ? 'inspect' : undefined}
        >
          <h1 className="visually-hidden">MCP OAuth flow simulator</h1>
          <div className="sim__top">
            <LessonReturnLink />
            <Toolbar />
            <ViewBar />
          </div>
          <FailureBanner />
          <LinkFallbackBanner notes={linkNotes} />
          <div className="sim__body">
            <section
              className="panel sim__diagram"
              aria-label="Sequence diagram (the message list is its text version)"
            >
              <PhaseProgress />
              {predict ? (
                <Suspense fallback={null}>
                  <PredictPanel onProgress={onProgress} />
                </Suspense>
              ) : null}
              {/* Over the finished diagram, whichever side panel is open (the lab, after an attack). */}
              {drill ? null : <Recap />}
              <div className="sim__canvas">
                <LazyDiagram />
                <LoadingVeil />
              </div>
            </section>
            <div className="sim__list">
              <MessageList />
            </div>
            <div className="sim__side">
              {drill ? (
                <>
                  {drill}
                  <StepExplainer />
                  <HoldingsPanel />
                  <Inspector />
                </>
              ) : (
                <SidePanels request={side.request}>
                  <StepExplainer />
                  <HoldingsPanel />
                  <Inspector />
                </SidePanels>
              )}
            </div>
            <ConsentWindow />
          </div>
          <Announcer />
        </div>
      </PanelViewProvider>
    </MaskProvider>
  );
}
