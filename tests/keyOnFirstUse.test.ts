// A world derives its signing keys when they are first used (sim/crypto/jwt.ts keyOnFirstUse), not
// when it is made: the first message of a run needs no key, and deriving three P-256 keys was tens
// of milliseconds of the time to an interactive diagram. The keys must stay what the seed makes them.
import { describe, expect, it, vi } from 'vitest';
import { deriveSigningKey, keyOnFirstUse } from '../src/sim/crypto/jwt';
import { forkRng } from '../src/sim/world/random';
import { createWorld } from '../src/sim/world/world';

describe('a key derived on first use', () => {
  it('is derived once, when first read, and is the key the stream makes', () => {
    const derive = vi.fn(() => deriveSigningKey(forkRng('demo', 'as-keys'), 'k1'));
    const key = keyOnFirstUse(derive);
    expect(derive).not.toHaveBeenCalled();
    const eager = deriveSigningKey(forkRng('demo', 'as-keys'), 'k1');
    expect(key.publicJwk).toEqual(eager.publicJwk);
    expect(key.privateKey).toEqual(eager.privateKey);
    expect(key.kid).toBe('k1');
    expect({ ...key }).toEqual(eager);
    expect(derive).toHaveBeenCalledTimes(1);
  });

  it('gives a world the same keys whichever party uses its key first', () => {
    const a = createWorld({ seed: 'demo' });
    const b = createWorld({ seed: 'demo' });
    // In b, the keys are read in the opposite order.
    const first = [a.as.key.publicJwk, a.clientHost.signingKey.publicJwk, a.idp.key.publicJwk];
    const second = [b.idp.key.publicJwk, b.clientHost.signingKey.publicJwk, b.as.key.publicJwk].reverse();
    expect(second).toEqual(first);
  });
});
