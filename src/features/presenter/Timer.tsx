/** The talk's clock in the notes window: time since it started, with pause and restart. */
import { useEffect, useState } from 'react';

function format(ms: number): string {
  const total = Math.floor(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

export function Timer() {
  // Elapsed time before the current run of the clock, and when that run started (null: paused).
  const [clock, setClock] = useState<{ before: number; since: number | null }>(() => ({
    before: 0,
    since: Date.now(),
  }));
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (clock.since === null) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [clock.since]);
  const elapsed = clock.before + (clock.since === null ? 0 : Math.max(0, now - clock.since));
  const running = clock.since !== null;
  return (
    <div className="notes-timer">
      <span className="notes-timer__label">Elapsed</span>
      {/* role=timer is not announced as it ticks (its live region is off by default). */}
      <span className="notes-timer__value" role="timer" aria-label={`Elapsed time ${format(elapsed)}`}>
        {format(elapsed)}
      </span>
      <button
        type="button"
        className="btn"
        onClick={() => {
          const at = Date.now();
          setNow(at);
          setClock((c) =>
            c.since === null
              ? { before: c.before, since: at }
              : { before: c.before + (at - c.since), since: null },
          );
        }}
      >
        {running ? 'Pause timer' : 'Resume timer'}
      </button>
      <button
        type="button"
        className="btn"
        onClick={() => {
          const at = Date.now();
          setNow(at);
          setClock((c) => ({ before: 0, since: c.since === null ? null : at }));
        }}
      >
        Restart timer
      </button>
    </div>
  );
}
