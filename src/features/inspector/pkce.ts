/**
 * The PKCE facts around a message (OAuth 2.1 §4.1.1): where the verifier is made, where only the
 * challenge travels, where the verifier is revealed, and where the server recomputes it.
 */
import type { TraceEvent } from '../../sim/trace/types';
import { splitUrl } from '../../run/trace/format';

export type PkceFacts =
  | { role: 'generate'; verifier: string; challenge: string }
  | { role: 'challenge'; challenge: string; method: string; verifier: string | null }
  | { role: 'verifier'; verifier: string }
  | { role: 'verify'; verifier: string; computed: string; stored: string };

const param = (params: [string, string][], name: string) => params.find(([n]) => n === name)?.[1];

export function pkceFacts(event: TraceEvent, trace: readonly TraceEvent[]): PkceFacts | null {
  if (event.kind === 'internal' || event.kind === 'handoff') {
    const v = event.detail.values ?? {};
    if (
      event.stepId === 'verify-pkce' &&
      v.code_verifier !== undefined &&
      v.computed_challenge !== undefined &&
      v.stored_challenge !== undefined
    ) {
      return {
        role: 'verify',
        verifier: v.code_verifier,
        computed: v.computed_challenge,
        stored: v.stored_challenge,
      };
    }
    if (v.code_verifier && v.code_challenge)
      return { role: 'generate', verifier: v.code_verifier, challenge: v.code_challenge };
    return null;
  }
  if (event.kind !== 'request') return null;
  const query = splitUrl(event.request.url).params;
  const challenge = param(query, 'code_challenge');
  if (challenge) {
    // The verifier behind this challenge is the client's secret; the inspector may show it.
    const made = trace
      .slice(0, event.seq)
      .reverse()
      .find(
        (e) =>
          (e.kind === 'internal' || e.kind === 'handoff') && e.detail.values?.code_challenge === challenge,
      );
    const verifier =
      made && made.kind !== 'request' && made.kind !== 'response'
        ? (made.detail.values?.code_verifier ?? null)
        : null;
    return {
      role: 'challenge',
      challenge,
      method: param(query, 'code_challenge_method') ?? '(none: plain)',
      verifier,
    };
  }
  if (event.request.body && /(^|&)code_verifier=/.test(event.request.body)) {
    const verifier = new URLSearchParams(event.request.body).get('code_verifier');
    if (verifier) return { role: 'verifier', verifier };
  }
  return null;
}
