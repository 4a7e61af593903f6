/**
 * Parses a WWW-Authenticate header (RFC 9110 §11.6.1) and returns the Bearer challenge's
 * parameters (RFC 6750 §3, RFC 9728 §5.1). C-04: a client must understand this header. The
 * parser is strict about syntax and lenient about what it ignores: other schemes, unknown params.
 */
export interface BearerChallenge {
  error?: string | undefined;
  errorDescription?: string | undefined;
  scope?: string | undefined;
  resourceMetadata?: string | undefined;
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;

export function parseBearerChallenge(header: string | null): BearerChallenge | null {
  return parseChallenge(header, 'bearer');
}

/** The same for another scheme: `DPoP` challenges share the Bearer parameters (RFC 9449 §7.1). */
export function parseChallenge(header: string | null, scheme: string): BearerChallenge | null {
  if (!header) return null;
  let rest = header.trim();
  let inBearer = false;
  let found: Record<string, string> | null = null;
  while (rest.length > 0) {
    rest = rest.replace(/^[\s,]+/, '');
    const word = TOKEN.exec(rest)?.[0];
    if (!word) break;
    const after = rest.slice(word.length);
    const isParam = /^\s*=/.test(after) && !/^\s*=\s*(,|$)/.test(after);
    if (!isParam) {
      // A new challenge starts with its scheme name.
      inBearer = word.toLowerCase() === scheme.toLowerCase();
      if (inBearer) found ??= {};
      rest = after;
      // A token68 right after a scheme (e.g. "Basic abc==") is skipped.
      const token68 = /^\s+[A-Za-z0-9\-._~+/]+=*(?=\s*(,|$))/.exec(rest);
      if (token68 && !/=\s*"/.test(token68[0])) rest = rest.slice(token68[0].length);
      continue;
    }
    rest = after.replace(/^\s*=\s*/, '');
    let value: string;
    if (rest.startsWith('"')) {
      let i = 1;
      value = '';
      while (i < rest.length && rest[i] !== '"') {
        if (rest[i] === '\\' && i + 1 < rest.length) i++;
        value += rest[i];
        i++;
      }
      rest = rest.slice(i + 1);
    } else {
      value = TOKEN.exec(rest)?.[0] ?? '';
      rest = rest.slice(value.length);
    }
    if (inBearer && found) found[word.toLowerCase()] = value;
  }
  if (!found) return null;
  return {
    error: found.error,
    errorDescription: found.error_description,
    scope: found.scope,
    resourceMetadata: found.resource_metadata,
    params: found,
  };
}
