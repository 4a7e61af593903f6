/**
 * `#/practice`: the numbered drills, each a world with one hidden fault, and a fresh random one. A
 * drill's address is its seed alone, so it can be handed to a class; the list shows only what the
 * learner did with each, never which fault it hides.
 */
import { HashLink } from '../../components/HashLink';
import type { Navigate } from '../../components/HashLink';
import type { ProgressStore } from '../../course/progress';
import { ProgressMessages } from '../../course/ProgressControls';
import { useProgress } from '../../course/useProgress';
import { DRILL_ORDER, drillFor } from '../../sim/practice/drills';
import { SCENARIOS } from '../../sim/scenarios';
import { REGISTRATION_MODES } from '../../sim/scenarios';
import '../../course/course.css';
import './practice.css';

interface PracticeIndexProps {
  store: ProgressStore;
  navigate: Navigate;
  /** The address of a new random drill. */
  randomHref: string;
}

export function PracticeIndex({ store, navigate, randomHref }: PracticeIndexProps) {
  const progress = useProgress(store);
  const drills = DRILL_ORDER.map((_, i) => drillFor(String(i + 1)));
  const solved = drills.filter((d) => progress.drills?.[d.seed]?.solved).length;
  return (
    <section className="lq practice" aria-labelledby="practice-title">
      <h1 id="practice-title">Diagnose a broken server</h1>
      <ProgressMessages store={store} />
      <p className="practice__lead">
        Each drill runs a world with one hidden fault: a server or the client breaks one rule, the way real
        MCP servers and clients have. Run the flow, read the messages and the parties’ checks, and name the
        party and the rule. Three hints each, and the answer with its fix when you want it.
      </p>
      <p className="lq-actions">
        <HashLink className="lq-button" href={randomHref} navigate={navigate}>
          A random drill
        </HashLink>
        <span className="practice__count">
          {solved} of {drills.length} solved
        </span>
      </p>
      <ol className="practice__list">
        {drills.map((drill) => {
          const record = progress.drills?.[drill.seed];
          const status = record?.solved
            ? 'solved'
            : record?.revealed
              ? 'answer seen'
              : record
                ? 'tried'
                : null;
          return (
            <li key={drill.seed} className="practice__item">
              <HashLink href={`#/practice/${drill.seed}`} navigate={navigate} className="practice__link">
                Drill {drill.number}
              </HashLink>
              <span className="practice__what">
                {SCENARIOS[drill.config.scenario].title} ·{' '}
                {REGISTRATION_MODES[drill.config.registration].title}
              </span>
              {status ? (
                <span className={`lq-badge practice__status practice__status--${status.replace(' ', '-')}`}>
                  {status}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      <p className="practice__note">
        To give a class the same drill, share its address: the seed in it picks the fault and every value of
        the run, so everyone gets the same world. Instructors can also serve a drill’s fault to real clients:{' '}
        <code>npm run world -- --fault &lt;id&gt;</code> (<code>--help</code> lists them).
      </p>
    </section>
  );
}
