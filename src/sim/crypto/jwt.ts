/**
 * ES256 JSON Web Tokens. Signing uses deterministic ECDSA (RFC 6979, via @noble/curves) so a seed
 * gives the same token bytes on every run: Web Crypto's ECDSA draws a fresh nonce each time, which
 * would make slides and live demos disagree. Verification and decoding use jose, the library a
 * real resource server would use, falling back to @noble/curves only where Web Crypto is missing.
 */
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  base64url,
  compactVerify,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  exportPKCS8,
  importJWK,
  importPKCS8,
} from 'jose';
import type { JWK, JWTPayload } from 'jose';
import type { Rng } from '../world/random';
import { hasSubtleCrypto } from './sha256';

export interface SigningKey {
  kid: string;
  privateKey: Uint8Array;
  publicJwk: JWK;
}

export interface Jwks {
  keys: JWK[];
}

/** Derives a P-256 key pair from the seeded stream: the same seed, the same keys. */
export function deriveSigningKey(rng: Rng, kid: string): SigningKey {
  let privateKey = rng.bytes(32);
  while (!p256.utils.isValidSecretKey(privateKey)) privateKey = rng.bytes(32);
  const publicKey = p256.getPublicKey(privateKey, false); // 0x04 || X || Y
  const publicJwk: JWK = {
    kty: 'EC',
    crv: 'P-256',
    x: base64url.encode(publicKey.slice(1, 33)),
    y: base64url.encode(publicKey.slice(33, 65)),
    kid,
    alg: 'ES256',
    use: 'sig',
  };
  return { kid, privateKey, publicJwk };
}

/**
 * A key derived the first time it is used: deriving a P-256 key costs a scalar multiplication (and,
 * the first time, @noble/curves' precomputed tables), tens of milliseconds on a slow phone, and
 * most runs reach their first signature many steps in, or never. Each key has its own named random
 * stream (world.rng), so when it is derived does not change what it is.
 */
export function keyOnFirstUse(derive: () => SigningKey): SigningKey {
  let key: SigningKey | undefined;
  const get = (): SigningKey => (key ??= derive());
  return {
    get kid() {
      return get().kid;
    },
    get privateKey() {
      return get().privateKey;
    },
    get publicJwk() {
      return get().publicJwk;
    },
  };
}

const encoder = new TextEncoder();

export function signJwt(payload: JWTPayload, key: SigningKey, typ = 'at+jwt'): string {
  // RFC 9068 §2.1: access tokens in JWT form carry `typ: at+jwt`.
  return signJws({ alg: 'ES256', typ, kid: key.kid }, payload, key);
}

/**
 * Any ES256 JWS with the header given (a DPoP proof carries its public key as `jwk` and no `kid`,
 * RFC 9449 §4.2; an ID-JAG is typed `oauth-id-jag+jwt`). Deterministic like every signature here.
 */
export function signJws(header: Record<string, unknown>, payload: JWTPayload, key: SigningKey): string {
  const signingInput = `${base64url.encode(JSON.stringify({ ...header, alg: 'ES256' }))}.${base64url.encode(JSON.stringify(payload))}`;
  // JWS ES256 (RFC 7518 §3.4): the 64-byte R || S over SHA-256 of the signing input.
  const signature = p256.sign(encoder.encode(signingInput), key.privateKey);
  return `${signingInput}.${base64url.encode(signature)}`;
}

/** The public key alone, as a DPoP proof's `jwk` header carries it (RFC 9449 §4.2: never the private part). */
export function publicJwkOf(key: SigningKey): JWK {
  return { kty: 'EC', crv: 'P-256', x: key.publicJwk.x ?? '', y: key.publicJwk.y ?? '' };
}

/**
 * RFC 7638 JWK SHA-256 thumbprint of an EC key: SHA-256 over the required members in lexicographic
 * order with no whitespace, base64url. The value DPoP binds a token to (`cnf.jkt`, RFC 9449 §6.1).
 */
export function jwkThumbprint(jwk: JWK): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return base64url.encode(sha256(encoder.encode(canonical)));
}

/** The same key, named by its RFC 7638 thumbprint: a kid both the signer and the verifier can compute. */
export function keyedByThumbprint(key: SigningKey): SigningKey {
  const kid = jwkThumbprint(key.publicJwk);
  return { ...key, kid, publicJwk: { ...key.publicJwk, kid } };
}

/** RFC 9449 §4.2 `ath`: base64url of the SHA-256 of the ASCII access token. */
export function accessTokenHash(token: string): string {
  return base64url.encode(sha256(encoder.encode(token)));
}

/** A P-256 private key in PKCS#8 PEM (what an administrator hands a workload) as a signing key. */
export async function signingKeyFromPkcs8(pem: string): Promise<SigningKey> {
  const key = await importPKCS8(pem, 'ES256', { extractable: true });
  const jwk = await exportJWK(key);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d || !jwk.x || !jwk.y)
    throw new Error('the private key is not a P-256 (ES256) key');
  return keyedByThumbprint({
    kid: '',
    privateKey: base64url.decode(jwk.d),
    publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, alg: 'ES256', use: 'sig' },
  });
}

/** The signing key as PKCS#8 PEM, for handing a real-wire client its key. */
export async function signingKeyToPkcs8(key: SigningKey): Promise<string> {
  const { x, y } = key.publicJwk;
  const imported = await importJWK(
    { kty: 'EC', crv: 'P-256', x: x ?? '', y: y ?? '', d: base64url.encode(key.privateKey) },
    'ES256',
    { extractable: true },
  );
  if (imported instanceof Uint8Array) throw new Error('not an EC key');
  return exportPKCS8(imported);
}

export type SignatureCheck = { ok: true; payload: JWTPayload } | { ok: false; reason: string };

/** Checks only the signature against the key set; claims are checked one by one by the caller. */
export async function verifySignature(token: string, jwks: Jwks): Promise<SignatureCheck> {
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { ok: false, reason: 'not a JWS compact serialization' };
  }
  if (header.alg !== 'ES256') return { ok: false, reason: `unexpected alg ${String(header.alg)}` };
  if (!hasSubtleCrypto()) return verifyWithNoble(token, jwks, header.kid);
  try {
    const { payload } = await compactVerify(token, createLocalJWKSet(jwks), { algorithms: ['ES256'] });
    return { ok: true, payload: JSON.parse(new TextDecoder().decode(payload)) as JWTPayload };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'signature verification failed' };
  }
}

function verifyWithNoble(token: string, jwks: Jwks, kid: string | undefined): SignatureCheck {
  const jwk = jwks.keys.find((k) => k.kid === kid);
  if (!jwk?.x || !jwk.y) return { ok: false, reason: 'no matching key in the JWKS' };
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return { ok: false, reason: 'not a JWS compact serialization' };
  try {
    const publicKey = new Uint8Array([4, ...base64url.decode(jwk.x), ...base64url.decode(jwk.y)]);
    const valid = p256.verify(base64url.decode(s), encoder.encode(`${h}.${p}`), publicKey, { lowS: false });
    return valid
      ? { ok: true, payload: decodeJwt(token) }
      : { ok: false, reason: 'signature verification failed' };
  } catch {
    return { ok: false, reason: 'signature verification failed' };
  }
}

export { peekJwt } from './peek';
