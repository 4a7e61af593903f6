/**
 * The verdict on a recording: the rules it broke (with the spec's words, what each message did and
 * how to fix it, and a way to the message), the rules it kept, and what no recording can show.
 * Native <details> sections: collapsible by keyboard, nothing to re-implement.
 */
import { LANES } from '../../sim/lanes';
import { RULES } from '../../sim/rules';
import type { Finding, HarSummary as Summary, RuleResult } from '../../sim/har';
import { InlineCode } from '../../components/InlineCode';
import { PlayerContext } from '../../run/player/PlayerContext';
import { useMask } from '../../run/view/MaskContext';

function MessageButton({ finding }: { finding: Finding }) {
  const player = PlayerContext.useActorRef();
  const show = () => {
    player.send({ type: 'SELECT', seq: finding.seq });
    document.getElementById('inspector-title')?.scrollIntoView({ block: 'nearest' });
  };
  return (
    <button type="button" className="btn btn--small har-summary__goto" onClick={show}>
      Message {finding.seq + 1}
      <span className="visually-hidden">, from the {LANES[finding.from].short}: show it</span>
    </button>
  );
}

function BrokenGroup({ result }: { result: RuleResult }) {
  const mask = useMask();
  const rule = RULES[result.rule];
  const fixes = [...new Set(result.findings.map((f) => f.check.fix).filter((f): f is string => Boolean(f)))];
  return (
    <li className="har-rule har-rule--broken">
      <h3 className="har-rule__head">
        <span className="finding__rule">{result.rule}</span>
        <span className="finding__level">{rule.level}</span>
        <span className="har-rule__text">
          <InlineCode text={rule.text} />
        </span>
      </h3>
      <p className="finding__source">{rule.base}</p>
      <ul className="har-rule__findings">
        {result.findings.map((f, i) => (
          <li key={`${f.seq}-${i}`}>
            <MessageButton finding={f} /> <span className="har-rule__from">{LANES[f.from].short}:</span>{' '}
            <strong>{f.check.label}.</strong> {mask(f.check.detail)}
          </li>
        ))}
      </ul>
      {fixes.length > 0 && (
        <div className="har-rule__fix">
          <span className="har-rule__fix-label">How to fix it</span>
          {fixes.map((fix) => (
            <p key={fix}>
              <InlineCode text={fix} />
            </p>
          ))}
        </div>
      )}
    </li>
  );
}

export function HarSummary({ summary }: { summary: Summary }) {
  const { failed, passed, notCheckable } = summary;
  const must = failed.filter((r) => RULES[r.rule].level.startsWith('MUST')).length;
  return (
    <section className="panel har-summary" aria-labelledby="har-summary-title">
      <h2 id="har-summary-title" className="panel__title">
        What the recording shows
      </h2>
      <p className="har-summary__counts" role="status">
        {failed.length === 0
          ? `No rule broken; ${passed.length} kept.`
          : `${failed.length} ${failed.length === 1 ? 'rule' : 'rules'} broken (${must} MUST-level), ${passed.length} kept.`}{' '}
        {notCheckable.length} not checkable from a HAR.
      </p>
      <details className="har-summary__part" open={failed.length > 0}>
        <summary>
          Broken <span className="panel__count">{failed.length}</span>
        </summary>
        {failed.length === 0 ? (
          <p className="muted">Every check that could run on this recording passed.</p>
        ) : (
          <ul className="har-summary__list">
            {failed.map((r) => (
              <BrokenGroup key={r.rule} result={r} />
            ))}
          </ul>
        )}
      </details>
      <details className="har-summary__part">
        <summary>
          Kept <span className="panel__count">{passed.length}</span>
        </summary>
        <ul className="har-summary__list har-summary__list--compact">
          {passed.map((r) => (
            <li key={r.rule}>
              <span className="finding__rule finding__rule--ok">{r.rule}</span>{' '}
              {[...new Set(r.findings.map((f) => f.check.label))].join('; ')}
              <span className="muted"> · checked {r.findings.length}×</span>
            </li>
          ))}
        </ul>
      </details>
      <details className="har-summary__part">
        <summary>
          Not checkable from a HAR <span className="panel__count">{notCheckable.length}</span>
        </summary>
        <ul className="har-summary__list har-summary__list--compact">
          {notCheckable.map((n) => (
            <li key={n.rule}>
              <span className="finding__rule finding__rule--unknown">{n.rule}</span> {n.why}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
