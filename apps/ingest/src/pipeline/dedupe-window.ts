/**
 * The fast duplicate check: remembers the most recent event ids (bounded, oldest forgotten first).
 * Each entry holds the durability promise of the first delivery, so a concurrent retry waits for it
 * rather than answering before the event is safe. Older retries, retries on another node and retries
 * after a restart are made exact by the ClickHouse key (ReplacingMergeTree on event id + recipient).
 */
export class DedupeWindow {
  private readonly entries = new Map<string, Promise<void>>();
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The first delivery's promise if this key was seen recently. */
  get(key: string): Promise<void> | undefined {
    return this.entries.get(key);
  }

  /** Records a delivery in flight; a failed write forgets it so the retry is treated as new. */
  track(key: string, durable: Promise<void>): void {
    this.remember(key, durable);
    durable.catch(() => {
      if (this.entries.get(key) === durable) this.entries.delete(key);
    });
  }

  /** Records an event already durable (e.g. replayed from the spool at start-up). */
  remember(key: string, durable: Promise<void> = Promise.resolve()): void {
    this.entries.set(key, durable);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
