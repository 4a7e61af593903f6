import { createRng } from '/work/main/src/sim/world/random';
import { deriveSigningKey, signJwt, verifySignature } from '/work/main/src/sim/crypto/jwt';
import { challengeS256 } from '/work/main/src/sim/crypto/pkce';
const k = deriveSigningKey(createRng('x'), 'k1');
const t = signJwt({ sub: 'a', aud: 'b' }, k);
console.log(t === signJwt({ sub: 'a', aud: 'b' }, k), await verifySignature(t, { keys: [k.publicJwk] }));
console.log(await verifySignature(t.slice(0,-3)+'AAA', { keys: [k.publicJwk] }));
console.log(await challengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
