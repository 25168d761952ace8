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
  const [total, buckets] = await Promise.all([
    queryEvents<Omit<Row, 'bucket'>>(
      store,
      (table) => `SELECT ${SELECT} FROM ${table} WHERE ${where}`,
      scope.params,
    ),
    queryEvents<Row>(
      store,
      (table) => `SELECT toString(${bucketSql(bucketSize)}) AS bucket, ${SELECT}
        FROM ${table} WHERE ${where} GROUP BY bucket ORDER BY bucket`,
      scope.params,
    ),
  ]);
  return {
    totals: figuresOf(total[0] ?? { deliveries: '0', q: [] }),
    bucketSize,
    trend: buckets
      .map((row) => ({ start: new Date(Number(row.bucket)).toISOString(), ...figuresOf(row) }))
      .sort((a, b) => a.start.localeCompare(b.start)),
  };
}

function figuresOf(row: Omit<Row, 'bucket'>): LatencyFigures {
  const deliveries = Number(row.deliveries);
  const at = (i: number) => (deliveries > 0 ? Number(row.q[i]) : null);
  return { deliveries, p50: at(0), p95: at(1), p99: at(2) };
}
