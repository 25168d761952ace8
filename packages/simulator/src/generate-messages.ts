import type { EventBridgeEnvelope } from './envelope-types.ts';
import type { SimulatedMessage } from './message-builder.ts';
import { MessageBuilder } from './message-builder.ts';
import type { SimulatedEvent } from './message-context.ts';
import { type OrganizationProfile, SIMULATED_ORGANIZATIONS } from './organizations.ts';
import { Random } from './random.ts';
import { SendTimes } from './send-times.ts';

export interface GenerateOptions {
  /** Same seed (and options), same traffic. Default 1. */
  seed?: number;
  /** Default: SIMULATED_ORGANIZATIONS (the demo workspace and three other tenants). */
  organizations?: readonly OrganizationProfile[];
  /** Messages to simulate. Default 100. */
  messages?: number;
  /** Window the messages are sent in. Default: the 24 hours before `now`. */
  start?: Date | number;
  end?: Date | number;
  /** Send times within the last `liveWindowMs` before `now`: traffic that is happening now. */
  live?: boolean;
  /** Clock for `live` and the default window. Default Date.now(). */
  now?: number;
  /** Default 60 s. */
  liveWindowMs?: number;
  /**
   * Force recipients: message i goes to entry i (cycling); an array entry is one message to several
   * recipients. Local parts steer outcomes (see LOCAL_PART_OUTCOMES).
   */
  recipients?: readonly (string | readonly string[])[];
  /** Share of non-bulk messages with 2–3 recipients. Default 0.07. */
  multiRecipientShare?: number;
  /** Follow a daily rhythm (default true); false spreads sends uniformly. */
  diurnal?: boolean;
}

export interface ResolvedWindow {
  start: number;
  end: number;
}

export function resolveWindow(options: GenerateOptions): ResolvedWindow {
  const now = options.now ?? Date.now();
  if (options.live) return { start: now - (options.liveWindowMs ?? 60_000), end: now };
  const end = options.end === undefined ? now : +options.end;
  const start = options.start === undefined ? end - 86_400_000 : +options.start;
  if (!(end > start)) throw new Error('generate: end must be after start');
  return { start, end };
}

/** Messages one at a time, in ascending send time (constant memory; bulk loads use this). */
export function* streamMessages(options: GenerateOptions = {}): Generator<SimulatedMessage> {
  const count = options.messages ?? 100;
  const { start, end } = resolveWindow(options);
  const random = new Random(options.seed ?? 1);
  const times = new SendTimes(start, end, count, random.fork(), options.diurnal ?? true);
  const builder = new MessageBuilder(
    options.organizations ?? SIMULATED_ORGANIZATIONS,
    random,
    options.multiRecipientShare === undefined ? {} : { multiRecipientShare: options.multiRecipientShare },
  );
  const forced = options.recipients;
  for (let i = 0; i < count; i++) {
    const to = forced && forced.length > 0 ? forced[i % forced.length] : undefined;
    yield builder.build(times.next(), to === undefined ? undefined : typeof to === 'string' ? [to] : to);
  }
}

/** Each simulated message with its Send and follow-up events (follow-ups may fall after the window). */
export function generateMessages(options: GenerateOptions = {}): SimulatedMessage[] {
  return [...streamMessages(options)];
}

export interface GenerateEventsOptions extends GenerateOptions {
  /** Keep follow-ups that happen after the window's end (default false: only what has happened by then). */
  includeAfterEnd?: boolean;
}

/** All events of the window's messages, sorted by event time. */
export function generateEvents(options: GenerateEventsOptions = {}): SimulatedEvent[] {
  const { end } = resolveWindow(options);
  const events: SimulatedEvent[] = [];
  for (const message of streamMessages(options)) {
    for (const event of message.events) if (options.includeAfterEnd || event.time <= end) events.push(event);
  }
  return events.sort((a, b) => a.time - b.time);
}

/** Just the envelopes (what EventBridge would POST), sorted by time. */
export function generateEnvelopes(options: GenerateEventsOptions = {}): EventBridgeEnvelope[] {
  return generateEvents(options).map((event) => event.envelope);
}
