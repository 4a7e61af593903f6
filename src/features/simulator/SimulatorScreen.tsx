/**
 * The simulator screen: controls on top; the diagram, its message list, and a side column with
 * the current step's explanation and the inspector. Expects a PlayerContext.Provider above it
 * (the app's /sim route provides one, configured from the URL).
 */
import { SidePanels } from '../attacks/SidePanels';
import { Announcer } from '../controls/Announcer';
import { PhaseProgress } from '../controls/PhaseProgress';
import { StepExplainer } from '../controls/StepExplainer';
import { Toolbar } from '../controls/Toolbar';
import { useKeyboardShortcuts } from '../controls/useKeyboardShortcuts';
import { ConsentWindow } from '../consent/ConsentWindow';
import { LazyDiagram } from '../diagram/LazyDiagram';
import { HoldingsPanel } from '../holdings/HoldingsPanel';
import { Inspector } from '../inspector/Inspector';
import { MessageList } from '../messages/MessageList';
import { PanelViewProvider } from '../player/PanelView';
import { PlayerContext } from '../player/PlayerContext';
import { useSend } from '../player/hooks';
import { MaskProvider } from '../presenter/MaskContext';
import { ViewBar } from '../presenter/ViewBar';
import { useViewOptions } from '../presenter/ViewContext';

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
  const loading = PlayerContext.useSelector((s) => s.matches('loading') && s.context.core === null);
  if (!loading) return null;
  return (
    <p className="veil" aria-hidden="true">
      Starting the simulated internet…
    </p>
  );
}

export function SimulatorScreen() {
  const send = useSend();
  useKeyboardShortcuts(send);
  const { mask } = useViewOptions().view;
  return (
    <MaskProvider enabled={mask}>
      <PanelViewProvider>
        <div className="sim">
          <h1 className="visually-hidden">MCP OAuth flow simulator</h1>
          <div className="sim__top">
            <Toolbar />
            <ViewBar />
          </div>
          <FailureBanner />
          <div className="sim__body">
            <section
              className="panel sim__diagram"
              aria-label="Sequence diagram (the message list is its text version)"
            >
              <PhaseProgress />
              <div className="sim__canvas">
                <LazyDiagram />
                <LoadingVeil />
              </div>
            </section>
            <div className="sim__list">
              <MessageList />
            </div>
            <div className="sim__side">
              <SidePanels>
                <StepExplainer />
                <HoldingsPanel />
                <Inspector />
              </SidePanels>
            </div>
            <ConsentWindow />
          </div>
          <Announcer />
        </div>
      </PanelViewProvider>
    </MaskProvider>
  );
}
