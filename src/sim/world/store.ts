/**
 * Bounded memory for the servers' state. A server on real sockets meets clients that register and
 * never come back, codes never redeemed, consent pages never answered: a store forgets an entry
 * once it has expired (by the world's clock, so a seed still replays a run exactly) and, when full,
 * its oldest entry. `BoundedMap` is a `Map` and `BoundedSet` a `Set`, so the servers' code that
 * reads and writes them does not change.
 *
 * Expired entries are forgotten on the next read or write of the store; until then they still
 * count in `size` and show in iteration.
 */
import type { Clock } from './clock';

export interface Bound<K, V> {
  /** Most entries kept; adding one more forgets the oldest evictable entry. */
  cap: number;
  /** World seconds after which an entry is forgotten, counted from when it was last set. */
  ttl?: number;
  /** The world's clock; without it nothing expires (the cap still holds). */
  clock?: Clock;
  /** False for entries that are never forgotten (the administrator's pre-registered clients). */
  evictable?: (value: V, key: K) => boolean;
}

/**
 * When each key was set, in insertion order: the front is the oldest, so expiry and eviction
 * look at the front only. Shared by the map and the set.
 */
class Ages<K> {
  private readonly born = new Map<K, number>();

  constructor(
    private readonly bound: Pick<Bound<K, unknown>, 'cap' | 'ttl' | 'clock'>,
    /** False for an entry that is never forgotten. */
    private readonly evictable: (key: K) => boolean,
    private readonly remove: (key: K) => void,
    private readonly size: () => number,
  ) {}

  private now(): number {
    return this.bound.clock?.now() ?? 0;
  }

  /** Records a (re)set key as the newest. */
  touch(key: K): void {
    this.born.delete(key);
    this.born.set(key, this.now());
  }

  forget(key: K): void {
    this.born.delete(key);
  }

  clear(): void {
    this.born.clear();
  }

  /** Deletes what has expired, oldest first; entries that are never forgotten are skipped. */
  sweep(): void {
    const { ttl } = this.bound;
    if (ttl === undefined || this.bound.clock === undefined) return;
    const now = this.now();
    for (const [key, born] of this.born) {
      if (!this.evictable(key)) continue;
      if (born + ttl > now) break; // every entry behind this one is younger
      this.remove(key);
    }
  }

  /** Deletes the oldest evictable entries until at most `cap` remain. */
  evict(): void {
    for (const key of this.born.keys()) {
      if (this.size() <= this.bound.cap) return;
      if (this.evictable(key)) this.remove(key);
    }
  }
}

export class BoundedMap<K, V> extends Map<K, V> {
  private readonly ages: Ages<K>;

  constructor(bound: Bound<K, V>, entries: Iterable<readonly [K, V]> = []) {
    super(); // no entries here: Map's constructor would call set() before this class's fields exist
    const { evictable } = bound;
    this.ages = new Ages(
      bound,
      (key) => {
        const value = super.get(key);
        return evictable === undefined || value === undefined || evictable(value, key);
      },
      (key) => this.delete(key),
      () => this.size,
    );
    for (const [key, value] of entries) this.set(key, value);
  }

  override get(key: K): V | undefined {
    this.ages.sweep();
    return super.get(key);
  }

  override has(key: K): boolean {
    this.ages.sweep();
    return super.has(key);
  }

  override set(key: K, value: V): this {
    this.ages.sweep();
    super.delete(key); // a re-set entry moves to the back, with its new age
    super.set(key, value);
    this.ages.touch(key);
    this.ages.evict();
    return this;
  }

  override delete(key: K): boolean {
    this.ages.forget(key);
    return super.delete(key);
  }

  override clear(): void {
    this.ages.clear();
    super.clear();
  }
}

export class BoundedSet<T> extends Set<T> {
  private readonly ages: Ages<T>;

  constructor(bound: Bound<T, T>, values: Iterable<T> = []) {
    super(); // as in BoundedMap
    const { evictable } = bound;
    this.ages = new Ages(
      bound,
      (value) => evictable?.(value, value) ?? true,
      (value) => this.delete(value),
      () => this.size,
    );
    for (const value of values) this.add(value);
  }

  override has(value: T): boolean {
    this.ages.sweep();
    return super.has(value);
  }

  override add(value: T): this {
    this.ages.sweep();
    super.delete(value);
    super.add(value);
    this.ages.touch(value);
    this.ages.evict();
    return this;
  }

  override delete(value: T): boolean {
    this.ages.forget(value);
    return super.delete(value);
  }

  override clear(): void {
    this.ages.clear();
    super.clear();
  }
}

/** An `evictable` that keeps the entries a store starts with (the world's own data) for good. */
export function keepingInitial<K>(initial: ReadonlyMap<K, unknown>): (value: unknown, key: K) => boolean {
  const keys = new Set(initial.keys());
  return (_, key) => !keys.has(key);
}

/**
 * How much the servers remember at most. Far above what a run in the page uses, so a seeded run
 * never meets a bound; on real sockets they keep a hostile client from growing the process.
 */
export interface StoreBounds {
  /** Registered (DCR) and fetched (CIMD) clients; the pre-registered ones are never forgotten. */
  clients: number;
  codes: number;
  /** Consent pages shown and not yet answered. */
  transactions: number;
  refreshTokens: number;
  /** Revoked token ids and refresh token families, each. */
  revocations: number;
  /** Remembered consents (`<sub> <client_id>`). */
  consents: number;
  /** The MCP server's conversation state behind handles (S-19). */
  carts: number;
  /** Users with files at the MCP server, and files per user; the initial ones are never forgotten. */
  users: number;
  filesPerUser: number;
}

export const DEFAULT_BOUNDS: StoreBounds = {
  clients: 1000,
  codes: 1000,
  transactions: 500,
  refreshTokens: 2000,
  revocations: 10_000,
  consents: 1000,
  carts: 1000,
  users: 100,
  filesPerUser: 200,
};

/** World seconds: a consent page older than this must be reloaded; a cart is forgotten after this. */
export const TRANSACTION_TTL = 600;
/** World seconds: the longest a client assertion or ID-JAG is accepted for, so a used jti is kept that long. */
export const ASSERTION_MAX_LIFETIME = 3600;
export const CART_TTL = 3600;
