// Figures as the API rounds them (rates: 2 decimals, complaint rates: 3); the page never re-rounds.
import type { BucketSize } from '../../../lib/api/reports-deliverability.ts';

export const EMPTY = '—';

export function pctText(value: number | null, digits = 2): string {
  return value === null ? EMPTY : `${value.toFixed(digits)}%`;
}

export function countText(value: number): string {
  return value.toLocaleString('en-US');
}

export function msText(value: number | null): string {
  if (value === null) return EMPTY;
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toLocaleString('en-US')} ms`;
}

/** `+0.40pp` / `-0.05pp`; null (no prior period) → nothing to show. */
export function deltaText(value: number | null, digits = 2): string | null {
  if (value === null) return null;
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(digits)}pp`;
}

/** Bucket label in the viewer's time zone: `Nov 3` for days, `Nov 3, 14:00` for hours. */
export function bucketLabel(start: string, size: BucketSize, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions =
    size === 'day'
      ? { timeZone, month: 'short', day: 'numeric' }
      : { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  return new Intl.DateTimeFormat('en-US', options).format(new Date(start));
}
