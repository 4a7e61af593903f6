/**
 * Item 4 of "Nothing forged, nothing lost": a world on real sockets hands out client ids, secrets,
 * codes and refresh tokens. From a seed, a second world replays every one of them (that is what a
 * seed is for: demos); sfc32's raw outputs even give its state away to anyone who saw a few. So a
 * world started without a seed draws every secret from the CSPRNG: nothing it serves can be
 * predicted from the seed it is named by, nor from another world.
 */
import { describe, expect, it } from 'vitest';
import { WORLD_USAGE } from '../../src/realwire/args';
import type { WorldServer } from '../../src/realwire/worldServer';
import { CONFIDENTIAL_CLIENT_ID } from '../../src/sim/servers/auth/state';
import { createWorld } from '../../src/sim/world/world';
import { codeFlow, stopServersAfterEach, world } from './helpers';

stopServersAfterEach();

/** Every secret one confidential client is given: its registration, a code, a refresh token. */
async function secretsOf(server: WorldServer) {
  const { clientId, clientSecret, code, status, body } = await codeFlow(server, {
    confidential: true,
    refresh: true,
  });
  expect(status).toBe(200);
  return { clientId, clientSecret, code, refreshToken: String(body.refresh_token) };
}

const start = (seed?: string) =>
  // `seed: undefined` overrides the test helper's default seed: an unseeded world.
  world({ autoApprove: true, seed });

describe('secrets on the wire', () => {
  it('from a seed, a second world predicts every secret of the first (why a seed is for demos only)', async () => {
    const victim = await secretsOf(await start('classroom-demo'));
    const replica = await secretsOf(await start('classroom-demo'));
    expect(replica).toEqual(victim);
  });

  it('without a seed, neither the seed it is named by nor another world predicts any of them', async () => {
    const a = await start();
    const b = await start();
    expect(a.randomness).toBe('csprng');
    const served = [await secretsOf(a), await secretsOf(b)];
    // What the seeded generator would have served under the same names, byte for byte the same flow.
    const seeded = [await secretsOf(await start(a.seed)), await secretsOf(await start(b.seed))];
    const values = [...served, ...seeded].flatMap((s) => Object.values(s));
    for (const value of values) expect(value).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    // All distinct, and no two share even an 8-character prefix (a chance of 2^-48 per pair).
    expect(new Set(values.map((v) => v.slice(0, 8))).size).toBe(values.length);
  });

  it('the world option: csprng worlds differ in every key and secret, seeded ones agree', () => {
    const secretOf = (w: ReturnType<typeof createWorld>) =>
      `${w.as.key.publicJwk.x} ${w.as.clients.get(CONFIDENTIAL_CLIENT_ID)?.client_secret ?? ''} ${w.rng('as').token(32)}`;
    const seeded = [createWorld({ seed: 's' }), createWorld({ seed: 's' })].map(secretOf);
    expect(seeded[0]).toBe(seeded[1]);
    const random = [
      createWorld({ seed: 's', randomness: 'csprng' }),
      createWorld({ seed: 's', randomness: 'csprng' }),
    ].map(secretOf);
    expect(random[0]).not.toBe(random[1]);
    expect(random[0]?.split(' ').some((part) => seeded[0]?.includes(part))).toBe(false);
  });

  it('--help says that a seeded world is for demos only', () => {
    expect(WORLD_USAGE).toMatch(/--seed <text>[\s\S]*for demos only/);
  });
});
