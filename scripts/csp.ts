/**
 * The app's Content-Security-Policy: the one place it is written. The build puts it in index.html as
 * a <meta http-equiv> tag (vite.config.ts), so it holds on any static host; docs/hosting.md gives the
 * same policy as a header for hosts that can set one (a test keeps the two equal).
 *
 * Everything the app loads comes from its own folder: the bundle, its CSS, the favicon, and the
 * theme script (public/theme.js, a file rather than an inline script so that `script-src` needs no
 * hash or 'unsafe-inline'). The simulated servers run in the page through MSW's getResponse (no
 * fetch, not MSW's service worker); the one worker is the offline cache of the build (sw.js, from
 * the site's folder), so `connect-src` and `worker-src` keep the default 'self'. Nothing needs
 * 'unsafe-eval': the content is validated at build time (scripts/teachingContent.ts), and zod,
 * which runs jitless where it runs (src/content/zodJitless.ts), never reaches the browser. The
 * shell the build puts in index.html (src/app/boot) carries no style attribute, which
 * `default-src 'self'` would refuse. The PNG export draws the
 * diagram from a data: SVG image, hence `img-src data:`.
 *
 * `frame-ancestors` is left out: a <meta> policy cannot carry it (browsers ignore it there and say
 * so in the console), and the app is meant to be embedded; docs/hosting.md shows an instructor how
 * to narrow it with a header.
 */
export const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ');

/**
 * The policy of a cmi5 launch page (scripts/build-scorm.ts --cmi5), the one page that talks to a
 * server: the learning record store and the LMS's token URL are named at launch time, in the launch
 * URL, and a <meta> policy cannot change once the page has read it, so the page must allow them in
 * advance. `sources` are the origins the course's platform uses (`https://lrs.example.edu`), or by
 * default any https origin. Every other page of the site, index.html and the SCORM launch pages,
 * keeps CONTENT_SECURITY_POLICY, which allows no connection but its own origin.
 */
export function cmi5Policy(sources: readonly string[] = ['https:']): string {
  return [...CSP_DIRECTIVES, `connect-src 'self' ${sources.join(' ')}`].join('; ');
}

/** The tag the build inserts right after <meta charset>, before any script or stylesheet. */
export function cspMetaTag(policy = CONTENT_SECURITY_POLICY): string {
  return `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
}
