/**
 * The world's clock, in whole seconds since the epoch, as JWT `iat`/`exp` use (RFC 7519 §2).
 * It only moves when the simulation says so, which keeps runs deterministic and lets the
 * "expired token" scenario jump an hour ahead without waiting.
 */
export interface Clock {
  now(): number;
  advance(seconds: number): void;
}

/** 2026-07-28T09:00:00Z: the day the modelled spec revision was published. */
export const DEMO_EPOCH = 1785229200;

export function createClock(start: number = DEMO_EPOCH): Clock {
  let current = start;
  return {
    now: () => current,
    advance: (seconds) => {
      current += seconds;
    },
  };
}
