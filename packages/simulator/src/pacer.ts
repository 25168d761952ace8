import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Token bucket for a steady request rate. Each `take()` reserves the next free slot (virtual scheduling),
 * so concurrent callers are served in order and the rate holds however many wait; `burst` tokens may be
 * used at once after an idle spell.
 */
export class Pacer {
  readonly #interval: number;
  readonly #burstWindow: number;
  #nextSlot = Number.NEGATIVE_INFINITY;

  constructor(ratePerSecond: number, burst = 1) {
    if (!(ratePerSecond > 0)) throw new Error('Pacer: rate must be positive');
    this.#interval = Number.isFinite(ratePerSecond) ? 1000 / ratePerSecond : 0;
    this.#burstWindow = this.#interval * Math.max(0, burst - 1);
  }

  /** Resolves when the caller may send; rejects if the signal aborts while waiting. */
  async take(signal?: AbortSignal): Promise<void> {
    if (this.#interval === 0) return;
    const now = performance.now();
    const slot = Math.max(this.#nextSlot, now - this.#burstWindow);
    this.#nextSlot = slot + this.#interval;
    const wait = slot - now;
    // Timers are ms-grained: below 1 ms, sending now keeps the average rate exact anyway.
    if (wait >= 1) await sleep(wait, undefined, signal ? { signal } : undefined);
  }
}
