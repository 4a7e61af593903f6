/**
 * A stand-in for `tldts` (the public-suffix list, ~115 KB gzip) in the browser bundle. msw pulls it
 * in through tough-cookie, which asks for a cookie domain's registrable part when a response sets a
 * cookie with a Domain attribute. The simulated servers never do (their cookies are host-only and
 * the simulated browser keeps its own jar), so "the last two labels" is exact for every host here.
 */
export function getDomain(host: string): string | null {
  const labels = String(host).split('.');
  return labels.length >= 2 ? labels.slice(-2).join('.') : null;
}

export function getPublicSuffix(host: string): string | null {
  return String(host).split('.').pop() ?? null;
}
