/**
 * URL comparisons the checks share: the identical-resource test of RFC 9728 §3.3 and the https
 * rule for OAuth endpoints (OAuth 2.1 §1.5, C-32, C-51), with loopback http allowed only when the
 * caller says so.
 */

/**
 * RFC 9728 §3.3 asks for identical identifiers. The scheme and host of a URI are case-insensitive
 * (RFC 3986 §6.2.2.1) and an empty path is the same as "/" for http(s) (RFC 3986 §6.2.3), so those
 * two are compared as such; the path and query are compared character for character.
 */
export function sameResource(a: string, b: string): boolean {
  if (a === b) return true;
  const split = (value: string) => {
    const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^#]*)$/.exec(value);
    if (!match) return null;
    const [, scheme = '', authority = '', rest = ''] = match;
    return {
      scheme: scheme.toLowerCase(),
      authority: authority.toLowerCase(),
      rest: rest === '/' ? '' : rest,
    };
  };
  const x = split(a);
  const y = split(b);
  return (
    x !== null && y !== null && x.scheme === y.scheme && x.authority === y.authority && x.rest === y.rest
  );
}

/** http on 127.0.0.1, localhost or [::1]: a server on this machine. */
export function isLoopbackHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/**
 * A string isSafeEndpoint accepted. Branded, so that a refusal narrows nothing: a string that is not
 * a safe endpoint is still a string (with `value is string`, it would become `never`).
 */
export type SafeEndpoint = string & { readonly __safeEndpoint: true };

/**
 * C-51 (SBP §OAuth Authorization URL Validation) and OAuth 2.1 §1.5: only https may be opened or
 * posted to. Plain http to a loopback host is allowed only when the caller says so: a real-wire
 * world on this machine, never the page's simulated internet.
 */
export function isSafeEndpoint(value: unknown, allowLoopbackHttp = false): value is SafeEndpoint {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol === 'https:' || (allowLoopbackHttp && isLoopbackHttpUrl(value));
  } catch {
    return false;
  }
}
