/**
 * SHA-256 with Web Crypto where the page has it, and a pure-JS fallback where it does not:
 * `crypto.subtle` exists only in secure contexts, so a classroom serving the app over plain http
 * from a LAN address would otherwise have no PKCE at all (crypto.subtle exists only in secure contexts:
 * https or localhost).
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

export function hasSubtleCrypto(): boolean {
  return typeof globalThis.crypto !== 'undefined' && typeof globalThis.crypto.subtle !== 'undefined';
}

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  if (hasSubtleCrypto()) {
    // Copy into a fresh ArrayBuffer: subtle.digest rejects views over SharedArrayBuffer.
    const digest = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(data));
    return new Uint8Array(digest);
  }
  return nobleSha256(data);
}
