/**
 * PKCE as OAuth 2.1 §4.1.1 (RFC 7636) defines it: a high-entropy verifier of 43-128 characters
 * from the unreserved set, and `code_challenge = BASE64URL(SHA256(ASCII(code_verifier)))`.
 */
import { base64url } from 'jose';
import type { Rng } from '../world/random';
import { sha256 } from './sha256';

/** RFC 7636 §4.1: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~". */
export const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;
/** A base64url SHA-256 digest is always 43 characters. */
export const S256_CHALLENGE_PATTERN = /^[A-Za-z0-9\-_]{43}$/;

/** 32 random bytes, base64url-encoded: the 43-character verifier RFC 7636 §4.1 recommends. */
export function createVerifier(rng: Rng): string {
  return rng.token(32);
}

export async function challengeS256(verifier: string): Promise<string> {
  return base64url.encode(await sha256(new TextEncoder().encode(verifier)));
}

/** The intermediate values, so the inspector can show each stage of the transform. */
export async function explainS256(
  verifier: string,
): Promise<{ verifier: string; sha256Hex: string; challenge: string }> {
  const digest = await sha256(new TextEncoder().encode(verifier));
  const sha256Hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  return { verifier, sha256Hex, challenge: base64url.encode(digest) };
}
