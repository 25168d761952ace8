/** Raw latency samples (ms, float) kept in a growable typed array: exact percentiles, no histogram rounding. */
export class Samples {
  private values = new Float64Array(1 << 16);
  private n = 0;

  push(value: number): void {
    if (this.n === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.n++] = value;
  }

  get count(): number {
    return this.n;
  }

  summary(): LatencySummary {
    const sorted = this.values.slice(0, this.n).sort();
    const at = (q: number) => (this.n === 0 ? 0 : sorted[Math.min(this.n - 1, Math.ceil(q * this.n) - 1)]!);
    let sum = 0;
    for (const value of sorted) sum += value;
    return {
      count: this.n,
      mean: round(this.n === 0 ? 0 : sum / this.n),
      p50: round(at(0.5)),
      p975: round(at(0.975)),
      p99: round(at(0.99)),
      p999: round(at(0.999)),
      max: round(this.n === 0 ? 0 : sorted[this.n - 1]!),
    };
  }
}

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p975: number;
  p99: number;
  p999: number;
  max: number;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Least-squares slope of y over x. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** Standard error of the least-squares slope: how much of a fitted trend the scatter alone explains. */
export function slopeStandardError(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 3) return 0;
  const b = slope(xs, ys);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let residuals = 0;
  let spread = 0;
  for (let i = 0; i < n; i++) {
    residuals += (ys[i]! - my - b * (xs[i]! - mx)) ** 2;
    spread += (xs[i]! - mx) ** 2;
  }
  return spread === 0 ? 0 : Math.sqrt(residuals / (n - 2) / spread);
}
