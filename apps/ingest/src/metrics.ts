import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export type EventOutcome = 'accepted' | 'duplicate' | 'dropped_unmanaged' | 'rejected';

/**
 * Per-event counts of the request path, kept as plain numbers and added to their Prometheus counters
 * when scraped (`collect`): a prom-client `inc()` hashes its labels and costs far more than `n++`.
 */
export interface HotCounts {
  received: number;
  accepted: number;
  duplicate: number;
  dropped_unmanaged: number;
  rowsAccepted: number;
}

/** The ingest's Prometheus metrics: names are an operator contract (README "Operations"), keep them stable. */
export function createIngestMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sendops_ingest_process_' });
  const registers = [registry];
  const hot: HotCounts = { received: 0, accepted: 0, duplicate: 0, dropped_unmanaged: 0, rowsAccepted: 0 };
  return {
    registry,
    hot,
    received: new Counter({
      name: 'sendops_ingest_received_total',
      help: 'Requests received on POST /ingest/eventbridge',
      registers,
      collect() {
        if (hot.received > 0) this.inc(hot.received);
        hot.received = 0;
      },
    }),
    events: new Counter({
      name: 'sendops_ingest_events_total',
      help: 'EventBridge events by outcome',
      labelNames: ['outcome'] as const,
      registers,
      collect() {
        for (const outcome of ['accepted', 'duplicate', 'dropped_unmanaged'] as const) {
          if (hot[outcome] > 0) this.inc({ outcome }, hot[outcome]);
          hot[outcome] = 0;
        }
      },
    }),
    rejected: new Counter({
      name: 'sendops_ingest_rejected_total',
      help: 'Requests refused, by reason (error code)',
      labelNames: ['reason'] as const,
      registers,
    }),
    rowsAccepted: new Counter({
      name: 'sendops_ingest_rows_accepted_total',
      help: 'Event rows (one per recipient) made durable in the spool',
      registers,
      collect() {
        if (hot.rowsAccepted > 0) this.inc(hot.rowsAccepted);
        hot.rowsAccepted = 0;
      },
    }),
    rowsWritten: new Counter({
      name: 'sendops_ingest_rows_written_total',
      help: 'Event rows written to ClickHouse',
      registers,
    }),
    bufferBytes: new Gauge({
      name: 'sendops_ingest_buffer_bytes',
      help: 'Bytes spooled and not yet written to ClickHouse',
      registers,
    }),
    pendingSegments: new Gauge({
      name: 'sendops_ingest_buffer_segments',
      help: 'Closed spool segments waiting to be written to ClickHouse',
      registers,
    }),
    batchRows: new Histogram({
      name: 'sendops_ingest_batch_rows',
      help: 'Rows per ClickHouse insert',
      buckets: [1, 10, 100, 1_000, 5_000, 10_000, 20_000, 50_000],
      registers,
    }),
    flushSeconds: new Histogram({
      name: 'sendops_ingest_flush_seconds',
      help: 'Time to write one spool segment to ClickHouse',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    ackSeconds: new Histogram({
      name: 'sendops_ingest_ack_seconds',
      help: 'Time from request to acknowledgement (durable in the spool)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    quarantined: new Counter({
      name: 'sendops_ingest_quarantined_records_total',
      help: 'Acknowledged records ClickHouse refused for their content, kept in the spool quarantine directory',
      registers,
    }),
    partitionsCompacted: new Counter({
      name: 'sendops_ingest_partitions_compacted_total',
      help: 'Settled days of ses_events merged into a single part (so FINAL reads them without merging)',
      registers,
    }),
    storeErrors: new Counter({
      name: 'sendops_ingest_store_errors_total',
      help: 'Failed store operations, by store',
      labelNames: ['store'] as const,
      registers,
    }),
  };
}

export type IngestMetrics = ReturnType<typeof createIngestMetrics>;
