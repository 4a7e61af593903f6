/**
 * The inspector: the selected message in full. Tabs appear only where they have something to
 * show: the HTTP itself, the request a response answers, a decoded JWT, the PKCE chain, or an
 * internal step's checks and values.
 */
import { memo, useState } from 'react';
import type { TraceEvent } from '../../sim/trace/types';
import { usePanelSelectedEvent, usePanelTrace } from '../../run/player/PanelView';
import { eventPart, eventTone, routeText, stepText, TONE_ICON, TONE_WORD } from '../../run/trace/describe';
import { FindingsView } from './FindingsView';
import { formatTime } from '../../run/trace/format';
import { RequestView, ResponseView } from './HttpView';
import { JwtView } from './JwtView';
import { InspectorEmpty } from './InspectorEmpty';
import { NoteView } from './NoteView';
import { pkceFacts } from './pkce';
import { PkceView } from './PkceView';
import { Tabs } from './Tabs';
import type { TabDef } from './Tabs';
import { findTokens } from './tokens';

function tabsFor(event: TraceEvent, trace: readonly TraceEvent[]): TabDef[] {
  const tabs: TabDef[] = [];
  // A recorded message carries the checks run on it (an imported HAR); a broken rule comes first.
  const checks = event.kind === 'request' || event.kind === 'response' ? (event.checks ?? []) : [];
  const broken = checks.filter((c) => c.status === 'fail').length;
  const rulesTab: TabDef = {
    id: 'rules',
    label: broken > 0 ? `Rules · ${broken} broken` : 'Rules',
    render: () => <FindingsView checks={checks} />,
  };
  if (broken > 0) tabs.push(rulesTab);
  if (event.kind === 'request')
    tabs.push({ id: 'request', label: 'Request', render: () => <RequestView request={event.request} /> });
  if (event.kind === 'response') {
    tabs.push({
      id: 'response',
      label: 'Response',
      render: () => <ResponseView response={event.response} error={event.error} />,
    });
    tabs.push({ id: 'request', label: 'Its request', render: () => <RequestView request={event.request} /> });
  }
  if (event.kind === 'internal' || event.kind === 'handoff') {
    tabs.push({
      id: 'details',
      label: event.detail.checks?.length ? 'Checks' : 'Details',
      render: () => <NoteView event={event} />,
    });
  }
  if (checks.length > 0 && broken === 0) tabs.push(rulesTab);
  const tokens = findTokens(event);
  if (tokens.length > 0)
    tabs.push({ id: 'jwt', label: 'JWT', render: () => <JwtView tokens={tokens} at={event.at} /> });
  const pkce = pkceFacts(event, trace);
  if (pkce) tabs.push({ id: 'pkce', label: 'PKCE', render: () => <PkceView facts={pkce} /> });
  return tabs;
}

const PART_WORD = { request: 'Request', response: 'Response', note: 'Internal step' } as const;

/** The selected message, as the side panels show the run (PanelView: a frame after a step's arrow). */
export function Inspector() {
  const event = usePanelSelectedEvent();
  const trace = usePanelTrace();
  return <InspectorPanel event={event} trace={trace} />;
}

const InspectorPanel = memo(function InspectorPanel({
  event,
  trace,
}: {
  event: TraceEvent | null;
  trace: readonly TraceEvent[];
}) {
  // A chosen tab sticks to its message; the JWT and PKCE views also follow the learner to the
  // next message that has them (to compare tokens or challenges across steps).
  const [preferred, setPreferred] = useState<{ seq: number; tab: string } | null>(null);

  if (!event) return <InspectorEmpty />;
  const tabs = tabsFor(event, trace);
  const sticky =
    preferred && (preferred.seq === event.seq || preferred.tab === 'jwt' || preferred.tab === 'pkce');
  const active = sticky && tabs.some((t) => t.id === preferred.tab) ? preferred.tab : (tabs[0]?.id ?? '');
  const tone = eventTone(event);
  return (
    <section className="panel inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title" className="panel__title">
        Inspector <span className="panel__count">message {event.seq + 1}</span>
      </h2>
      <div className="inspector__head">
        <p className="eyebrow">
          {PART_WORD[eventPart(event)]} · {routeText(event)} · {formatTime(event.at)}
        </p>
        <p className="inspector__title">
          {tone !== 'normal' && (
            <span className={`tag tag--${tone}`}>
              <span aria-hidden="true">{TONE_ICON[tone]} </span>
              {TONE_WORD[tone]}
            </span>
          )}
          {stepText(event).title}
        </p>
      </div>
      <Tabs
        tabs={tabs}
        active={active}
        onChange={(tab) => setPreferred({ seq: event.seq, tab })}
        label={`Views of message ${event.seq + 1}`}
      />
    </section>
  );
});
