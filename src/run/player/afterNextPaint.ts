/**
 * Runs work just after the next frame has been drawn: the side panels' update and the simulation's
 * work towards the next message both wait for it, so that the frame drawing a new arrow is not also
 * building an inspector or running a server (the "Next → new arrow painted < 16 ms" target).
 */

/** Where no frame comes (a hidden tab does not draw; Node has no frames), run after this long anyway. */
const LATEST_MS = 100;

/**
 * Calls `then` once the next frame has been drawn (a task queued from that frame's rAF runs after its
 * paint), or after LATEST_MS, whichever comes first. Returns a function that cancels it.
 */
export function afterNextPaint(then: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    then();
  };
  const hasFrames = typeof requestAnimationFrame === 'function';
  const frame = hasFrames ? requestAnimationFrame(() => (timer = setTimeout(run, 0))) : undefined;
  const latest = setTimeout(run, hasFrames ? LATEST_MS : 0);
  return () => {
    done = true;
    if (frame !== undefined) cancelAnimationFrame(frame);
    clearTimeout(timer);
    clearTimeout(latest);
  };
}
