/** The help overlay (?): every keyboard shortcut, and the switch for the one-character ones. */
import { useId } from 'react';
import { Dialog } from '../../components/Dialog';
import { SHORTCUT_GROUPS, setCharacterShortcuts, useCharacterShortcuts } from './shortcuts';
import './help.css';

export function HelpDialog({ onClose }: { onClose: () => void }) {
  const characterKeys = useCharacterShortcuts();
  const base = useId();
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="dialog--wide">
      <div className="help">
        {SHORTCUT_GROUPS.map((group, index) => (
          <section key={group.title} className="help__group" aria-labelledby={`${base}-${index}`}>
            <h3 id={`${base}-${index}`} className="help__title">
              {group.title}
              {group.character && !characterKeys && <span className="help__off"> (turned off)</span>}
            </h3>
            <dl className="help__list">
              {group.shortcuts.map((shortcut) => (
                <div key={shortcut.action} className="help__row">
                  <dt>
                    {shortcut.keys.map((key, i) => (
                      <span key={key}>
                        {i > 0 && <span className="help__or"> or </span>}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{shortcut.action}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <label className="help__switch">
          <input
            type="checkbox"
            checked={characterKeys}
            onChange={(event) => setCharacterShortcuts(event.target.checked)}
          />
          Single-key shortcuts (P, F, N, H, L, E, ?, +, −, 0). Turn them off if you use speech input or they
          get in your way; every one of them is also a button.
        </label>
      </div>
    </Dialog>
  );
}
