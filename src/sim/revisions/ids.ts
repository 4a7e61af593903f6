/**
 * The revisions of the MCP specification that have an authorization part, oldest first
 * (2024-11-05 had none: docs/reference §1.1). A revision is data: what each party does in it is read
 * from the rule table (docs/reference §3.5, generated into rules.ts) and from profile.ts, never
 * from a copy of the flow.
 */
export const REVISIONS = ['2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28'] as const;

export type Revision = (typeof REVISIONS)[number];

/** The revision the simulator follows unless told otherwise: the latest (docs/docs.json "latest"). */
export const LATEST_REVISION: Revision = '2026-07-28';

export function isRevision(value: string): value is Revision {
  return (REVISIONS as readonly string[]).includes(value);
}

/** Revisions are dates, so their order is the order of their names. */
export function isAtLeast(revision: Revision, since: Revision): boolean {
  return revision >= since;
}

/** The revision before this one, if any. */
export function previousRevision(revision: Revision): Revision | undefined {
  return REVISIONS[REVISIONS.indexOf(revision) - 1];
}
