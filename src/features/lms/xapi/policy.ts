/**
 * Whether the page's Content-Security-Policy lets it connect to a URL, read from the policy's own text
 * (the <meta> tag the build writes; scripts/csp.ts), so the app can tell the learner that progress
 * cannot be recorded instead of trying, being refused, and leaving a violation in the console.
 * It reads the source expressions the project writes: 'self', 'none', a scheme (`https:`), a host
 * with an optional scheme and port (`https://lrs.example.edu`, `http://127.0.0.1:*`) or `*`
 * (CSP Level 3 §6.7.2.6-§6.7.2.8, without paths). Anything it does not know counts as a no.
 */
function sources(policy: string, directive: string): string[] | null {
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name?.toLowerCase() === directive) return values;
  }
  return null;
}

function matches(source: string, url: URL, self: URL): boolean {
  const expression = source.toLowerCase();
  if (expression === "'self'") {
    // 'self' also allows the https version of an http page's origin (CSP3 §6.7.2.7).
    const upgraded = self.protocol === 'http:' && url.protocol === 'https:' && url.host === self.host;
    return url.origin === self.origin || upgraded;
  }
  if (expression === '*') return url.protocol === 'http:' || url.protocol === 'https:';
  const scheme = /^([a-z][a-z0-9+.-]*):$/.exec(expression);
  if (scheme) return url.protocol === `${scheme[1]}:` || (scheme[1] === 'http' && url.protocol === 'https:');
  const host = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d+|\*))?\/?$/.exec(
    expression,
  );
  if (!host) return false;
  const [, wantScheme, wildcard, name = '', port] = host;
  if (
    wantScheme &&
    url.protocol !== `${wantScheme}:` &&
    !(wantScheme === 'http' && url.protocol === 'https:')
  ) {
    return false;
  }
  if (
    !wantScheme &&
    url.protocol !== self.protocol &&
    !(self.protocol === 'http:' && url.protocol === 'https:')
  ) {
    return false;
  }
  const hostname = url.hostname.toLowerCase();
  if (wildcard ? !hostname.endsWith(`.${name}`) : hostname !== name) return false;
  if (port === '*') return true;
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  return (url.port || defaultPort) === (port ?? defaultPort);
}

/** `policy` null (no policy): allowed. */
export function connectAllowed(policy: string | null, url: URL, self: URL): boolean {
  if (policy === null) return true;
  const list = sources(policy, 'connect-src') ?? sources(policy, 'default-src');
  if (list === null) return true;
  if (list.length === 1 && list[0]?.toLowerCase() === "'none'") return false;
  return list.some((source) => matches(source, url, self));
}

/** The policy of this page, from its <meta http-equiv> tag. */
export function pagePolicy(doc: Document): string | null {
  return doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null;
}
