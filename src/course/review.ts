/**
 * The review queue: a quiz question the learner missed comes back after 1 day; answered right then,
 * after 3 more; right again, after 7; right once more, it leaves the queue. A miss at any point starts
 * it over at 1 day. Spaced retrieval (Karpicke 2012): recalling a thing just as it fades keeps it
 * longer than reading it again. Pure functions of the item, the answer and the time, so the schedule
 * is tested with a fake clock.
 */

/** Days before each review: after a miss, then after each right answer in review. */
export const REVIEW_DAYS = [1, 3, 7] as const;

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A daily review asks at most this many questions: short enough to do every day. */
export const REVIEW_SIZE = 10;

export interface ReviewItem {
  /** Which interval the question is on: an index into REVIEW_DAYS. */
  step: number;
  /** Epoch milliseconds from which it is due. */
  due: number;
}

/** When the question is due next after this answer, or null when it leaves (or never joins) the queue. */
export function afterAnswer(item: ReviewItem | undefined, correct: boolean, now: number): ReviewItem | null {
  if (!correct) return { step: 0, due: now + (REVIEW_DAYS[0] ?? 1) * DAY_MS };
  if (item === undefined) return null;
  // Answered right before it was due (in a quiz, say): not a review; the schedule stays as it was.
  if (item.due > now) return item;
  const step = item.step + 1;
  const days = REVIEW_DAYS[step];
  return days === undefined ? null : { step, due: now + days * DAY_MS };
}

/** The questions due at `now`, longest overdue first, at most `limit`. */
export function dueQuestions(
  reviews: Readonly<Record<string, ReviewItem>> | undefined,
  now: number,
  limit = REVIEW_SIZE,
): string[] {
  return Object.entries(reviews ?? {})
    .filter(([, item]) => item.due <= now)
    .sort(([a, x], [b, y]) => x.due - y.due || a.localeCompare(b))
    .slice(0, limit)
    .map(([id]) => id);
}

/** When the next question falls due, if none is due now (for "next review: tomorrow"). */
export function nextDue(
  reviews: Readonly<Record<string, ReviewItem>> | undefined,
  now: number,
): number | null {
  const later = Object.values(reviews ?? {})
    .map((item) => item.due)
    .filter((due) => due > now);
  return later.length > 0 ? Math.min(...later) : null;
}
