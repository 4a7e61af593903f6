/**
 * How a learning platform launched the app, read once at start-up from the page alone (no request):
 *
 * - a SCORM package's launch page (scripts/build-scorm.ts writes one per SCO, a copy of index.html)
 *   names its SCORM version and its SCO in two meta tags: `<meta name="mcp-sim-lms" content="scorm-1.2">`
 *   and `<meta name="mcp-sim-sco" content="lesson:discovery">` (or `exam`, or `course`);
 * - a cmi5 launch puts `endpoint`, `fetch`, `actor`, `registration` and `activityId` in the query
 *   string (cmi5 spec §8.1); the AU launch pages of a cmi5 package name their AU in `mcp-sim-sco`;
 * - an xAPI launch without cmi5 ("Tin Can launch", the convention cmi5 replaced) puts `endpoint`,
 *   `auth` and `actor` (and optionally `registration`, `activity_id`) in the query string.
 *
 * Anything else (the plain site, an embed, a page opened by hand) is no launch: the app behaves as it
 * always has, and the platform code is never even loaded.
 */
export type ScormVersion = '1.2' | '2004';

export type LmsLaunch =
  | { kind: 'scorm'; version: ScormVersion; sco: string }
  | { kind: 'cmi5'; sco: string; params: URLSearchParams }
  | { kind: 'xapi'; sco: string; params: URLSearchParams };

/**
 * The course's own id (an IRI, stable across builds): cmi5.xml's course id, and the root of the
 * activity ids a plain xAPI launch that names no activity uses.
 */
export const COURSE_ACTIVITY_ID = 'urn:uuid:3f0c1d52-8c5e-4b7e-9f3a-5a2f6d1e0b41';

/** The whole course, when a launch names no SCO or AU (the plain index.html launched from cmi5). */
export const WHOLE_COURSE = 'course';

export const LMS_META = 'mcp-sim-lms';
export const SCO_META = 'mcp-sim-sco';

function meta(doc: Document, name: string): string | null {
  return doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content')?.trim() || null;
}

export function readLaunch(doc: Document, search: string): LmsLaunch | null {
  const sco = meta(doc, SCO_META) ?? WHOLE_COURSE;
  const platform = meta(doc, LMS_META);
  if (platform === 'scorm-1.2' || platform === 'scorm-2004') {
    return { kind: 'scorm', version: platform === 'scorm-1.2' ? '1.2' : '2004', sco };
  }
  const params = new URLSearchParams(search);
  const has = (...names: string[]) => names.every((name) => (params.get(name) ?? '') !== '');
  if (has('endpoint', 'fetch', 'actor', 'registration', 'activityId')) return { kind: 'cmi5', sco, params };
  if (has('endpoint', 'auth', 'actor')) return { kind: 'xapi', sco, params };
  return null;
}

/** Where a SCO or AU opens: its lesson or the exam as a locked embed (one SCO, one piece), or the course. */
export function startRoute(sco: string): string {
  if (sco.startsWith('lesson:'))
    return `#/lessons/${encodeURIComponent(sco.slice('lesson:'.length))}?embed=1&lock=1`;
  if (sco === 'exam') return '#/quiz/exam?embed=1&lock=1';
  return '#/lessons';
}
