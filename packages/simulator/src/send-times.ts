import type { Random } from './random.ts';

const HOUR = 3_600_000;

/** Relative sending volume for an hour (UTC): a daytime peak around EU afternoon / US morning, quieter weekends. */
export function hourWeight(hourStart: number): number {
  const date = new Date(hourStart);
  const hour = date.getUTCHours();
  const day = date.getUTCDay();
  const peak = Math.exp(-((hour - 14) ** 2) / 50);
  return (0.3 + peak) * (day === 0 || day === 6 ? 0.65 : 1);
}

/**
 * Exactly `count` send times in [start, end), in ascending order, drawn one at a time in O(1) memory:
 * sequential sorted uniforms (each the minimum of the remaining ones), mapped through the cumulative
 * hourly volume so traffic follows a daily rhythm. Asking for more than `count` gives uniform times.
 */
export class SendTimes {
  readonly #start: number;
  readonly #end: number;
  readonly #random: Random;
  readonly #bounds: number[] = [];
  readonly #cumulative: number[] = [];
  #remaining: number;
  #u = 0;
  #bucket = 0;

  constructor(start: number, end: number, count: number, random: Random, diurnal = true) {
    if (!(end > start)) throw new Error('SendTimes: end must be after start');
    this.#start = start;
    this.#end = end;
    this.#random = random;
    this.#remaining = Math.max(0, Math.floor(count));
    let total = 0;
    for (let from = start; from < end; ) {
      const to = Math.min(end, (Math.floor(from / HOUR) + 1) * HOUR);
      total += (to - from) * (diurnal ? hourWeight(from) : 1);
      this.#bounds.push(from);
      this.#cumulative.push(total);
      from = to;
    }
    this.#bounds.push(end);
  }

  next(): number {
    if (this.#remaining <= 0)
      return Math.floor(this.#start + this.#random.next() * (this.#end - this.#start));
    this.#u = 1 - (1 - this.#u) * this.#random.next() ** (1 / this.#remaining);
    this.#remaining--;
    const total = this.#cumulative[this.#cumulative.length - 1] ?? 1;
    const target = this.#u * total;
    while (this.#bucket < this.#cumulative.length - 1 && (this.#cumulative[this.#bucket] ?? 0) < target)
      this.#bucket++;
    const before = this.#bucket === 0 ? 0 : (this.#cumulative[this.#bucket - 1] ?? 0);
    const after = this.#cumulative[this.#bucket] ?? total;
    const from = this.#bounds[this.#bucket] ?? this.#start;
    const to = this.#bounds[this.#bucket + 1] ?? this.#end;
    const fraction = after > before ? (target - before) / (after - before) : 0;
    return Math.floor(Math.min(this.#end - 1, from + fraction * (to - from)));
  }
}
