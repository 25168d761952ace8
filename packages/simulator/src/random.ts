/**
 * Seedable PRNG (xoshiro128**, seeded through splitmix32). The simulator never touches Math.random, so the
 * same seed always yields the same traffic; 2^128 period is ample for billions of draws.
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  #spareNormal: number | undefined;

  constructor(seed = 1) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = next();
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#b, 5), 7), 9) >>> 0;
    const t = this.#b << 9;
    this.#c ^= this.#a;
    this.#d ^= this.#b;
    this.#b ^= this.#c;
    this.#a ^= this.#d;
    this.#c ^= t;
    this.#d = rotl(this.#d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max] inclusive. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Random.pick: empty list');
    return item;
  }

  /** Standard normal (Box–Muller, caching the second value). */
  normal(): number {
    if (this.#spareNormal !== undefined) {
      const spare = this.#spareNormal;
      this.#spareNormal = undefined;
      return spare;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.#spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and shape (sigma of the underlying normal). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Log-uniform in [min, max]: as likely to be seconds as hours when the range spans both. */
  logUniform(min: number, max: number): number {
    return min * (max / min) ** this.next();
  }

  /** Lower-case hex string of `length` digits. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += hex32(this.uint32());
    return out.length === length ? out : out.slice(0, length);
  }

  /** `length` decimal digits (leading zeros allowed). */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String.fromCharCode(48 + this.int(10));
    return out;
  }

  /** RFC 4122 version-4 shaped UUID drawn from this generator (EventBridge event ids look like this). */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    const version = ((b & 0xffff0fff) | 0x4000) >>> 0;
    const variant = ((c & 0x3fffffff) | 0x80000000) >>> 0;
    const bHex = hex32(version);
    const cHex = hex32(variant);
    return `${hex32(a)}-${bHex.slice(0, 4)}-${bHex.slice(4)}-${cHex.slice(0, 4)}-${cHex.slice(4)}${hex32(d)}`;
  }

  /** An independent generator derived from this one (so sub-streams do not shift each other). */
  fork(): Random {
    return new Random(this.uint32());
  }
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 8 lower-case hex digits of a uint32, via a byte table (toString(16) + padStart is slow in hot loops). */
function hex32(x: number): string {
  return (
    (BYTE_HEX[x >>> 24] as string) +
    (BYTE_HEX[(x >>> 16) & 255] as string) +
    (BYTE_HEX[(x >>> 8) & 255] as string) +
    (BYTE_HEX[x & 255] as string)
  );
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Picks items by weight in O(log n); weights are precomputed once. */
export class WeightedPicker<T> {
  readonly items: readonly T[];
  readonly #cumulative: Float64Array;
  readonly #total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    const positive = entries.filter(([, weight]) => weight > 0);
    if (positive.length === 0) throw new Error('WeightedPicker: needs at least one positive weight');
    this.items = positive.map(([item]) => item);
    this.#cumulative = new Float64Array(positive.length);
    let total = 0;
    positive.forEach(([, weight], i) => {
      total += weight;
      this.#cumulative[i] = total;
    });
    this.#total = total;
  }

  /** Picks using a uniform draw `u` in [0, 1) (lets callers use a hash instead of a generator). */
  at(u: number): T {
    const target = u * this.#total;
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }

  pick(random: Random): T {
    return this.at(random.next());
  }
}

/** Stateless 32-bit integer hash (murmur3 finalizer), for deterministic per-index attributes. */
export function hash32(a: number, b = 0): number {
  let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Seed from a string (FNV-1a), e.g. to give each organization its own recipient population. */
export function seedFromString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
