/**
 * A place in a run, named by its step: `token`, `token:request` or `token:response` (the `at=`
 * of deep links, lessons' "Try it" links and quiz links). One parser, beside the step table it reads.
 */
import { STEPS, isStepId } from './steps';
import type { StepId } from './steps';
import type { TraceEvent } from './trace/types';

export type StepPart = 'request' | 'response';

export interface StepRef {
  step: StepId;
  /** Only for exchange steps (an HTTP request and its response); absent means the step as a whole. */
  part?: StepPart | undefined;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** `token`, `token:request` or `token:response`; a part only on an exchange step. */
export function parseStepRef(value: string): Parsed<StepRef> {
  const [id = '', part, ...extra] = value.split(':');
  if (extra.length > 0) return { ok: false, error: `"${value}" has more than one ":"` };
  if (!isStepId(id)) return { ok: false, error: `unknown step id "${id}"` };
  if (part === undefined) return { ok: true, value: { step: id } };
  if (part !== 'request' && part !== 'response') {
    return { ok: false, error: `"${value}": the suffix must be ":request" or ":response"` };
  }
  if (STEPS[id].kind !== 'exchange') {
    return { ok: false, error: `"${id}" is an ${STEPS[id].kind} step: it has no ${part} part` };
  }
  return { ok: true, value: { step: id, part } };
}

export function isStepRef(value: string): boolean {
  return parseStepRef(value).ok;
}

export function formatStepRef(ref: StepRef): string {
  return ref.part ? `${ref.step}:${ref.part}` : ref.step;
}

/** The event is (the named part of) the step. */
export function matchesStepRef(event: TraceEvent, ref: StepRef): boolean {
  if (event.stepId !== ref.step) return false;
  return !ref.part || event.kind === ref.part;
}
