/**
 * HTTP Basic client authentication, both ways (OAuth 2.1 draft-13 §2.4.1): the client identifier and
 * the secret are each form-encoded (application/x-www-form-urlencoded) before they become the
 * username and password, so "+" in the decoded pair is a space. One owner for the format: the
 * client, the MCP server's own calls to its authorization server, and the token endpoint that reads it.
 */

function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

/** The `Authorization` header value for a client identifier and its secret. */
export function basicAuthorization(clientId: string, secret: string): string {
  return `Basic ${btoa(`${formEncode(clientId)}:${formEncode(secret)}`)}`;
}

/** The client identifier and secret in an `Authorization: Basic` header, or null if it is not one. */
export function decodeBasicAuthorization(header: string): { id: string; secret: string } | null {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
  if (!match?.[1]) return null;
  let decoded: string;
  try {
    decoded = atob(match[1]);
  } catch {
    return null;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' ')),
    };
  } catch {
    return null;
  }
}
