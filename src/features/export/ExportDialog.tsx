/**
 * Export the run: Mermaid `sequenceDiagram` text (copy or .mmd), the diagram as SVG or PNG, and a
 * HAR file of the simulated HTTP exchanges that browser developer tools open. Files carry the real
 * values unless "Mask secrets" is ticked (ticked by default while secrets are hidden on screen).
 * Loaded lazily, when first opened.
 */
import { useId, useMemo, useState } from 'react';
import { PlayerContext } from '../../run/player/PlayerContext';
import { useTrace } from '../../run/player/hooks';
import { Dialog } from '../../components/Dialog';
import { createMasker } from '../../run/view/mask';
import { copyText, downloadBlob, downloadText, svgToPng } from './browser';
import { fileBase, harFile, mermaidFile, svgFile } from './exports';
import './export.css';

interface Props {
  onClose: () => void;
  maskByDefault: boolean;
}

export default function ExportDialog({ onClose, maskByDefault }: Props) {
  const trace = useTrace();
  const config = PlayerContext.useSelector((s) => s.context.config);
  const [masked, setMasked] = useState(maskByDefault);
  const [status, setStatus] = useState('');
  const ids = useId();
  const mask = useMemo(() => (masked ? createMasker(trace) : undefined), [masked, trace]);
  const mermaid = useMemo(() => mermaidFile(trace, mask), [trace, mask]);
  const base = fileBase(config, trace.length);
  const exchanges = trace.filter((e) => e.kind === 'response').length;

  const say = (text: string) => {
    setStatus('');
    window.setTimeout(() => setStatus(text), 30);
  };
  const save = (text: string, ext: string, type: string) => {
    downloadText(text, `${base}.${ext}`, type);
    say(`Saved ${base}.${ext}`);
  };
  // Both settle with a message in the status line, whatever happens: neither promise can reject.
  const copyMermaid = async () => {
    const copied = await copyText(mermaid).catch(() => false);
    say(copied ? 'Mermaid copied' : 'Copy failed: select the text and copy it');
  };
  const savePng = async () => {
    try {
      downloadBlob(await svgToPng(svgFile(trace, config, mask), 2), `${base}.png`);
      say(`Saved ${base}.png`);
    } catch (error) {
      say(error instanceof Error ? error.message : 'The PNG could not be made.');
    }
  };

  return (
    <Dialog title="Export this run" onClose={onClose} className="dialog--wide">
      <div className="export">
        <p className="export__intro">
          {trace.length === 0
            ? 'No messages yet: step the flow first, then export what it produced.'
            : `${trace.length} messages, ${exchanges} HTTP exchanges, replayable from this seed (${config.seed}).`}
        </p>
        <label className="export__check">
          <input type="checkbox" checked={masked} onChange={(e) => setMasked(e.target.checked)} />
          Mask secrets in the files (tokens, codes, verifier, client secret, state)
        </label>

        <section className="export__section" aria-labelledby={`${ids}-mermaid`}>
          <h3 id={`${ids}-mermaid`} className="export__title">
            Mermaid sequence diagram
          </h3>
          <label className="export__field">
            <span className="export__label">
              Mermaid source (paste into Markdown, GitHub or mermaid.live)
            </span>
            <textarea className="export__code" readOnly rows={7} value={mermaid} spellCheck={false} />
          </label>
          <div className="export__actions">
            <button type="button" className="btn" onClick={() => void copyMermaid()}>
              Copy Mermaid
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => save(mermaid, 'mmd', 'text/vnd.mermaid;charset=utf-8')}
            >
              Download .mmd
            </button>
          </div>
        </section>

        <section className="export__section" aria-labelledby={`${ids}-image`}>
          <h3 id={`${ids}-image`} className="export__title">
            Image of the diagram
          </h3>
          <p className="muted">Every message with its number and label, lanes as in the spec.</p>
          <div className="export__actions">
            <button
              type="button"
              className="btn"
              onClick={() => save(svgFile(trace, config, mask), 'svg', 'image/svg+xml;charset=utf-8')}
            >
              Download SVG
            </button>
            <button type="button" className="btn" onClick={() => void savePng()}>
              Download PNG
            </button>
          </div>
        </section>

        <section className="export__section" aria-labelledby={`${ids}-har`}>
          <h3 id={`${ids}-har`} className="export__title">
            HTTP archive (HAR)
          </h3>
          <p className="muted">
            Every simulated request and response, headers and bodies included. Open it in the browser&apos;s
            developer tools: Network panel, then Import HAR.
          </p>
          <div className="export__actions">
            <button
              type="button"
              className="btn"
              onClick={() => save(harFile(trace, mask), 'har', 'application/json')}
            >
              Download .har
            </button>
          </div>
        </section>
        <p className="export__status" aria-live="polite" aria-atomic="true">
          {status}
        </p>
      </div>
    </Dialog>
  );
}
