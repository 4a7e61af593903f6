/**
 * Work a party did on its own (internal steps, handoffs): what it did, the checks it ran, each
 * pass or fail with its rule, and the values it used. This is where the hidden becomes visible:
 * the MCP server's token checklist, the client's state/iss checks, the PKCE values.
 */
import type { Check, NoteEvent } from '../../sim/trace/types';
import { RuleChips } from '../../components/RuleChips';
import { useMask } from '../../run/view/MaskContext';
import { eventTone, TONE_ICON, TONE_WORD } from '../../run/trace/describe';

/** How each result reads: a skipped check is never drawn as a pass. */
const RESULT = {
  pass: { mark: '✓', word: 'Pass', modifier: 'ok' },
  fail: { mark: '✕', word: 'Fail', modifier: 'fail' },
  skipped: { mark: '–', word: 'Not checked', modifier: 'skipped' },
} as const satisfies Record<Check['status'], { mark: string; word: string; modifier: string }>;

function CheckItem({ check }: { check: Check }) {
  const mask = useMask();
  const result = RESULT[check.status];
  return (
    <li className={`checklist__item checklist__item--${result.modifier}`}>
      <span className="checklist__mark" aria-hidden="true">
        {result.mark}
      </span>
      <div className="checklist__body">
        <p className="checklist__label">
          <span className="checklist__verdict">{result.word}</span>
          <span className="visually-hidden">: </span> {check.label}
          <span className="checklist__rule">{check.rule}</span>
        </p>
        <p className="checklist__detail">{mask(check.detail)}</p>
      </div>
    </li>
  );
}

/** "all 5 passed", "1 of 5 failed", "4 passed, 1 not checked": the count says what was skipped. */
function tally(checks: readonly Check[]): string {
  const count = (status: Check['status']) => checks.filter((c) => c.status === status).length;
  const failed = count('fail');
  const skipped = count('skipped');
  if (failed > 0) return `${failed} of ${checks.length} failed`;
  if (skipped > 0) return `${count('pass')} passed, ${skipped} not checked`;
  return `all ${checks.length} passed`;
}

export function ChecksView({ checks, title }: { checks: Check[]; title: string }) {
  return (
    <section className="checklist" aria-label={title}>
      <h3 className="http__section">
        {title} · {tally(checks)}
      </h3>
      <ul className="checklist__list">
        {checks.map((check, i) => (
          <CheckItem key={`${check.label}-${i}`} check={check} />
        ))}
      </ul>
    </section>
  );
}

export function ValuesView({ values }: { values: Record<string, string> }) {
  const mask = useMask();
  return (
    <dl className="values">
      {Object.entries(values).map(([name, value]) => (
        <div key={name} className="values__row">
          <dt>
            <code>{name}</code>
          </dt>
          <dd>
            <code>{mask(value)}</code>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function NoteView({ event }: { event: NoteEvent }) {
  const tone = eventTone(event);
  const mask = useMask();
  const checks = event.detail.checks ?? [];
  const values = event.detail.values;
  const rules = [
    ...new Set(
      [event.rule, ...checks.map((c) => c.rule)].filter((r): r is NonNullable<typeof r> => Boolean(r)),
    ),
  ];
  return (
    <div className="note">
      <p className={`result result--${tone}`}>
        <span aria-hidden="true">{tone === 'normal' ? '✓' : TONE_ICON[tone]} </span>
        {tone !== 'normal' && <span className="visually-hidden">{TONE_WORD[tone]}: </span>}
        <strong>{event.title}.</strong> {mask(event.detail.summary)}
      </p>
      {checks.length > 0 && (
        <ChecksView
          checks={checks}
          title={event.stepId === 'validate-token' ? "The MCP server's token checklist" : 'Checks'}
        />
      )}
      {values && Object.keys(values).length > 0 && (
        <>
          <h3 className="http__section">Values</h3>
          <ValuesView values={values} />
        </>
      )}
      <RuleChips ids={rules} label="Rules enforced" />
    </div>
  );
}
