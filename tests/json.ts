/**
 * JSON read back in tests (a saved HAR, a response body, what the app put in localStorage), without
 * `any`: parsed to `unknown`, then read through checks. A shape the test did not expect then fails
 * with a message that names the path, not with a TypeError deep inside an assertion.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseJson(text: string): unknown {
  return JSON.parse(text);
}

/** The value at `path` (object keys and array indexes), or undefined where the path runs out. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let here = value;
  for (const key of path) {
    if (typeof key === 'number' && Array.isArray(here)) here = here[key];
    else if (typeof key === 'string' && isRecord(here)) here = here[key];
    else return undefined;
  }
  return here;
}

const where = (path: (string | number)[]) => (path.length ? path.join('.') : 'the value');

/** The object at `path`; throws if it is anything else. */
export function recordAt(value: unknown, ...path: (string | number)[]): Record<string, unknown> {
  const found = at(value, ...path);
  if (!isRecord(found)) throw new Error(`${where(path)} is not an object: ${JSON.stringify(found)}`);
  return found;
}

/** The array at `path`; throws if it is anything else. */
export function arrayAt(value: unknown, ...path: (string | number)[]): unknown[] {
  const found = at(value, ...path);
  if (!Array.isArray(found)) throw new Error(`${where(path)} is not an array: ${JSON.stringify(found)}`);
  return found;
}

/** The string at `path`; throws if it is anything else. */
export function stringAt(value: unknown, ...path: (string | number)[]): string {
  const found = at(value, ...path);
  if (typeof found !== 'string') throw new Error(`${where(path)} is not a string: ${JSON.stringify(found)}`);
  return found;
}
