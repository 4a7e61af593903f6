/**
 * The registered URNs the authorization extensions use, once, for the client and the servers alike:
 * RFC 7523 §2.1 (JWT bearer grant) and §2.2 (client assertion type), RFC 8693 §2.1 and §3 (token
 * exchange and its token types), and the ID-JAG token type (EXT-EMA §4, draft-ietf-oauth-identity-
 * assertion-authz-grant).
 */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
export const ID_JAG_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id-jag';
/** EXT-EMA §4.3: "The typ claim of the JWT indicated in the JWT header MUST be oauth-id-jag+jwt". */
export const ID_JAG_TYP = 'oauth-id-jag+jwt';
/** RFC 9449 §4.2: a DPoP proof is explicitly typed. */
export const DPOP_TYP = 'dpop+jwt';

/** The extension identifiers clients and servers negotiate in `_meta` and `server/discover` (C-72, S-50). */
export const EXTENSION_CLIENT_CREDENTIALS = 'io.modelcontextprotocol/oauth-client-credentials';
export const EXTENSION_ENTERPRISE = 'io.modelcontextprotocol/enterprise-managed-authorization';
