import { hash } from 'node:crypto';

const DURABLE: Promise<void> = Promise.resolve();

/**
 * The fast duplicate check: remembers the most recent event keys (bounded, oldest forgotten first).
 * A delivery still in flight is held with its durability promise, so a concurrent retry waits for it
 * rather than answering before the event is safe. Older retries, retries on another node and retries
 * after a restart are made exact by the ClickHouse key (ReplacingMergeTree on event id + recipient).
 *
 * Durable keys are kept as 128-bit fingerprints (SHA-256 prefix) in a table allocated once, so the
 * window costs 24 bytes per key and its memory is flat from the start instead of growing with a Map of
 * strings and promises (~200 B each) until the window fills. A false "duplicate" would need two keys
 * with equal 128-bit fingerprints among the window's keys: odds below 1e-27.
 */
export class DedupeWindow {
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly durable: FingerprintSet;
  /** The last key looked up and its fingerprint: a lookup is followed by `track` of the same key. */
  private lastKey = '';
  private lastPrint: Buffer | undefined;

  constructor(capacity: number) {
    this.durable = new FingerprintSet(capacity);
  }

  get size(): number {
    return this.inflight.size + this.durable.size;
  }

  /** The first delivery's durability promise (settled for a durable one) if this key was seen recently. */
  get(key: string): Promise<void> | undefined {
    const pending = this.inflight.get(key);
    if (pending) return pending;
    return this.durable.has(this.fingerprint(key)) ? DURABLE : undefined;
  }

  /** Records a delivery in flight; a failed write forgets it so the retry is treated as new. */
  track(key: string, durable: Promise<void>): void {
    this.inflight.set(key, durable);
    const print = this.fingerprint(key);
    durable.then(
      () => {
        // One synchronous step: a concurrent lookup finds the key in one structure or the other.
        this.durable.add(print);
        if (this.inflight.get(key) === durable) this.inflight.delete(key);
      },
      () => {
        if (this.inflight.get(key) === durable) this.inflight.delete(key);
      },
    );
  }

  /** Records an event already durable (e.g. replayed from the spool at start-up). */
  remember(key: string): void {
    this.durable.add(this.fingerprint(key));
  }

  private fingerprint(key: string): Buffer {
    if (key !== this.lastKey || !this.lastPrint) {
      this.lastKey = key;
      this.lastPrint = hash('sha256', key, 'buffer');
    }
    return this.lastPrint;
  }
}

/**
 * A fixed-capacity set of 128-bit fingerprints with FIFO eviction: a ring of fingerprints plus an
 * open-addressing index (linear probing, backward-shift deletion), all in typed arrays.
 */
class FingerprintSet {
  private readonly capacity: number;
  /** Four 32-bit words per entry, in insertion order (a ring). */
  private readonly ring: Uint32Array;
  /** Ring position + 1 of the entry in each slot; 0 = empty. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private next = 0;
  private count = 0;

  constructor(capacity: number) {
    this.capacity = Math.max(1, capacity);
    this.ring = new Uint32Array(this.capacity * 4);
    let size = 2;
    while (size < this.capacity * 2) size *= 2; // load factor <= 1/2 keeps probes short
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    // Touch every page now: the memory is resident from the start rather than growing as keys arrive.
    this.ring.fill(1);
    this.ring.fill(0);
    this.slots.fill(1);
    this.slots.fill(0);
  }

  get size(): number {
    return this.count;
  }

  has(print: Buffer): boolean {
    return (
      this.find(
        print.readUInt32LE(0),
        print.readUInt32LE(4),
        print.readUInt32LE(8),
        print.readUInt32LE(12),
      ) >= 0
    );
  }

  add(print: Buffer): void {
    const a = print.readUInt32LE(0);
    const b = print.readUInt32LE(4);
    const c = print.readUInt32LE(8);
    const d = print.readUInt32LE(12);
    if (this.find(a, b, c, d) >= 0) return;
    if (this.count === this.capacity) this.evict(this.next);
    else this.count++;
    const at = this.next * 4;
    this.ring[at] = a;
    this.ring[at + 1] = b;
    this.ring[at + 2] = c;
    this.ring[at + 3] = d;
    let slot = a & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = this.next + 1;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The slot holding this fingerprint, or -1. */
  private find(a: number, b: number, c: number, d: number): number {
    const { ring, slots, mask } = this;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === 0) return -1;
      const at = (entry - 1) * 4;
      if (ring[at] === a && ring[at + 1] === b && ring[at + 2] === c && ring[at + 3] === d) return slot;
    }
  }

  /** Removes ring entry `position` from the index, shifting later probes back over the hole. */
  private evict(position: number): void {
    const { ring, slots, mask } = this;
    const at = position * 4;
    let hole = this.find(ring[at]!, ring[at + 1]!, ring[at + 2]!, ring[at + 3]!);
    if (hole < 0) return;
    slots[hole] = 0;
    for (let slot = (hole + 1) & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
      const home = ring[(slots[slot]! - 1) * 4]! & mask;
      // The entry may move into the hole unless its home lies cyclically in (hole, slot].
      const stays = hole <= slot ? home > hole && home <= slot : home > hole || home <= slot;
      if (stays) continue;
      slots[hole] = slots[slot]!;
      slots[slot] = 0;
      hole = slot;
    }
  }
}
