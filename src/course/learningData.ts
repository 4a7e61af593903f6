/**
 * What the learner did besides reading and finishing quizzes, as the progress store keeps it
 * (progress.ts, version 2): evidence per rule (from quiz answers, predictions and drills), the review
 * queue of missed questions, the drills they tried, and their prediction totals. Read here with the
 * same care as the rest of a stored value: every entry checked, ids the content or the simulator no
 * longer has dropped (and reported, so the store keeps the stored value aside), sizes bounded.
 */
import { isFaultId } from '../sim/practice/faults';
import { isRuleId } from '../sim/rules';
import type { RuleId } from '../sim/rules';
import type { ReviewItem } from './review';
import { REVIEW_DAYS } from './review';
import { isRecord } from '../sim/fields';

export type EvidenceSource = 'quiz' | 'predict' | 'drill';

export const EVIDENCE_SOURCES: readonly EvidenceSource[] = ['quiz', 'predict', 'drill'];

/** One answer about a rule: right or not, when, and where it was given. */
export interface Evidence {
  at: number;
  ok: boolean;
  from: EvidenceSource;
}

/** The newest answers kept per rule: mastery reads recent ones, and the value stays small. */
export const EVIDENCE_KEPT = 12;
/** Drills remembered at most (the newest kept): a seed is a link anyone can make up. */
export const DRILLS_KEPT = 200;

export interface DrillRecord {
  /** The fault it hid (a vulnerability id). */
  fault: string;
  /** Named right without the answer being revealed. */
  solved: boolean;
  /** The learner asked for the answer. */
  revealed: boolean;
  /** Hints opened, the most in any try. */
  hints: number;
  /** Diagnoses checked. */
  attempts: number;
  at: number;
}

export interface PredictionTotals {
  answered: number;
  correct: number;
}

export interface LearningData {
  rules?: Partial<Record<RuleId, Evidence[]>>;
  reviews?: Record<string, ReviewItem>;
  drills?: Record<string, DrillRecord>;
  predictions?: PredictionTotals;
}

const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

function isSource(value: unknown): value is EvidenceSource {
  return EVIDENCE_SOURCES.some((source) => source === value);
}

function readEvidence(value: unknown): { list: Evidence[]; dropped: boolean } | null {
  if (!Array.isArray(value)) return null;
  const list = value.flatMap((entry: unknown) =>
    isRecord(entry) && isTime(entry.at) && typeof entry.ok === 'boolean' && isSource(entry.from)
      ? [{ at: entry.at, ok: entry.ok, from: entry.from }]
      : [],
  );
  return { list: list.slice(-EVIDENCE_KEPT), dropped: list.length !== value.length };
}

function readReview(value: unknown): ReviewItem | null {
  if (!isRecord(value) || !isCount(value.step) || value.step >= REVIEW_DAYS.length || !isTime(value.due))
    return null;
  return { step: value.step, due: value.due };
}

function readDrill(value: unknown): DrillRecord | null {
  if (!isRecord(value) || typeof value.fault !== 'string' || !isFaultId(value.fault)) return null;
  if (typeof value.solved !== 'boolean' || typeof value.revealed !== 'boolean') return null;
  if (!isCount(value.hints) || !isCount(value.attempts) || !isTime(value.at)) return null;
  return {
    fault: value.fault,
    solved: value.solved,
    revealed: value.revealed,
    hints: value.hints,
    attempts: value.attempts,
    at: value.at,
  };
}

/** Each entry of a stored object read with `read`, those it refuses (or with unknown keys) dropped. */
function readEntries<T>(
  value: unknown,
  keep: (key: string) => boolean,
  read: (entry: unknown) => T | null,
): { entries: Record<string, T>; dropped: boolean } | null {
  if (value === undefined) return null;
  if (!isRecord(value)) return { entries: {}, dropped: true };
  const entries: Record<string, T> = {};
  let dropped = false;
  for (const [key, entry] of Object.entries(value)) {
    const read_ = keep(key) ? read(entry) : null;
    if (read_ === null) dropped = true;
    else entries[key] = read_;
  }
  return { entries, dropped };
}

/**
 * The learning sections of a parsed stored value. `questions` are the quiz ids the content has:
 * a review of a question that is gone is dropped, as quiz results are.
 */
export function decodeLearning(
  data: Record<string, unknown>,
  questions: ReadonlySet<string>,
): { value: LearningData; dropped: boolean } {
  let dropped = false;
  const value: LearningData = {};

  const rules = readEntries(data.rules, isRuleId, (entry) => {
    const read = readEvidence(entry);
    if (read?.dropped) dropped = true;
    return read && read.list.length > 0 ? read.list : null;
  });
  if (rules) {
    dropped ||= rules.dropped;
    const kept: Partial<Record<RuleId, Evidence[]>> = {};
    for (const [id, list] of Object.entries(rules.entries)) if (isRuleId(id)) kept[id] = list;
    if (Object.keys(kept).length > 0) value.rules = kept;
  }

  const reviews = readEntries(data.reviews, (id) => questions.has(id), readReview);
  if (reviews) {
    dropped ||= reviews.dropped;
    if (Object.keys(reviews.entries).length > 0) value.reviews = reviews.entries;
  }

  const drills = readEntries(data.drills, (seed) => /^[A-Za-z0-9_-]{1,40}$/.test(seed), readDrill);
  if (drills) {
    dropped ||= drills.dropped;
    if (Object.keys(drills.entries).length > 0) value.drills = drills.entries;
  }

  if (data.predictions !== undefined) {
    const p = data.predictions;
    if (isRecord(p) && isCount(p.answered) && isCount(p.correct) && p.correct <= p.answered)
      value.predictions = { answered: p.answered, correct: p.correct };
    else dropped = true;
  }
  return { value, dropped };
}

/** `list` with one more answer, the oldest forgotten past EVIDENCE_KEPT. */
export function withEvidence(list: readonly Evidence[] | undefined, evidence: Evidence): Evidence[] {
  return [...(list ?? []), evidence].slice(-EVIDENCE_KEPT);
}

/** The same answer recorded for each rule it is about. */
export function addEvidence(
  rules: LearningData['rules'],
  ids: readonly RuleId[],
  evidence: Evidence,
): NonNullable<LearningData['rules']> {
  const next: Partial<Record<RuleId, Evidence[]>> = { ...rules };
  for (const id of new Set(ids)) next[id] = withEvidence(next[id], evidence);
  return next;
}

/** The drills with one more (or an updated) record, the oldest forgotten past DRILLS_KEPT. */
export function withDrill(
  drills: LearningData['drills'],
  seed: string,
  record: DrillRecord,
): Record<string, DrillRecord> {
  const { [seed]: _old, ...rest } = drills ?? {};
  const entries = Object.entries(rest)
    .sort(([, a], [, b]) => a.at - b.at)
    .slice(-(DRILLS_KEPT - 1));
  return { ...Object.fromEntries(entries), [seed]: record };
}

/** Two records of the same kind, merged without losing either (an imported file into this browser). */
export function mergeLearning(a: LearningData, b: LearningData): LearningData {
  const out: LearningData = {};
  const ruleIds = new Set([...Object.keys(a.rules ?? {}), ...Object.keys(b.rules ?? {})]);
  if (ruleIds.size > 0) {
    const rules: Partial<Record<RuleId, Evidence[]>> = {};
    for (const id of ruleIds) {
      if (!isRuleId(id)) continue;
      const seen = new Set<string>();
      rules[id] = [...(a.rules?.[id] ?? []), ...(b.rules?.[id] ?? [])]
        .filter((e) => {
          const key = `${e.at}:${e.ok}:${e.from}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .sort((x, y) => x.at - y.at)
        .slice(-EVIDENCE_KEPT);
    }
    out.rules = rules;
  }
  const reviews = { ...a.reviews };
  // A question due in either copy stays due: the earlier date, on the lower step.
  for (const [id, item] of Object.entries(b.reviews ?? {})) {
    const mine = reviews[id];
    reviews[id] = mine && mine.due <= item.due ? mine : item;
  }
  if (Object.keys(reviews).length > 0) out.reviews = reviews;
  let drills = a.drills;
  for (const [seed, record] of Object.entries(b.drills ?? {})) {
    const mine = drills?.[seed];
    if (!mine || record.at > mine.at) drills = withDrill(drills, seed, record);
  }
  if (drills && Object.keys(drills).length > 0) out.drills = drills;
  const pa = a.predictions;
  const pb = b.predictions;
  if (pa || pb)
    out.predictions =
      (pb?.answered ?? 0) > (pa?.answered ?? 0)
        ? { answered: pb?.answered ?? 0, correct: pb?.correct ?? 0 }
        : { answered: pa?.answered ?? 0, correct: pa?.correct ?? 0 };
  return out;
}
