/**
 * Work a party did on its own (internal steps, handoffs): what it did, the checks it ran, each
 * pass or fail with its rule, and the values it used. This is where the hidden becomes visible:
 * the MCP server's token checklist, the client's state/iss checks, the PKCE values.
 */
import type { Check, NoteEvent } from '../../sim/trace/types';
import { RuleChips } from '../controls/RuleChips';
import { useMask } from '../presenter/MaskContext';
import { eventTone, TONE_ICON, TONE_WORD } from '../trace/describe';

function CheckItem({ check }: { check: Check }) {
  const mask = useMask();
  return (
    <li className={`checklist__item checklist__item--${check.ok ? 'ok' : 'fail'}`}>
      <span className="checklist__mark" aria-hidden="true">
        {check.ok ? '✓' : '✕'}
      </span>
      <div className="checklist__body">
        <p className="checklist__label">
          <span className="checklist__verdict">{check.ok ? 'Pass' : 'Fail'}</span>
          <span className="visually-hidden">: </span> {check.label}
          {check.rule && <span className="checklist__rule">{check.rule}</span>}
        </p>
        <p className="checklist__detail">{mask(check.detail)}</p>
      </div>
    </li>
  );
}

export function ChecksView({ checks, title }: { checks: Check[]; title: string }) {
  const failed = checks.filter((c) => !c.ok).length;
  return (
    <section className="checklist" aria-label={title}>
      <h3 className="http__section">
        {title} · {failed === 0 ? `all ${checks.length} passed` : `${failed} of ${checks.length} failed`}
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
