/**
 * "Who holds what": at the current step, which party holds each secret of the run (a PKCE verifier,
 * a code, tokens, keys, an ID token or ID-JAG, an assertion or a proof), computed from the trace by
 * the core (holdings.ts), never written per step. When the attacker comes to hold one it says so at
 * the top, with the message that gave it to her: a link that selects that message.
 */
import { useCallback, useMemo } from 'react';
import type { TraceEvent } from '../../sim/trace/types';
import { usePanelTrace } from '../../run/player/PanelView';
import { useSend } from '../../run/player/hooks';
import { messageLabel } from '../../run/trace/describe';
import { Holdings } from './Holdings';
import { holdingsView } from './holdingsView';

function labelOf(trace: readonly TraceEvent[], seq: number): string {
  const event = trace.find((e) => e.seq === seq);
  return event ? messageLabel(event) : '';
}

export function HoldingsPanel() {
  const trace = usePanelTrace();
  const send = useSend();
  const view = useMemo(() => holdingsView(trace), [trace]);
  const select = useCallback(
    (seq: number) => {
      send({ type: 'SELECT', seq });
      // As the lab's links do: focus lands on the message in the list, the inspector shows it.
      requestAnimationFrame(() => document.getElementById(`message-${seq}`)?.focus());
    },
    [send],
  );
  const describe = useCallback((seq: number) => labelOf(trace, seq), [trace]);
  return <Holdings view={view} last={trace.at(-1)?.seq ?? null} labelOf={describe} onSelect={select} />;
}
