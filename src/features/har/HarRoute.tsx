/**
 * `#/har`: your own flow, from a HAR. Open one with the file picker, by dropping it anywhere on the
 * page, or from a link, `#/har?url=<a HAR on this site>`. The file is read in the page and never
 * sent anywhere; what is wrong with a file is said in a sentence, and the page carries on. What it
 * opens is shown by the `View` the app gives it (src/app/har/HarView.tsx: the simulator's diagram,
 * list and inspector over the recording).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ComponentType, DragEvent, ReactNode } from 'react';
import type { HarImport } from '../../sim/har';
import { openFile, openUrl, sameOriginUrl } from './load';
import type { Opened } from './load';
import './har.css';

/** A recording opened and read, as the view shows it. */
export interface LoadedHar {
  name: string;
  value: HarImport;
  /** The "open another" controls, placed in the view's bar. */
  toolbar: ReactNode;
}

type State =
  | { kind: 'empty' }
  | { kind: 'reading'; name: string }
  | { kind: 'problem'; name: string; message: string }
  | { kind: 'loaded'; name: string; value: HarImport; id: number };

function OpenButton({ onFile, primary }: { onFile: (file: File) => void; primary?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className={primary ? 'btn btn--primary' : 'btn'}
        onClick={() => input.current?.click()}
      >
        {primary ? 'Open a HAR file…' : 'Open another HAR…'}
      </button>
      <input
        ref={input}
        type="file"
        accept=".har,.json,application/json"
        className="har__input"
        aria-label="HAR file"
        tabIndex={-1}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}

function Intro({ onFile, state }: { onFile: (file: File) => void; state: State }) {
  return (
    <div className="har-open">
      <h1>Check your own flow</h1>
      <p className="har-open__lead">
        Open a HAR of your MCP client connecting to your MCP server. The flow is drawn on the simulator's
        sequence diagram, each message is checked with the same checks the simulated parties run, and every
        broken rule is marked on its arrow with what the specification says and how to fix it.
      </p>
      <div className="har-open__drop">
        <OpenButton onFile={onFile} primary />
        <p>or drop a .har file anywhere on this page.</p>
      </div>
      {state.kind === 'reading' && (
        <p role="status" className="har-open__status">
          Reading {state.name}…
        </p>
      )}
      {state.kind === 'problem' && (
        <div className="banner banner--error" role="alert">
          <p>
            <strong>{state.name}</strong>: {state.message}
          </p>
        </div>
      )}
      <h2>Where a HAR comes from</h2>
      <ul className="har-open__ways">
        <li>
          <strong>This project's client</strong>:{' '}
          <code>npm run client -- https://your-server.example/mcp --trace flow.har</code>
        </li>
        <li>
          <strong>A browser's developer tools</strong>: Network panel, connect, then "Save all as HAR" (in
          Chromium, "Export HAR (with sensitive data)" keeps the Authorization headers the checks read).
        </li>
        <li>
          <strong>The MCP Inspector</strong>: once connected, its Network tab's Export (a JSON file of its
          requests, opened here as it is; it redacts tokens and leaves out the browser's sign-in).
        </li>
        <li>
          <strong>A link</strong> to a HAR on this same site: <code>#/har?url=flows/my-flow.har</code>.
        </li>
      </ul>
      <p className="har-open__privacy">
        A HAR holds real tokens and codes. The file is read here, in this page: nothing is uploaded, and
        tokens are masked on screen until you reveal them.
      </p>
    </div>
  );
}

/** What a link (`#/har?url=`) opens with: its file is read next, or refused now. */
function linkState(url: string | null): State {
  if (url === null) return { kind: 'empty' };
  const checked = sameOriginUrl(url, window.location.href);
  return checked.ok
    ? { kind: 'reading', name: fileName(checked.url) }
    : { kind: 'problem', name: url, message: checked.message };
}

function fileName(url: URL): string {
  return url.pathname.split('/').pop() || url.pathname;
}

/** Keyed by its `url` (src/app/Screen.tsx): another link is another page. */
export default function HarRoute({ url, View }: { url: string | null; View: ComponentType<LoadedHar> }) {
  const [state, setState] = useState<State>(() => linkState(url));
  const [dragging, setDragging] = useState(false);
  // The newest open wins: a file dropped while a link's file downloads replaces it.
  const latest = useRef(0);

  const settle = useCallback(async (name: string, opening: Promise<Opened>) => {
    const id = ++latest.current;
    const opened = await opening;
    if (id !== latest.current) return;
    setState(
      opened.ok
        ? { kind: 'loaded', name, value: opened.value, id }
        : { kind: 'problem', name, message: opened.message },
    );
  }, []);

  const onFile = useCallback(
    (file: File) => {
      setState({ kind: 'reading', name: file.name });
      void settle(file.name, openFile(file));
    },
    [settle],
  );

  // The link's file, fetched once on arrival (a refused link was refused by linkState).
  useEffect(() => {
    if (url === null) return;
    const checked = sameOriginUrl(url, window.location.href);
    if (checked.ok) void settle(fileName(checked.url), openUrl(checked.url));
  }, [url, settle]);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };

  return (
    <div
      className={`har-route${dragging ? ' har-route--dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      {state.kind === 'loaded' ? (
        <View key={state.id} name={state.name} value={state.value} toolbar={<OpenButton onFile={onFile} />} />
      ) : (
        <Intro onFile={onFile} state={state} />
      )}
    </div>
  );
}
