/**
 * PKCE made visible: verifier → SHA-256 (hex) → base64url challenge, computed here with the
 * core's own explainS256, and, at the token step, the server's recomputation and comparison.
 */
import { useEffect, useState } from 'react';
import { useCore } from '../../run/core/useCore';
import { useMask } from '../../run/view/MaskContext';
import type { PkceFacts } from './pkce';

interface Chain {
  verifier: string;
  sha256Hex: string;
  challenge: string;
}

function useChain(verifier: string | null): Chain | null {
  const { core } = useCore();
  const [chain, setChain] = useState<Chain | null>(null);
  useEffect(() => {
    if (!core || !verifier) return;
    let live = true;
    void core.explainS256(verifier).then((result) => {
      if (live) setChain(result);
    });
    return () => {
      live = false;
    };
  }, [core, verifier]);
  return chain && chain.verifier === verifier ? chain : null;
}

function Stage({ label, value, note }: { label: string; value: string; note?: string }) {
  const mask = useMask();
  return (
    <li className="pkce__stage">
      <span className="pkce__label">{label}</span>
      <code className="pkce__value">{mask(value)}</code>
      {note && <span className="pkce__note">{note}</span>}
    </li>
  );
}

function Match({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return (
    <p className={`check-line check-line--${ok ? 'ok' : 'fail'}`}>
      <span aria-hidden="true">{ok ? '✓' : '✕'} </span>
      <strong>{ok ? 'Match' : 'Mismatch'}:</strong> {ok ? yes : no}
    </p>
  );
}

const INTRO: Record<PkceFacts['role'], string> = {
  generate:
    'The client makes a fresh random secret, the code_verifier, and sends only its hash, the code_challenge, with the authorization request.',
  challenge:
    'Only the challenge travels through the browser. Anyone who sees this URL still cannot redeem the code: that takes the verifier.',
  verifier: 'The verifier is revealed only now, on the direct back-channel request to the token endpoint.',
  verify:
    'The authorization server hashes the verifier it just received and compares the result with the challenge it stored with the code.',
};

/**
 * The plain method (the downgrade in docs/reference §5.1 b; RFC 7636 §4.2): the challenge is the verifier itself, so there is
 * no hash to show, only why that defeats the point of PKCE (RFC 7636 §7.2; C-27 demands S256).
 */
function PlainView({ facts, verifier }: { facts: PkceFacts; verifier: string }) {
  return (
    <div className="pkce">
      <p>
        <code>code_challenge_method=plain</code>: the code_challenge is the code_verifier itself, sent in the
        authorization URL. Anyone who sees that URL (a log, the browser&apos;s command line, a Referer) holds
        the verifier. That is why the client MUST use S256 (C-27).
      </p>
      <ol className="pkce__chain" aria-label="The plain challenge">
        <Stage label="code_verifier = code_challenge" value={verifier} />
      </ol>
      {facts.role === 'verify' && (
        <Match
          ok={facts.computed === facts.stored}
          yes="the verifier equals the stored challenge, so the code is redeemed."
          no="the verifier does not equal the stored challenge: invalid_grant."
        />
      )}
    </div>
  );
}

export function PkceView({ facts }: { facts: PkceFacts }) {
  const verifier = facts.verifier;
  const sent = facts.role === 'verify' ? facts.stored : facts.role === 'verifier' ? null : facts.challenge;
  if (verifier && sent === verifier) return <PlainView facts={facts} verifier={verifier} />;
  return <HashedView facts={facts} verifier={verifier} />;
}

function HashedView({ facts, verifier }: { facts: PkceFacts; verifier: string | null }) {
  const chain = useChain(verifier);
  const expected =
    facts.role === 'verify' ? facts.stored : facts.role === 'verifier' ? null : facts.challenge;
  return (
    <div className="pkce">
      <p>{INTRO[facts.role]}</p>
      {facts.role === 'challenge' && (
        <p>
          <code>code_challenge_method={facts.method}</code>
        </p>
      )}
      {verifier ? (
        <ol className="pkce__chain" aria-label="From code_verifier to code_challenge">
          <Stage
            label="code_verifier"
            value={verifier}
            note={`${verifier.length} characters of [A-Za-z0-9-._~]`}
          />
          <Stage
            label="SHA-256 (hex)"
            value={chain?.sha256Hex ?? 'computing…'}
            note="SHA-256 of the verifier's ASCII bytes: 32 bytes"
          />
          <Stage
            label="BASE64URL → code_challenge"
            value={chain?.challenge ?? 'computing…'}
            note="43 characters, no padding"
          />
        </ol>
      ) : (
        <p className="muted">The verifier behind this challenge is not in the trace.</p>
      )}
      {facts.role === 'verify' && (
        <>
          <ul className="pkce__compare">
            <Stage label="computed_challenge (just now)" value={facts.computed} />
            <Stage label="stored_challenge (from /authorize)" value={facts.stored} />
          </ul>
          <Match
            ok={facts.computed === facts.stored}
            yes="the caller holds the verifier that started this flow, so the code is redeemed."
            no="the caller does not hold the verifier: the token request is refused (invalid_grant)."
          />
        </>
      )}
      {chain && expected && facts.role !== 'verify' && (
        <Match
          ok={chain.challenge === expected}
          yes="BASE64URL(SHA-256(verifier)) equals the code_challenge sent."
          no="the challenge does not match this verifier."
        />
      )}
    </div>
  );
}
