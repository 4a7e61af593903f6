/** The bounded stores behind the servers' state: a cap that forgets the oldest, expiry by the world clock. */
import { describe, expect, it } from 'vitest';
import { createClock } from '../src/sim/world/clock';
import { BoundedMap, BoundedSet, keepingInitial } from '../src/sim/world/store';
import { createWorld } from '../src/sim/world/world';

describe('BoundedMap', () => {
  it('is a Map, and past its cap forgets the oldest entry', () => {
    const map = new BoundedMap<string, number>({ cap: 3 });
    for (const [i, key] of ['a', 'b', 'c', 'd', 'e'].entries()) map.set(key, i);
    expect(map).toBeInstanceOf(Map);
    expect([...map]).toEqual([
      ['c', 2],
      ['d', 3],
      ['e', 4],
    ]);
  });

  it('a re-set entry counts as the newest', () => {
    const map = new BoundedMap<string, number>({ cap: 2 }, [
      ['a', 1],
      ['b', 2],
    ]);
    map.set('a', 3);
    map.set('c', 4);
    expect([...map.keys()]).toEqual(['a', 'c']);
  });

  it('never forgets an entry that is not evictable, and still holds the cap with the others', () => {
    const initial = new Map([['admin', 0]]);
    const map = new BoundedMap<string, number>({ cap: 3, evictable: keepingInitial(initial) }, initial);
    for (let i = 1; i <= 10; i++) map.set(`dcr-${i}`, i);
    expect([...map.keys()]).toEqual(['admin', 'dcr-9', 'dcr-10']);
  });

  it('forgets an entry once its time in world seconds has passed, on the next read or write', () => {
    const clock = createClock(1000);
    const map = new BoundedMap<string, string>({ cap: 10, ttl: 60, clock });
    map.set('old', 'x');
    clock.advance(30);
    map.set('young', 'y');
    clock.advance(30);
    expect(map.get('old')).toBeUndefined();
    expect(map.has('young')).toBe(true);
    expect(map.size).toBe(1);
    clock.advance(30);
    map.set('new', 'z');
    expect([...map.keys()]).toEqual(['new']);
  });

  it('without a clock nothing expires, and the cap still holds', () => {
    const map = new BoundedMap<number, number>({ cap: 100, ttl: 1 });
    for (let i = 0; i < 1000; i++) map.set(i, i);
    expect(map.size).toBe(100);
    expect(map.get(999)).toBe(999);
  });

  it('delete and clear forget the ages too', () => {
    const clock = createClock(0);
    const map = new BoundedMap<string, number>({ cap: 2, ttl: 10, clock });
    map.set('a', 1);
    map.delete('a');
    map.set('b', 2);
    map.set('c', 3);
    map.clear();
    map.set('d', 4);
    expect([...map]).toEqual([['d', 4]]);
  });
});

describe('BoundedSet', () => {
  it('is a Set, capped, expiring by the clock', () => {
    const clock = createClock(0);
    const set = new BoundedSet<string>({ cap: 2, ttl: 10, clock }, ['a', 'b']);
    set.add('c');
    expect(set).toBeInstanceOf(Set);
    expect([...set]).toEqual(['b', 'c']);
    clock.advance(10);
    expect(set.has('c')).toBe(false);
    expect(set.size).toBe(0);
  });
});

describe("the world's stores", () => {
  it('keep the pre-registered clients whatever registers after them', () => {
    const world = createWorld({ seed: 'bounds', bounds: { clients: 6 } });
    const preregistered = [...world.as.clients.keys()];
    // Room for exactly one more than the administrator's clients.
    expect(preregistered).toHaveLength(5);
    for (let i = 0; i < 50; i++) {
      world.as.clients.set(`dcr-${i}`, {
        client_id: `dcr-${i}`,
        client_name: 'x',
        redirect_uris: [],
        grant_types: [],
        token_endpoint_auth_method: 'none',
        application_type: 'native',
        source: 'dcr',
      });
    }
    expect([...world.as.clients.keys()]).toEqual([...preregistered, 'dcr-49']);
  });

  it("forget consent transactions and codes by the world's clock", () => {
    const world = createWorld({ seed: 'bounds' });
    const sub = 'user-7f3a';
    const client = world.as.clients.values().next().value;
    if (!client) throw new Error('no client');
    const request = {
      client,
      redirect_uri: '',
      state: undefined,
      scope: '',
      resource: undefined,
      code_challenge: undefined,
      code_challenge_method: undefined,
    };
    world.as.transactions.set('t', { id: 't', csrf: 'c', sub, request });
    world.as.codes.set('c', {
      code: 'c',
      request,
      sub,
      expiresAt: 0,
      redeemed: false,
      revoked: false,
      issued: [],
    });
    world.clock.advance(599);
    expect(world.as.transactions.has('t')).toBe(true);
    world.clock.advance(1);
    expect(world.as.transactions.has('t')).toBe(false);
    // A code outlives its own lifetime while tokens issued from it may live (replay revokes them).
    expect(world.as.codes.has('c')).toBe(true);
    world.clock.advance(world.lifetimes.code + world.lifetimes.accessToken);
    expect(world.as.codes.has('c')).toBe(false);
  });

  it("keep the user's own files, and bound what a client writes", () => {
    const world = createWorld({ seed: 'bounds', bounds: { filesPerUser: 3 } });
    const files = world.mcp.files.get('user-7f3a');
    for (let i = 0; i < 10; i++) files?.set(`junk/${i}`, 'x');
    expect([...(files?.keys() ?? [])]).toEqual(['notes/plan.md', 'junk/8', 'junk/9']);
  });
});
