/**
 * What the authorization server's answer to an authorization request must look like on the wire:
 * iss in the response and advertised, no code without PKCE, only a registered
 * redirect URI (A-12, matched by the server's own redirectUriMatches), and no automatic error
 * redirect to a URI nobody reviewed. Registration: application_type (C-13) and https or
 * loopback redirect URIs. The honest simulated server passes each (tests/har/truth.test.ts).
 */
import { redirectUriMatches } from '../servers/auth/clients';
import { check, withFix } from '../trace/check';
import type { Check } from '../trace/types';
import { isLoopbackHttpUrl } from './urls';

export interface AuthorizationResponseFacts {
  /** The authorization request's parameters. */
  request: URLSearchParams;
  /** The authorization response: the redirect's Location, parsed. */
  location: URL;
  /** The metadata's authorization_response_iss_parameter_supported, if the metadata was seen. */
  issAdvertised: boolean | undefined;
  /** The redirect URIs the client registered, if the registration was seen. */
  registered: readonly string[] | undefined;
  /** The client registered itself (DCR) just before: nobody reviewed its redirect URIs. */
  selfRegistered: boolean;
  /** The redirect answered the authorization request itself, before any page the user acted on. */
  direct: boolean;
}

export function authorizationResponseChecks(facts: AuthorizationResponseFacts): Check[] {
  const { location, request } = facts;
  const params = location.searchParams;
  const iss = params.get('iss');
  const code = params.get('code');
  const error = params.get('error');
  const target = `${location.origin}${location.pathname}`;
  const checks: Check[] = [
    withFix(
      check(
        'A-08',
        'iss in the response',
        iss !== null,
        iss !== null
          ? `iss=${iss}`
          : 'no iss: a client talking to several authorization servers cannot tell which one answered',
      ),
      'Add iss=<your issuer> to every authorization response, errors included (RFC 9207 §2).',
    ),
  ];
  if (iss !== null && facts.issAdvertised !== undefined) {
    checks.push(
      withFix(
        check(
          'A-09',
          'iss support advertised',
          facts.issAdvertised,
          facts.issAdvertised
            ? 'the metadata has authorization_response_iss_parameter_supported: true'
            : 'iss is sent, but the metadata does not set authorization_response_iss_parameter_supported to true',
        ),
        'Set "authorization_response_iss_parameter_supported": true in the metadata, since you send iss (RFC 9207 §2.3).',
      ),
    );
  }
  if (code !== null) {
    checks.push(
      withFix(
        check(
          'A-16',
          'No code without PKCE',
          request.get('code_challenge') !== null,
          request.get('code_challenge') !== null
            ? 'the request carried a code_challenge'
            : 'a code was issued for a request with no code_challenge: whoever intercepts it can redeem it',
        ),
        'Refuse an authorization request without code_challenge (invalid_request), at least from a public client (OAuth 2.1 §4.1.2.1).',
      ),
    );
  }
  if (facts.registered !== undefined) {
    checks.push(
      withFix(
        check(
          'A-12',
          'Redirect only to a registered URI',
          redirectUriMatches([...facts.registered], target),
          `redirected to ${target}; registered: ${facts.registered.join(', ') || '(none)'}`,
        ),
        'Compare redirect_uri with the registered ones by simple string comparison (only a loopback port may vary), and show an error page instead of redirecting elsewhere.',
      ),
    );
  }
  if (error !== null && facts.direct && facts.selfRegistered) {
    checks.push(
      withFix(
        check(
          'A-13',
          'No automatic error redirect to an unreviewed URI',
          false,
          `error=${error} was redirected at once to ${target}, which the client registered for itself (DCR) and nobody reviewed`,
        ),
        'Show errors on your own page when the redirect URI was registered dynamically and never reviewed; let the user choose to go back (OAuth 2.1 §7.12.2).',
      ),
    );
  }
  return checks;
}

/** C-13 and A-11 on a Dynamic Client Registration: what the client sent, what the server accepted. */
export function registrationChecks(body: Record<string, unknown>, accepted: boolean): Check[] {
  const redirects = Array.isArray(body.redirect_uris)
    ? body.redirect_uris.filter((r): r is string => typeof r === 'string')
    : [];
  const unsafe = redirects.filter((r) => !r.startsWith('https://') && !isLoopbackHttpUrl(r));
  const checks: Check[] = [
    withFix(
      check(
        'C-13',
        'application_type sent',
        typeof body.application_type === 'string',
        typeof body.application_type === 'string'
          ? `application_type is ${body.application_type}`
          : 'no application_type: OpenID Connect then assumes "web", which may not allow a loopback redirect',
      ),
      'Send application_type: "native" for a desktop or CLI client (loopback redirect), "web" for a web app.',
    ),
  ];
  if (accepted) {
    checks.push(
      withFix(
        check(
          'A-11',
          'Redirect URIs are https or loopback',
          unsafe.length === 0,
          unsafe.length === 0
            ? `redirect_uris: ${redirects.join(', ') || '(none)'}`
            : `registered ${unsafe.join(', ')}: neither https nor a loopback address`,
        ),
        'Refuse a registration whose redirect URIs are neither https nor loopback (invalid_redirect_uri).',
      ),
    );
  }
  return checks;
}
