/** Shown when the clipboard refused: the link, selected, for the learner to copy by hand. */
import { useEffect, useRef } from 'react';
import { Dialog } from '../../components/Dialog';
import './export.css';

export default function LinkDialog({ url, onClose }: { url: string; onClose: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.select();
  }, []);
  return (
    <Dialog title="Copy this link" onClose={onClose}>
      <p>The browser did not let the page copy it. Select the link and copy it (Ctrl+C or ⌘C):</p>
      <label className="export__field">
        <span className="export__label">Link to this step</span>
        <input
          ref={input}
          type="text"
          readOnly
          value={url}
          className="export__input"
          onFocus={(e) => e.target.select()}
        />
      </label>
    </Dialog>
  );
}
