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

const SPEED_IDS = Object.keys(SPEEDS) as Speed[];

function isSpeed(value: string): value is Speed {
  return Object.prototype.hasOwnProperty.call(SPEEDS, value);
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
          <Icon name="reset" /> Reset
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => send({ type: 'BACK' })}
          aria-disabled={count === 0}
          aria-keyshortcuts="ArrowLeft"
        >
          <Icon name="back" /> Back
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
          <Icon name={playing ? 'pause' : 'play'} /> {playing ? 'Pause' : 'Autoplay'}
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
          <Icon name="end" /> Run to end
        </button>
      </div>
      <RunSelectors />
    </div>
  );
}
