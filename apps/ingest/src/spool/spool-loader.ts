import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type AnalyticsStore, insertJsonEachRow } from '@sendops/analytics';
import type { Logger } from 'pino';
import type { IngestMetrics } from '../metrics.ts';
import { isPermanentDataError } from './data-errors.ts';
import { type PreparedSegment, prepareSegment, prepareWritten, readRecords } from './segment-format.ts';
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
 * While ClickHouse is down it retries with backoff and the segments wait on disk. The segment's bytes
 * are already JSONEachRow rows: they go to ClickHouse as they are (see `prepareSegment`), so loading
 * costs the event loop a checksum pass, not a parse and a re-serialization of every row.
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
    // Segments still in memory are loaded without reading them back, but only the next few keep their
    // bytes: while ClickHouse is slow or down the backlog waits on disk, not in memory.
    for (let i = IN_MEMORY_SEGMENTS; i < this.queue.length; i++) {
      const queued = this.queue[i]!;
      queued.written?.release();
      queued.written = undefined;
    }
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
        // Its inserts are done: the in-memory image may be reused.
        segment.written?.release();
        segment.written = undefined;
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

  private async readSegment(segment: ClosedSegment): Promise<PreparedSegment> {
    const { written } = segment;
    if (written) {
      written.prepared ??= prepareWritten(
        written.content,
        written.starts,
        written.rows,
        this.options.batchMaxRows,
      );
      return written.prepared;
    }
    const prepared = prepareSegment(await readFile(segment.file), this.options.batchMaxRows);
    if (prepared.corruptLines > 0) {
      // Only a torn, never-acknowledged tail write can fail its checksum.
      this.options.log.warn(
        { segment: segment.name, corruptLines: prepared.corruptLines },
        'skipped unacknowledged torn spool records',
      );
    }
    return prepared;
  }

  private async load(segment: ClosedSegment): Promise<void> {
    await this.insert(await this.readSegment(segment), segment.name);
  }

  /**
   * A batch ClickHouse refused for its content: store every record that can be stored, and move the
   * ones it refuses to `quarantine/` beside the spool (kept, counted, logged) so the spool moves on.
   */
  private async loadRecordByRecord(segment: ClosedSegment, cause: unknown): Promise<void> {
    const { records } = readRecords(await readFile(segment.file));
    const quarantineDir = path.join(path.dirname(segment.file), 'quarantine');
    let quarantined = 0;
    for (const [index, record] of records.entries()) {
      const line = Buffer.concat([record.line, NEWLINE]);
      try {
        // prepareSegment rewrites its input: give it a copy, keep `line` as it was for the quarantine.
        await this.insert(prepareSegment(Buffer.from(line), 1), `${segment.name}:r${index}`);
      } catch (error) {
        if (!isPermanentDataError(error)) throw error;
        await mkdir(quarantineDir, { recursive: true });
        await appendFile(path.join(quarantineDir, segment.name), line);
        quarantined++;
      }
    }
    this.options.metrics.quarantined.inc(quarantined);
    this.options.log.error(
      { err: cause, segment: segment.name, quarantined, quarantineDir },
      'ClickHouse refused records; they were moved to the quarantine directory',
    );
  }

  private async insert(segment: PreparedSegment, tokenBase: string): Promise<void> {
    const { metrics, store, nodeId } = this.options;
    const started = performance.now();
    for (const [i, batch] of segment.events.entries()) {
      await insertJsonEachRow(store, 'ses_events', batch.body, {
        dedupeToken: `${nodeId}:${tokenBase}:events:${i}`,
      });
      metrics.batchRows.observe(batch.rows);
      metrics.rowsWritten.inc(batch.rows);
    }
    if (segment.account)
      await insertJsonEachRow(store, 'ses_account_events', segment.account.body, {
        dedupeToken: `${nodeId}:${tokenBase}:account`,
      });
    if (segment.dead)
      await insertJsonEachRow(store, 'ingest_dead_letters', segment.dead.body, {
        dedupeToken: `${nodeId}:${tokenBase}:dead`,
      });
    metrics.flushSeconds.observe((performance.now() - started) / 1000);
  }
}

const NEWLINE = Buffer.from('\n');
/** Queued segments (counting the one loading) that keep their bytes in memory. */
const IN_MEMORY_SEGMENTS = 2;
