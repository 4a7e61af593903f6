/**
 * A JSON value that is an object (not null, not an array): the first question about any body or
 * document from a party the reader does not control, asked everywhere through this one guard.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A string field of a JSON body or of a token's claims, or a fallback when it is missing or is not a
 * string. The body comes from a party the reader does not control: a field that ought to be a string
 * (an OAuth `error`, a `scope`, a `client_id`) may be an object, which String() would show as
 * "[object Object]".
 */
export function stringField(
  record: Readonly<Record<string, unknown>> | null | undefined,
  name: string,
  fallback = '',
): string {
  const value = record?.[name];
  return typeof value === 'string' ? value : fallback;
}
