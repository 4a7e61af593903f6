/**
 * The playback controls. Every button has a visible name and its keyboard shortcut in
 * aria-keyshortcuts; the shortcuts themselves live in useKeyboardShortcuts. Unavailable buttons
 * use aria-disabled, not disabled: a focused button that became disabled would drop the keyboard
 * user's focus to the page (pressing Back down to the first step would do it). The machine
 * ignores what does not apply, so the clicks are harmless.
 */
import { PlayerContext } from '../../run/player/PlayerContext';
import { usePanelsPending } from '../../run/player/PanelView';
import { usePlayerStatus, useRun, useSend } from '../../run/player/hooks';
import { SPEEDS } from '../../run/player/playerMachine';
import type { Speed } from '../../run/player/playerMachine';
import { Icon } from './icons';
import { RunSelectors } from './RunSelectors';
import { useViewOptions } from '../../run/view/ViewContext';

const SPEED_IDS = Object.keys(SPEEDS) as Speed[];

function isSpeed(value: string): value is Speed {
  return Object.prototype.hasOwnProperty.call(SPEEDS, value);
}

/**
 * Predict mode (features/predict): a way of stepping, so it sits with the step controls, in every
 * layout (a speaker asks the room, an embedding course its learners). Kept in the URL (`predict=1`);
 * Q toggles it too (app/viewbar).
 */
function PredictSwitch() {
  const { view, update } = useViewOptions();
  return (
    <button
      type="button"
      className="btn btn--ghost viewbar__switch toolbar__predict"
      role="switch"
      aria-checked={view.predict}
      onClick={() => update({ predict: !view.predict })}
      aria-keyshortcuts="Q"
      data-predict-switch=""
      title="Before each message, predict something about it; then see it"
    >
      <span className="viewbar__track" aria-hidden="true" />
      Predict
    </button>
  );
}

export function Toolbar() {
  const status = usePlayerStatus();
  // Busy until the whole screen shows the step: the side panels follow its arrow a frame later.
  const pending = usePanelsPending();
  const send = useSend();
  const count = useRun((s) => s?.context.trace.length ?? 0);
  const speed = PlayerContext.useSelector((s) => s.context.speed);
  const autoplay = PlayerContext.useSelector((s) => s.context.autoplay);
  const finished = status === 'finished';
  const playing = status === 'playing' || (status === 'awaitingConsent' && autoplay);

  return (
    <div
      className="toolbar"
      role="group"
      aria-label="Step controls"
      data-status={pending && status !== 'loading' ? 'busy' : status}
    >
      <div className="toolbar__group">
        <button
          type="button"
          className="btn"
          onClick={() => send({ type: 'RESET' })}
          aria-keyshortcuts="Home"
        >
          <Icon name="reset" /> <span className="btn__label">Reset</span>
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => send({ type: 'BACK' })}
          aria-disabled={count === 0}
          aria-keyshortcuts="ArrowLeft"
        >
          <Icon name="back" /> <span className="btn__label">Back</span>
        </button>
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => send({ type: 'NEXT' })}
          aria-disabled={finished}
          aria-keyshortcuts="ArrowRight Space"
          data-testid="next"
        >
          Next <Icon name="next" />
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => send({ type: playing ? 'PAUSE' : 'PLAY' })}
          aria-disabled={finished}
          aria-pressed={playing}
        >
          <Icon name={playing ? 'pause' : 'play'} />{' '}
          <span className="btn__label">{playing ? 'Pause' : 'Autoplay'}</span>
        </button>
        <label className="field field--speed">
          <span className="visually-hidden">Autoplay speed</span>
          <select
            value={speed}
            onChange={(e) => isSpeed(e.target.value) && send({ type: 'SET_SPEED', speed: e.target.value })}
          >
            {SPEED_IDS.map((id) => (
              <option key={id} value={id}>
                {SPEEDS[id].label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          onClick={() => send({ type: 'RUN_TO_END' })}
          aria-disabled={finished}
          aria-keyshortcuts="End"
        >
          <Icon name="end" /> <span className="btn__label">Run to end</span>
        </button>
        <PredictSwitch />
      </div>
      <RunSelectors />
    </div>
  );
}
