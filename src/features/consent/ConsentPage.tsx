/** The page inside the simulated browser: what the authorization server shows the user. */
import type { RefObject } from 'react';
import type { Decision } from '../../sim/browser/browser';
import { scopeDescription } from '../../sim/servers/auth/consentPage';
import type { ConsentPrompt } from '../../sim/servers/auth/consentPage';
import { splitUrl } from '../../run/trace/format';
import { useMask } from '../../run/view/MaskContext';

const SOURCE: Record<string, string> = {
  dcr: 'registered itself dynamically (DCR)',
  cimd: 'identified by its Client ID Metadata Document',
  preregistered: 'pre-registered with this server',
};

interface Props {
  prompt: ConsentPrompt;
  url: string | null;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onAnswer: (decision: Decision) => void;
}

export function ConsentPage({ prompt, url, headingRef, onAnswer }: Props) {
  const params = url ? splitUrl(url).params : [];
  const mask = useMask();
  return (
    <div className="browser__page">
      <p className="consent__brand">
        <span aria-hidden="true">◆ </span>auth.example.com
      </p>
      <h2 id="consent-title" ref={headingRef} tabIndex={-1} className="consent__title">
        {prompt.clientName} wants to access your account
      </h2>
      <div id="consent-desc">
        <p className="consent__user">
          Signed in as <strong>{prompt.userName}</strong>. The application is{' '}
          {SOURCE[prompt.clientSource] ?? prompt.clientSource}.
        </p>
        <p>It asks to:</p>
        <ul className="consent__scopes">
          {prompt.scopes.map((scope) => (
            <li key={scope}>
              {scopeDescription(scope)} <code>{scope}</code>
            </li>
          ))}
        </ul>
        <p>
          After you decide you will be sent to{' '}
          <strong className="consent__host">{prompt.redirectHost}</strong>.
        </p>
        {prompt.warnings.map((warning) => (
          <p key={warning} className="consent__warning">
            <span aria-hidden="true">⚠ </span>
            {warning}
          </p>
        ))}
      </div>
      {params.length > 0 && (
        <details className="consent__params">
          <summary>What the client asked for (the authorization request)</summary>
          <ul>
            {params.map(([name, value]) => (
              <li key={name}>
                <code>{name}</code> = <code>{mask(value)}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="consent__actions">
        <button type="button" className="btn" onClick={() => onAnswer('deny')}>
          Deny
        </button>
        <button type="button" className="btn btn--primary" onClick={() => onAnswer('approve')}>
          Approve
        </button>
      </div>
    </div>
  );
}
