/**
 * Seeded randomness. Every random value in the simulated world (keys, PKCE verifiers, codes,
 * tokens, state) comes from here, so one seed replays the same run byte for byte (a talk, a
 * deep link and a test all see the same values). sfc32 seeded through cyrb128: small, fast, and good
 * enough for a simulation; this is deliberately not a CSPRNG, and the UI says so. Its raw outputs are
 * handed out as client ids, codes and tokens, so a few of them give its state away: a world served on
 * real sockets draws from `cryptoRng()` instead (WorldOptions.randomness).
 */
import { base64url } from 'jose';

export interface Rng {
  /** A uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number;
  bytes(length: number): Uint8Array;
  /** `length` random bytes, base64url-encoded without padding (as RFC 7636 §4.1 suggests for verifiers). */
  token(length?: number): string;
}

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

export function createRng(seed: string): Rng {
  let [a, b, c, d] = cyrb128(seed);
  const nextUint32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  const bytes = (length: number): Uint8Array => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 4) {
      const n = nextUint32();
      for (let j = 0; j < 4 && i + j < length; j++) out[i + j] = (n >>> (j * 8)) & 0xff;
    }
    return out;
  };
  return { nextUint32, bytes, token: (length = 32) => base64url.encode(bytes(length)) };
}

/**
 * The platform's CSPRNG (`crypto.getRandomValues`, in browsers and in Node), behind the same
 * interface: what a socket serves must not be guessable from what it served before.
 */
export function cryptoRng(): Rng {
  const bytes = (length: number) => globalThis.crypto.getRandomValues(new Uint8Array(length));
  return {
    nextUint32: () => globalThis.crypto.getRandomValues(new Uint32Array(1))[0] ?? 0,
    bytes,
    token: (length = 32) => base64url.encode(bytes(length)),
  };
}

/** Derives an independent stream for one party, so that adding a draw in one server never shifts another's values. */
export function forkRng(seed: string, party: string): Rng {
  return createRng(`${seed}/${party}`);
}

/** A uniform integer in [0, n) from a 32-bit generator. */
export function below(rng: Pick<Rng, 'nextUint32'>, n: number): number {
  return Math.floor((rng.nextUint32() / 0x1_0000_0000) * n);
}

/** Fisher–Yates with the seeded generator: one seed, one order. */
export function shuffle<T>(items: readonly T[], rng: Pick<Rng, 'nextUint32'>): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = below(rng, i + 1);
    const a = out[i];
    const b = out[j];
    if (a === undefined || b === undefined) continue;
    out[i] = b;
    out[j] = a;
  }
  return out;
}
