import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { bufferFull, shuttingDown } from '../errors.ts';
import { encodeRecord, rowCount, type SpoolRecord } from './segment-format.ts';

export interface SpoolOptions {
  dir: string;
  /** fdatasync before acknowledging. */
  fsync: boolean;
  /** Bytes of spooled, not yet loaded data beyond which appends are refused. */
  maxBacklogBytes: number;
  /** Close the current segment once it holds this many rows... */
  rotateRows: number;
  /** ...or once its oldest record is this old. */
  rotateAgeMs: number;
  /** Called with every segment that is closed and ready to be loaded into ClickHouse. */
  onSegmentClosed: (segment: ClosedSegment) => void;
  onWriteError?: (error: unknown) => void;
}

export interface ClosedSegment {
  name: string;
  file: string;
  bytes: number;
}

interface Pending {
  buffer: Buffer;
  rows: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const SEGMENT_SUFFIX = '.seg';

/**
 * Append-only local log that makes an event durable before it is acknowledged. Appends are group
 * committed: every request waiting while one write + fdatasync runs goes out in the next single write,
 * so the disk sees one sync per batch, not per event. Closed segments are loaded into ClickHouse in
 * large batches off the request path and deleted once stored.
 */
export class Spool {
  private readonly options: SpoolOptions;
  private handle: FileHandle | undefined;
  private current: ClosedSegment | undefined;
  private currentRows = 0;
  /** When the current segment received its first record (0: still empty). */
  private currentFirstWriteAt = 0;
  private queue: Pending[] = [];
  private writing = false;
  private rotateRequested = false;
  private closed = false;
  private backlog = 0;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};
  private timer: NodeJS.Timeout | undefined;

  constructor(options: SpoolOptions) {
    this.options = options;
  }

  /** Opens a fresh segment and returns the segments left by an earlier run (to be loaded first). */
  async open(): Promise<ClosedSegment[]> {
    await mkdir(this.options.dir, { recursive: true });
    const leftovers: ClosedSegment[] = [];
    for (const name of (await readdir(this.options.dir)).filter((n) => n.endsWith(SEGMENT_SUFFIX)).sort()) {
      const file = path.join(this.options.dir, name);
      const { size } = await stat(file);
      if (size === 0) {
        await unlink(file);
        continue;
      }
      leftovers.push({ name, file, bytes: size });
      this.backlog += size;
    }
    await this.openSegment();
    this.timer = setInterval(
      () => this.rotateIfOld(),
      Math.max(50, Math.floor(this.options.rotateAgeMs / 4)),
    );
    this.timer.unref();
    return leftovers;
  }

  get backlogBytes(): number {
    return this.backlog;
  }

  /** Resolves once the record is on disk (and synced, unless fsync is off). */
  append(record: SpoolRecord): Promise<void> {
    if (this.closed) return Promise.reject(shuttingDown());
    const buffer = encodeRecord(record);
    if (this.backlog + buffer.length > this.options.maxBacklogBytes) return Promise.reject(bufferFull());
    this.backlog += buffer.length;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ buffer, rows: rowCount(record), resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  /** A loaded segment's space is released and its file removed. */
  async release(segment: ClosedSegment): Promise<void> {
    await unlink(segment.file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    this.backlog = Math.max(0, this.backlog - segment.bytes);
  }

  /** Stops accepting appends, flushes what is queued and closes the current segment. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.rotateRequested = true;
    if (!this.writing) void this.drain();
    await this.idle;
  }

  private rotateIfOld(): void {
    if (this.currentRows > 0 && Date.now() - this.currentFirstWriteAt >= this.options.rotateAgeMs) {
      this.rotateRequested = true;
      if (!this.writing) void this.drain();
    }
  }

  private async drain(): Promise<void> {
    this.writing = true;
    this.idle = new Promise((resolve) => {
      this.markIdle = resolve;
    });
    try {
      while (this.queue.length > 0 || this.rotateRequested) {
        if (this.queue.length > 0) await this.writeBatch(this.queue.splice(0));
        if (this.rotateRequested) await this.rotate();
      }
    } finally {
      this.writing = false;
      this.markIdle();
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    const bytes = Buffer.concat(batch.map((p) => p.buffer));
    try {
      await this.handle!.write(bytes);
      if (this.options.fsync) await this.handle!.datasync();
      this.current!.bytes += bytes.length;
      if (this.currentFirstWriteAt === 0) this.currentFirstWriteAt = Date.now();
      for (const pending of batch) this.currentRows += pending.rows;
      if (this.currentRows >= this.options.rotateRows) this.rotateRequested = true;
      for (const pending of batch) pending.resolve();
    } catch (error) {
      this.backlog -= bytes.length;
      this.options.onWriteError?.(error);
      for (const pending of batch) pending.reject(error);
      // A partial write may have left half a line: never append after it.
      this.rotateRequested = true;
    }
  }

  private async rotate(): Promise<void> {
    this.rotateRequested = false;
    // Already closed for good (close() raced with a rotation that did not reopen).
    if (!this.handle) return;
    const segment = this.current!;
    const hadRows = this.currentRows > 0;
    await this.handle!.close().catch(() => {});
    this.handle = undefined;
    if (hadRows && segment.bytes > 0) this.options.onSegmentClosed(segment);
    else await unlink(segment.file).catch(() => {});
    if (!this.closed) await this.openSegment();
  }

  private async openSegment(): Promise<void> {
    // Time-ordered and unique forever, so a segment name never repeats in a dedupe token.
    const name = `${Date.now().toString().padStart(15, '0')}-${randomBytes(4).toString('hex')}${SEGMENT_SUFFIX}`;
    const file = path.join(this.options.dir, name);
    this.handle = await open(file, 'a');
    this.current = { name, file, bytes: 0 };
    this.currentRows = 0;
    this.currentFirstWriteAt = 0;
  }
}
