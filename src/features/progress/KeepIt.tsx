/**
 * Progress as a file: download it here, open it in another browser (a learner changing computers).
 * Importing merges the file into what this browser has, so nothing is lost either way; a file that
 * is not a progress file of this course is refused with a message, and changes nothing.
 */
import { useId, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import type { ProgressStore } from '../../course/progress';

/** The largest file read: a year of daily use is a few tens of kilobytes. */
const MAX_BYTES = 1_000_000;

function download(text: string, filename: string): void {
  // As the export dialog saves a file (features/export/browser.ts); features do not share code.
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function KeepIt({ store }: { store: ProgressStore }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  const save = () => {
    download(store.exportText(), `mcp-oauth-progress-${new Date().toISOString().slice(0, 10)}.json`);
    setMessage({
      ok: true,
      text: 'Saved: open this file in the other browser with “Import a progress file”.',
    });
  };

  const open = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setMessage({ ok: false, text: 'This file is too large to be a progress file of this course.' });
      return;
    }
    const result = store.importText(await file.text());
    setMessage(
      result.ok
        ? {
            ok: true,
            text: result.partly
              ? 'Imported, except entries for lessons, questions or rules this version does not have.'
              : 'Imported: the file’s progress is merged with what was here.',
          }
        : { ok: false, text: result.message },
    );
  };

  return (
    <section aria-labelledby={`${id}-title`} className="keep-it">
      <h2 id={`${id}-title`}>Take it with you</h2>
      <p>
        Your progress stays in this browser only. To continue on another computer, save it as a file and
        import it there.
      </p>
      <p className="lq-actions">
        <button type="button" className="lq-button" onClick={save}>
          Save progress as a file
        </button>
        <button
          type="button"
          className="lq-button lq-button--secondary"
          onClick={() => input.current?.click()}
        >
          Import a progress file
        </button>
        <input
          ref={input}
          type="file"
          accept="application/json,.json"
          className="lq-visually-hidden"
          aria-label="Import a progress file"
          tabIndex={-1}
          onChange={(e) => void open(e)}
        />
      </p>
      <p
        role="status"
        className={message && !message.ok ? 'lq-notice lq-notice--warning' : 'keep-it__status'}
      >
        {message?.text ?? ''}
      </p>
    </section>
  );
}
