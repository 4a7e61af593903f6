/**
 * The connection to the LMS's SCORM API, through @gamestdio/scorm, a TypeScript port of the pipwerks
 * SCORM wrapper (the npm package of pipwerks itself depends on a git URL and does not install from the
 * registry). It finds the API object as the specifications describe: up the chain of parent frames
 * (up to 500 levels), then in the opener window and its parents (SCORM 1.2 RTE §3.3.6.1; SCORM 2004
 * RTE §3.3.6.1, API_1484_11). Its automatic status and exit handling is turned off: the app decides
 * both (scorm/values.ts).
 */
import { scorm } from '@gamestdio/scorm';
import type { ScormVersion } from '../launch';

export interface ScormConnection {
  version: ScormVersion;
  get(element: string): string;
  /** False when the LMS refused the value (its error code is in lastError). */
  set(element: string, value: string): boolean;
  commit(): boolean;
  terminate(): boolean;
  lastError(): number;
}

/** Initializes the session with the LMS, or returns null when there is no LMS (or it refused). */
export function connectScorm(version: ScormVersion): ScormConnection | null {
  scorm.version = version;
  scorm.isDebugActive = false;
  scorm.handleCompletionStatus = false;
  scorm.handleExitMode = false;
  let ok: boolean;
  try {
    ok = scorm.initialize();
  } catch {
    // A frame of another origin on the way up throws when the wrapper looks into it: no LMS reachable.
    ok = false;
  }
  if (!ok) return null;
  return {
    version,
    get: (element) => scorm.get(element),
    set: (element, value) => scorm.set(element, value),
    commit: () => scorm.commit(),
    terminate: () => scorm.terminate(),
    lastError: () => scorm.getLastError(),
  };
}
