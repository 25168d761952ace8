import { setTimeout as sleep } from 'node:timers/promises';
import type { EventBridgeEnvelope } from './envelope-types.ts';
import { LiveEventSource } from './live-source.ts';
import type { OrganizationProfile } from './organizations.ts';
import { Pacer } from './pacer.ts';
import { Random } from './random.ts';
import { retryDelayMs, shouldRetry } from './retry-policy.ts';

export interface PostEventsOptions {
  /** Full ingest URL, e.g. `http://127.0.0.1:3001/ingest/eventbridge`. */
  url: string;
  apiKey: string;
  /** Steady events per second (token bucket); Infinity sends as fast as `concurrency` allows. */
  rate: number;
  /** Stop after this long. */
  durationMs?: number;
  /** Stop after this many events. */
  count?: number;
  /** Requests in flight at most (a retry waiting for its turn holds its slot). Default 8. */
  concurrency?: number;
  /** Stops sending: no new requests or retries; requests in flight finish (or time out). */
  signal?: AbortSignal;
  /** `Connection: close` on every request: a new TCP connection each time, as many senders do. */
  connectionClose?: boolean;
  /**
   * What to send. Default: live traffic for `organizations` (near-now times) seeded by `seed`, which
   * defaults to the clock so repeated runs never resend the same event ids (the ingest would dedupe them).
   */
  events?: Iterable<EventBridgeEnvelope> | AsyncIterable<EventBridgeEnvelope>;
  organizations?: readonly OrganizationProfile[];
  seed?: number;
  /** Attempts per event, first one included (EventBridge makes up to 185 over 24 h). Default 4. */
  maxAttempts?: number;
  /** Cap on one wait between attempts, Retry-After included. Default 30 s. */
  maxRetryDelayMs?: number;
  /** Per-request timeout. Default 10 s. */
  requestTimeoutMs?: number;
  /** Called after each attempt. */
  onAttempt?: (attempt: PostAttempt) => void;
}

export interface PostAttempt {
  envelope: EventBridgeEnvelope;
  /** HTTP status, or `error` for a network failure or timeout. */
  status: number | 'error';
  attempt: number;
  latencyMs: number;
  error?: unknown;
}

export interface PostEventsResult {
  /** Events taken from the source and attempted. */
  sent: number;
  /** Events finally answered 2xx. */
  ok: number;
  /** Events given up on (non-retryable status, or out of attempts). */
  failed: number;
  retries: number;
  /** Every response by status (`error` for network failures), retries included. */
  statusCounts: Record<string, number>;
  elapsedMs: number;
  /** Request latency over all attempts (a reservoir sample). */
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

const SAMPLE_SIZE = 20_000;

/**
 * POSTs SES events to the ingest like an EventBridge API destination: one envelope per request, JSON
 * body, `x-api-key`, retries of 429/5xx (and 401/407/409, network errors) honouring Retry-After.
 */
export async function postEvents(options: PostEventsOptions): Promise<PostEventsResult> {
  if (options.count === undefined && options.durationMs === undefined && !options.signal && !options.events) {
    throw new Error('postEvents: give count, durationMs, signal or a finite events source');
  }
  const started = performance.now();
  const deadline = options.durationMs === undefined ? Number.POSITIVE_INFINITY : started + options.durationMs;
  const pacer = new Pacer(
    options.rate,
    Math.max(1, Math.min(options.concurrency ?? 8, Math.ceil(options.rate / 50))),
  );
  const source = sourceOf(options);
  const jitter = new Random(options.seed ?? clockSeed());
  const result: PostEventsResult = {
    sent: 0,
    ok: 0,
    failed: 0,
    retries: 0,
    statusCounts: {},
    elapsedMs: 0,
    latencyMs: { p50: 0, p95: 0, p99: 0, max: 0 },
  };
  const samples: number[] = [];
  let observed = 0;
  const record = (attempt: PostAttempt) => {
    const key = String(attempt.status);
    result.statusCounts[key] = (result.statusCounts[key] ?? 0) + 1;
    observed++;
    if (samples.length < SAMPLE_SIZE) samples.push(attempt.latencyMs);
    else {
      const slot = jitter.int(observed);
      if (slot < SAMPLE_SIZE) samples[slot] = attempt.latencyMs;
    }
    options.onAttempt?.(attempt);
  };
  const stopped = () =>
    options.signal?.aborted === true ||
    performance.now() >= deadline ||
    (options.count !== undefined && result.sent >= options.count);

  const worker = async () => {
    while (!stopped()) {
      try {
        await pacer.take(options.signal);
      } catch {
        return; // aborted while waiting for a token
      }
      if (stopped()) return;
      const next = await source.next();
      if (next.done) return;
      result.sent++;
      const delivered = await deliver(next.value, options, pacer, jitter, record, (retry) => {
        if (retry) result.retries++;
      });
      if (delivered) result.ok++;
      else result.failed++;
    }
  };
  const workers = Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker);
  await Promise.all(workers);
  result.elapsedMs = performance.now() - started;
  result.latencyMs = percentiles(samples);
  return result;
}

async function deliver(
  envelope: EventBridgeEnvelope,
  options: PostEventsOptions,
  pacer: Pacer,
  jitter: Random,
  record: (attempt: PostAttempt) => void,
  onTry: (retry: boolean) => void,
): Promise<boolean> {
  const body = JSON.stringify(envelope);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-api-key': options.apiKey,
  };
  if (options.connectionClose) headers.connection = 'close';
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  for (let attempt = 1; ; attempt++) {
    onTry(attempt > 1);
    const began = performance.now();
    let status: number | 'error' = 'error';
    let retryAfter: string | null = null;
    let error: unknown;
    try {
      const signal = AbortSignal.timeout(options.requestTimeoutMs ?? 10_000);
      const response = await fetch(options.url, { method: 'POST', headers, body, signal });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      await response.arrayBuffer(); // drain, so the connection can be reused
    } catch (caught) {
      error = caught;
    }
    const latencyMs = performance.now() - began;
    record(
      error === undefined
        ? { envelope, status, attempt, latencyMs }
        : { envelope, status, attempt, latencyMs, error },
    );
    if (typeof status === 'number' && status >= 200 && status < 300) return true;
    if (options.signal?.aborted || attempt >= maxAttempts || !shouldRetry(status)) return false;
    const wait = retryDelayMs(retryAfter, attempt, options.maxRetryDelayMs ?? 30_000, jitter);
    try {
      await sleep(wait, undefined, options.signal ? { signal: options.signal } : undefined);
      // A retry is a request like any other: it waits for a token so the rate holds.
      await pacer.take(options.signal);
    } catch {
      return false;
    }
  }
}

function sourceOf(
  options: PostEventsOptions,
): AsyncIterator<EventBridgeEnvelope> | Iterator<EventBridgeEnvelope> {
  if (!options.events) {
    const live = new LiveEventSource({
      ...(options.organizations ? { organizations: options.organizations } : {}),
      seed: options.seed ?? clockSeed(),
    });
    return live;
  }
  const events = options.events;
  return Symbol.asyncIterator in events ? events[Symbol.asyncIterator]() : events[Symbol.iterator]();
}

function percentiles(samples: number[]): PostEventsResult['latencyMs'] {
  if (samples.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

/** A seed that differs between runs (the generator itself stays deterministic for a given seed). */
export function clockSeed(): number {
  return (Date.now() ^ (process.pid << 16)) >>> 0;
}
