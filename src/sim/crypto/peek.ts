/**
 * Reading a JWT without verifying it, in its own module: the views that show who holds a token or
 * what it claims need this and nothing of the signing code (jwt.ts brings the P-256 and SHA-2
 * libraries, which must not load with the first screen).
 */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { JWTPayload } from 'jose';

/**
 * Decodes without verifying, for display (the inspector) and for an observer's reading of a recorded
 * exchange (what aud a token the server accepted named). No party ever decides on it.
 */
export function peekJwt(token: string): { header: Record<string, unknown>; payload: JWTPayload } | null {
  try {
    return { header: decodeProtectedHeader(token), payload: decodeJwt(token) };
  } catch {
    return null;
  }
}
