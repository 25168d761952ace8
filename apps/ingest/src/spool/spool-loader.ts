import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type AnalyticsStore,
  insertAccountEventRows,
  insertDeadLetterRows,
  insertEventRows,
} from '@sendops/analytics';
import type { AccountEventRow, DeadLetterRow, EventRow } from '@sendops/ses-events';
import type { Logger } from 'pino';
import type { IngestMetrics } from '../metrics.ts';
import { isPermanentDataError } from './data-errors.ts';
import { decodeSegment, encodeRecord, type SpoolRecord } from './segment-format.ts';
import type { ClosedSegment, Spool } from './spool.ts';

export interface SpoolLoaderOptions {
  store: AnalyticsStore;
  spool: Spool;
  metrics: IngestMetrics;
  log: Logger;
  /** Unique per spool directory: makes dedupe tokens unique across ingest nodes. */
  nodeId: string;
  batchMaxRows: number;
  /** Longest wait between retries while ClickHouse is unavailable. */
  maxBackoffMs?: number;
}

/**
 * Loads closed spool segments into ClickHouse, oldest first, one at a time. Each insert carries a
 * token derived from the segment name and chunk, so a segment reloaded after a crash adds nothing.
 * While ClickHouse is down it retries with backoff and the segments wait on disk.
 */
export class SpoolLoader {
  private readonly options: SpoolLoaderOptions;
  private readonly queue: ClosedSegment[] = [];
  private running = false;
  private stopped = false;
  private failures = 0;
  private wake: (() => void) | undefined;
  private drained: (() => void)[] = [];
  /** False after a failed insert, true again after the next success. */
  healthy = true;

  constructor(options: SpoolLoaderOptions) {
    this.options = options;
  }

  enqueue(segment: ClosedSegment): void {
    this.queue.push(segment);
    this.options.metrics.pendingSegments.set(this.queue.length);
    if (!this.running) void this.run();
  }

  get pendingSegments(): number {
    return this.queue.length;
  }

  /** Resolves when every queued segment is stored (or the timeout passes: they stay on disk). */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.queue.length === 0 && !this.running) return true;
    this.wake?.();
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.drained.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0 && !this.stopped) {
      const segment = this.queue[0]!;
      try {
        try {
          await this.load(segment);
        } catch (error) {
          if (!isPermanentDataError(error)) throw error;
          await this.loadRecordByRecord(segment, error);
        }
        await this.options.spool.release(segment);
        this.queue.shift();
        this.options.metrics.pendingSegments.set(this.queue.length);
        if (!this.healthy) this.options.log.info('ClickHouse writes recovered');
        this.healthy = true;
        this.failures = 0;
      } catch (error) {
        this.healthy = false;
        this.failures++;
        this.options.metrics.storeErrors.inc({ store: 'clickhouse' });
        const delay = Math.min(this.options.maxBackoffMs ?? 10_000, 100 * 2 ** Math.min(this.failures, 10));
        this.options.log.warn(
          { err: error, segment: segment.name, retryInMs: delay },
          'loading spool segment failed',
        );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
    this.running = false;
    if (this.queue.length === 0) for (const done of this.drained.splice(0)) done();
  }

  private async readSegment(segment: ClosedSegment): Promise<SpoolRecord[]> {
    const { records, corruptLines } = decodeSegment(await readFile(segment.file));
    if (corruptLines > 0) {
      // Only a torn, never-acknowledged tail write can fail its checksum.
      this.options.log.warn(
        { segment: segment.name, corruptLines },
        'skipped unacknowledged torn spool records',
      );
    }
    return records;
  }

  private async load(segment: ClosedSegment): Promise<void> {
    await this.insertRecords(await this.readSegment(segment), segment.name);
  }

  /**
   * A batch ClickHouse refused for its content: store every record that can be stored, and move the
   * ones it refuses to `quarantine/` beside the spool (kept, counted, logged) so the spool moves on.
   */
  private async loadRecordByRecord(segment: ClosedSegment, cause: unknown): Promise<void> {
    const records = await this.readSegment(segment);
    const quarantineDir = path.join(path.dirname(segment.file), 'quarantine');
    let quarantined = 0;
    for (const [index, record] of records.entries()) {
      try {
        await this.insertRecords([record], `${segment.name}:r${index}`);
      } catch (error) {
        if (!isPermanentDataError(error)) throw error;
        await mkdir(quarantineDir, { recursive: true });
        await appendFile(path.join(quarantineDir, segment.name), encodeRecord(record));
        quarantined++;
      }
    }
    this.options.metrics.quarantined.inc(quarantined);
    this.options.log.error(
      { err: cause, segment: segment.name, quarantined, quarantineDir },
      'ClickHouse refused records; they were moved to the quarantine directory',
    );
  }

  private async insertRecords(records: SpoolRecord[], tokenBase: string): Promise<void> {
    const { metrics, store, batchMaxRows, nodeId } = this.options;
    const events: EventRow[] = [];
    const account: AccountEventRow[] = [];
    const dead: DeadLetterRow[] = [];
    for (const record of records) {
      if (record.t === 'events') for (const row of record.rows) events.push({ ...row, raw: record.raw });
      else if (record.t === 'account') account.push(record.row);
      else dead.push(record.row);
    }
    const started = performance.now();
    for (let i = 0; i * batchMaxRows < events.length; i++) {
      const chunk = events.slice(i * batchMaxRows, (i + 1) * batchMaxRows);
      await insertEventRows(store, chunk, { dedupeToken: `${nodeId}:${tokenBase}:events:${i}` });
      metrics.batchRows.observe(chunk.length);
      metrics.rowsWritten.inc(chunk.length);
    }
    await insertAccountEventRows(store, account, { dedupeToken: `${nodeId}:${tokenBase}:account` });
    await insertDeadLetterRows(store, dead, { dedupeToken: `${nodeId}:${tokenBase}:dead` });
    metrics.flushSeconds.observe((performance.now() - started) / 1000);
  }
}
