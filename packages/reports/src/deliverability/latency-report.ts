import type { AnalyticsStore } from '@sendops/analytics';
import type { ReportFilter } from '../report-filter.ts';
import { queryEvents, scopeSql } from './report-scope.ts';
import { type BucketSize, bucketSizeOf, bucketSql } from './time-buckets.ts';

export interface LatencyFigures {
  /** Delivery events measured (their `processingTimeMillis`). */
  deliveries: number;
  /**
   * Percentiles in milliseconds, null without deliveries. Pp = the value at 0-based position
   * ⌊p·n⌋ (capped at n − 1) of the n sorted processing times (ClickHouse `quantileExact`).
   */
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface LatencyBucket extends LatencyFigures {
  /** Bucket start in the filter's timezone, as an ISO 8601 UTC instant. */
  start: string;
}

export interface LatencyReport {
  totals: LatencyFigures;
  bucketSize: BucketSize;
  /** Buckets with at least one delivery, oldest first. */
  trend: LatencyBucket[];
}

interface Row {
  bucket: string;
  deliveries: string;
  q: number[];
}

const SELECT = `toUInt64(count()) AS deliveries, quantilesExact(0.5, 0.95, 0.99)(processing_time_ms) AS q`;

/** Delivery processing time (SES accepting → recipient server accepting) percentiles, overall and by bucket. */
export async function latencyReport(store: AnalyticsStore, filter: ReportFilter): Promise<LatencyReport> {
  const scope = scopeSql(filter);
  const bucketSize = bucketSizeOf(filter);
  const where = `${scope.where} AND event_type = 'Delivery'`;
  // One read of the deliveries for both the totals and the trend: each grouping set keeps its own
  // values, so the percentiles stay exact.
  const rows = await queryEvents<Row & { total: number }>(
    store,
    (table) => `SELECT grouping(bucket) AS total, toString(${bucketSql(bucketSize)}) AS bucket, ${SELECT}
      FROM ${table} WHERE ${where} GROUP BY GROUPING SETS ((), (bucket))`,
    scope.params,
  );
  const total = rows.find((row) => Number(row.total) === 1);
  return {
    totals: figuresOf(total && Number(total.deliveries) > 0 ? total : { deliveries: '0', q: [] }),
    bucketSize,
    trend: rows
      .filter((row) => Number(row.total) === 0)
      .map((row) => ({ start: new Date(Number(row.bucket)).toISOString(), ...figuresOf(row) }))
      .sort((a, b) => a.start.localeCompare(b.start)),
  };
}

function figuresOf(row: Omit<Row, 'bucket'>): LatencyFigures {
  const deliveries = Number(row.deliveries);
  const at = (i: number) => (deliveries > 0 ? Number(row.q[i]) : null);
  return { deliveries, p50: at(0), p95: at(1), p99: at(2) };
}
