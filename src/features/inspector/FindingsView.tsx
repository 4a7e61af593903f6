/**
 * The checks run on a recorded message (an imported HAR): each rule it broke with what the
 * specification says, what this message did, and how to fix it; then the rules it kept. The rule's
 * words are the reference's (RULES), so a finding never paraphrases the spec on its own.
 */
import { RULES } from '../../sim/rules';
import type { Check } from '../../sim/trace/types';
import { InlineCode } from '../../components/InlineCode';
import { useMask } from '../../run/view/MaskContext';
import { ChecksView } from './NoteView';

const PARTY: Record<string, string> = { client: 'client', mcp: 'MCP server', as: 'authorization server' };

export function BrokenRule({ check, headingLevel = 3 }: { check: Check; headingLevel?: 3 | 4 }) {
  const mask = useMask();
  const rule = RULES[check.rule];
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <article className="finding" aria-label={`${check.rule} broken: ${check.label}`}>
      <Heading className="finding__head">
        <span className="finding__rule">{check.rule}</span>
        <span className="finding__level">{rule.level}</span>
        <span className="finding__label">{check.label}</span>
      </Heading>
      <p className="finding__seen">{mask(check.detail)}</p>
      <dl className="finding__facts">
        <div>
          <dt>The spec ({PARTY[rule.party]} rule)</dt>
          <dd>
            <InlineCode text={rule.text} /> <span className="finding__source">({rule.base})</span>
          </dd>
        </div>
        {check.fix && (
          <div>
            <dt>How to fix it</dt>
            <dd>
              <InlineCode text={check.fix} />
            </dd>
          </div>
        )}
      </dl>
    </article>
  );
}

export function FindingsView({ checks }: { checks: readonly Check[] }) {
  const failed = checks.filter((c) => c.status === 'fail');
  const kept = checks.filter((c) => c.status !== 'fail');
  return (
    <div className="findings">
      <p className="findings__intro">
        Checked by this inspector on the recorded message, with the same checks the simulated parties run.
      </p>
      {failed.length > 0 && (
        <section aria-label="Rules broken">
          <h3 className="http__section">Broken · {failed.length}</h3>
          {failed.map((check, i) => (
            <BrokenRule key={`${check.rule}-${i}`} check={check} headingLevel={4} />
          ))}
        </section>
      )}
      {kept.length > 0 && <ChecksView checks={kept} title="Kept" />}
    </div>
  );
}
