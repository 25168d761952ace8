import { toClickhouseTime } from './event-row.ts';

/** ClickHouse DateTime64(3) text as `toClickhouseTime` writes it. */
const CLICKHOUSE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,3})?$/;

/**
 * ClickHouse time for an optional, unvalidated SES timestamp (e.g. `deliveryDelay.expirationTime`):
 * '' when absent or unparsable instead of throwing like `toClickhouseTime` does.
 */
export function clickhouseTimeOrEmpty(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? '' : toClickhouseTime(millis);
}

/**
 * Accepts either an ISO 8601 time or text already in ClickHouse format. The latter is passed
 * through: `new Date('2024-01-01 00:00:00')` would read it as local time, not UTC.
 */
export function asClickhouseTime(value: string): string {
  return CLICKHOUSE_TIME.test(value) ? value : toClickhouseTime(value);
}
