import type { ReportFilter } from '../report-filter.ts';

export type BucketSize = 'hour' | 'day';

/** Ranges up to two days are charted by hour, longer ones by day (both in the viewer's timezone). */
export function bucketSizeOf(filter: ReportFilter): BucketSize {
  return filter.to.getTime() - filter.from.getTime() <= 48 * 3600_000 ? 'hour' : 'day';
}

/** SQL for the bucket start of `event_time` as Unix milliseconds; needs the `timezone` parameter. */
export function bucketSql(size: BucketSize): string {
  const start = size === 'hour' ? 'toStartOfHour' : 'toStartOfDay';
  return `toUnixTimestamp(${start}(toDateTime(event_time), {timezone:String})) * 1000`;
}
