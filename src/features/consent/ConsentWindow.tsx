/**
 * The authorization server's consent page, in a small simulated browser window whose address bar
 * shows the real authorization URL. Approve or Deny is the learner's own decision, passed to the
 * simulated browser (stepper.answer) and from there to the authorization server as a form POST.
 */
import { useEffect, useRef, useState } from 'react';
import type { ConsentPrompt } from '../../sim/servers/auth/consentPage';
import type { TraceEvent } from '../../sim/trace/types';
import { PlayerContext } from '../../run/player/PlayerContext';
import { useRun, useSend } from '../../run/player/hooks';
import { useMask } from '../../run/view/MaskContext';
import { ConsentPage } from './ConsentPage';
import { useFocusTrap } from '../../components/useFocusTrap';

/** The URL the browser is showing: the newest GET /authorize request. */
export function authorizationUrl(trace: readonly TraceEvent[]): string | null {
  for (let i = trace.length - 1; i >= 0; i--) {
    const event = trace[i];
    if (event?.kind === 'request' && event.stepId === 'authorize') return event.request.url;
  }
  return null;
}

function AddressBar({ url: real }: { url: string }) {
  // The address bar shows the URL as it is, secrets masked when "hide secrets" is on.
  const url = useMask()(real);
  const parsed = URL.canParse(real) ? new URL(real) : null;
  return (
    <div className="browser__address" role="group" aria-label="Address bar">
      <svg
        className="browser__lock"
        viewBox="0 0 16 16"
        width="14"
        height="14"
        aria-hidden="true"
        focusable="false"
      >
        <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" />
        <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      </svg>
      <span className="browser__url" title={url} tabIndex={0} aria-label={`Address: ${url}`}>
        {parsed ? (
          <>
            <span className="browser__origin">{parsed.origin}</span>
            {parsed.pathname}
            <span className="browser__query">{url.slice(parsed.origin.length + parsed.pathname.length)}</span>
          </>
        ) : (
          url
        )}
      </span>
    </div>
  );
}

function ConsentDialog({ prompt, url }: { prompt: ConsentPrompt; url: string | null }) {
  const send = useSend();
  const nudges = PlayerContext.useSelector((s) => s.context.nudges);
  const ref = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [seenNudges] = useState(nudges);
  useFocusTrap(ref, heading, () => document.querySelector<HTMLElement>('[data-testid="next"]'));

  // Next pressed while the window waits: bring focus back here and draw the eye to the buttons.
  const nudged = nudges > seenNudges;
  useEffect(() => {
    if (nudged) heading.current?.focus();
  }, [nudges, nudged]);

  return (
    <div className="consent-layer">
      <div
        ref={ref}
        // Two alternating animations, so each new nudge restarts the shake without remounting
        // (a remount would lose the focus trap's listeners).
        className={`browser${nudged ? ` browser--nudged-${nudges % 2}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="consent-title"
        aria-describedby="consent-desc"
      >
        <div className="browser__chrome" aria-hidden="true">
          <span className="browser__dot" />
          <span className="browser__dot" />
          <span className="browser__dot" />
          <span className="browser__tab">User-Agent (Browser)</span>
        </div>
        {url && <AddressBar url={url} />}
        <ConsentPage
          prompt={prompt}
          url={url}
          headingRef={heading}
          onAnswer={(decision) => send({ type: 'ANSWER', decision })}
        />
      </div>
    </div>
  );
}

export function ConsentWindow() {
  const prompt = useRun((s) => (s?.matches('awaitingConsent') ? s.context.consent : null));
  // Only while the window is open: a new message does not render it again otherwise.
  const url = useRun((s) => (s?.matches('awaitingConsent') ? authorizationUrl(s.context.trace) : null));
  if (!prompt) return null;
  return <ConsentDialog prompt={prompt} url={url} />;
}
