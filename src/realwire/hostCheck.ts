/**
 * DNS rebinding: a page at http://rebind.attacker.example:8765 whose name the attacker then points at
 * 127.0.0.1 talks to the world as if it were its own origin, and the browser lets it read every
 * answer (a registration's client_secret, a token response). Binding to 127.0.0.1 does not stop it;
 * the requests still name the attacker's host. So the world answers only for its own names: loopback
 * with its port, in Host on every path and in Origin when there is one (streamable-http.mdx
 * §Security & Endpoint: validate Origin, bind to localhost; S-23). The MCP endpoint's own Origin
 * check stays as it was; this guards every path in front of it, the authorization server included.
 */

/** The names a loopback world answers for: 127.0.0.1, localhost and [::1], each with its port. */
export function loopbackAuthorities(port: number): string[] {
  return ['127.0.0.1', 'localhost', '[::1]'].map((host) => `${host}:${port}`);
}

export type Admission =
  { ok: true } | { ok: false; status: 400 | 403 | 421; error: string; description: string };

/**
 * Every Host and Origin header line as received. A missing, doubled or foreign Host: 400 for the
 * first two (RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any
 * HTTP/1.1 request message that lacks a Host header field and to any request message that contains
 * more than one Host header field line"), 421 Misdirected Request for the last (RFC 9110 §15.5.20:
 * sent "to reject a target URI that does not match an origin for which the server has been
 * configured"). An Origin present and not one of ours: 403, as the transport spec prescribes.
 */
export function admit(hosts: readonly string[], origins: readonly string[], port: number): Admission {
  const allowed = loopbackAuthorities(port);
  const names = allowed.join(', ');
  const [host] = hosts;
  if (host === undefined || host === '' || hosts.length > 1) {
    const what = hosts.length > 1 ? 'more than one Host header' : 'no Host header';
    return { ok: false, status: 400, error: 'invalid_request', description: `the request has ${what}` };
  }
  if (!allowed.includes(host.toLowerCase())) {
    return {
      ok: false,
      status: 421,
      error: 'misdirected_request',
      description: `this server answers only for ${names}, not for Host ${JSON.stringify(host.slice(0, 100))} (a DNS rebinding attempt?)`,
    };
  }
  const ours = (origin: string) => allowed.some((a) => origin.toLowerCase() === `http://${a}`);
  if (origins.length > 1 || (origins[0] !== undefined && !ours(origins[0]))) {
    return {
      ok: false,
      status: 403,
      error: 'forbidden_origin',
      description: `requests from Origin ${JSON.stringify(origins.join(', ').slice(0, 100))} are refused: only ${allowed.map((a) => `http://${a}`).join(', ')} may call this server`,
    };
  }
  return { ok: true };
}
