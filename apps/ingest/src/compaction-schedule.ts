import { type AnalyticsStore, compactSettledPartitions } from '@sendops/analytics';
import { type PeriodicJob, startPeriodicJob } from '@sendops/config';
import type { Logger } from 'pino';
import type { IngestMetrics } from './metrics.ts';

/**
 * Runs compactSettledPartitions every `intervalMs`, starting one interval after start, never two at
 * once. The ingest runs it because it is ClickHouse's writer; a failed run is logged and retried at the
 * next tick (nothing depends on it but query speed). Several ingest replicas may each run it: a day
 * already merged is skipped.
 */
export function scheduleCompaction(options: {
  store: AnalyticsStore;
  intervalMs: number;
  metrics: IngestMetrics;
  log: Logger;
}): PeriodicJob {
  const { store, intervalMs, metrics, log } = options;
  if (intervalMs <= 0) return { stop: async () => {} };
  return startPeriodicJob({
    intervalMs,
    firstRun: 'after-one-interval',
    run: async () => {
      const started = performance.now();
      const compacted = await compactSettledPartitions(store);
      if (compacted.length === 0) return;
      metrics.partitionsCompacted.inc(compacted.length);
      log.info(
        { partitions: compacted.map((p) => p.partition), ms: Math.round(performance.now() - started) },
        'merged settled days of ses_events',
      );
    },
    onError: (error) => {
      metrics.storeErrors.inc({ store: 'clickhouse' });
      log.warn({ err: error }, 'merging settled days of ses_events failed; retrying at the next interval');
    },
  });
}
