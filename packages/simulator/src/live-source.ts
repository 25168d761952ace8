import type { EventBridgeEnvelope } from './envelope-types.ts';
import { MessageBuilder } from './message-builder.ts';
import type { SimulatedEvent } from './message-context.ts';
import { type OrganizationProfile, SIMULATED_ORGANIZATIONS } from './organizations.ts';
import { Random } from './random.ts';

export interface LiveSourceOptions {
  organizations?: readonly OrganizationProfile[];
  seed?: number;
  /** Clock (ms). Default Date.now. */
  now?: () => number;
  /**
   * Follow-ups further in the future than this are dropped, so memory stays bounded (opens days later
   * would pile up). Default 1 hour.
   */
  horizonMs?: number;
  multiRecipientShare?: number;
}

/**
 * Traffic happening now, pulled one event at a time: a follow-up (delivery, bounce, open...) whose time
 * has come goes first; otherwise a new message is sent at this instant and its Send is returned, its
 * follow-ups waiting for their time. Whoever pulls sets the pace (the poster's rate limit).
 */
export class LiveEventSource implements Iterator<EventBridgeEnvelope>, Iterable<EventBridgeEnvelope> {
  readonly #builder: MessageBuilder;
  readonly #now: () => number;
  readonly #horizon: number;
  readonly #pending: SimulatedEvent[] = [];

  constructor(options: LiveSourceOptions = {}) {
    const builderOptions =
      options.multiRecipientShare === undefined ? {} : { multiRecipientShare: options.multiRecipientShare };
    this.#builder = new MessageBuilder(
      options.organizations ?? SIMULATED_ORGANIZATIONS,
      new Random(options.seed ?? 1),
      builderOptions,
    );
    this.#now = options.now ?? Date.now;
    this.#horizon = options.horizonMs ?? 3_600_000;
  }

  /** Events scheduled but not yet due. */
  get pending(): number {
    return this.#pending.length;
  }

  next(): IteratorResult<EventBridgeEnvelope> {
    return { done: false, value: this.nextEvent().envelope };
  }

  nextEvent(): SimulatedEvent {
    const now = this.#now();
    const due = this.#pending[0];
    if (due && due.time <= now) return this.#pop();
    const message = this.#builder.build(now);
    for (const event of message.events) {
      if (event.time - now <= this.#horizon) this.#push(event);
    }
    return this.#pop();
  }

  [Symbol.iterator](): this {
    return this;
  }

  // Binary min-heap on event time.
  #push(event: SimulatedEvent): void {
    const heap = this.#pending;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as SimulatedEvent).time <= event.time) break;
      heap[i] = heap[parent] as SimulatedEvent;
      i = parent;
    }
    heap[i] = event;
  }

  #pop(): SimulatedEvent {
    const heap = this.#pending;
    const top = heap[0] as SimulatedEvent;
    const last = heap.pop() as SimulatedEvent;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child =
          right < heap.length && (heap[right] as SimulatedEvent).time < (heap[left] as SimulatedEvent).time
            ? right
            : left;
        if ((heap[child] as SimulatedEvent).time >= last.time) break;
        heap[i] = heap[child] as SimulatedEvent;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}
