/**
 * "A new version is ready: Reload": shown when a new build has been installed behind the running
 * one. Reloading switches the whole page to it at once; Later keeps the running build (whole, from
 * the cache) until the next visit.
 */
import { dismissUpdate, reloadToUpdate, useOfflineState } from './updates';
import './offline.css';

export function UpdatePrompt() {
  const { waiting } = useOfflineState();
  return (
    <div className="update-prompt" role="status" aria-live="polite">
      {waiting && (
        <div className="update-prompt__box">
          <p>A new version of the simulator is ready.</p>
          <button type="button" className="btn btn--primary btn--sm" onClick={reloadToUpdate}>
            Reload
          </button>
          <button type="button" className="btn btn--ghost btn--sm" onClick={dismissUpdate}>
            Later
          </button>
        </div>
      )}
    </div>
  );
}
