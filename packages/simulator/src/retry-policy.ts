import type { Random } from './random.ts';

/**
 * EventBridge API destinations retry 401, 407, 409, 429 and 5xx answers (and timeouts / network errors);
 * any other 4xx is final. We do the same so the ingest sees what production traffic does.
 */
export function shouldRetry(status: number | 'error'): boolean {
  if (status === 'error') return true;
  return (
    status === 401 || status === 407 || status === 409 || status === 429 || (status >= 500 && status < 600)
  );
}

/**
 * Wait before attempt `attempt + 1`: the server's Retry-After (seconds or HTTP date) when it sent one,
 * else exponential backoff with full jitter from 100 ms; never more than `maxMs`.
 */
export function retryDelayMs(
  retryAfter: string | null,
  attempt: number,
  maxMs: number,
  random: Random,
): number {
  const fromHeader = parseRetryAfter(retryAfter);
  if (fromHeader !== undefined) return Math.min(maxMs, fromHeader);
  return Math.min(maxMs, random.next() * 100 * 2 ** attempt);
}

export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
