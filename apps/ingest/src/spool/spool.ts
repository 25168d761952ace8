import { randomBytes } from 'node:crypto';
import { close as closeFd, constants, open as openFd, writev } from 'node:fs';
import { mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { bufferFull, shuttingDown } from '../errors.ts';
import {
  type EncodedRecord,
  encodeLine,
  encodeRecord,
  type PreparedSegment,
  rowCount,
  type SpoolRecord,
} from './segment-format.ts';

const openAsync = promisify(openFd);
const closeAsync = promisify(closeFd);

export interface SpoolOptions {
  dir: string;
  /** Sync every write before acknowledging (O_DSYNC: the write returns once its data is on disk). */
  fsync: boolean;
  /** Bytes of spooled, not yet loaded data beyond which appends are refused. */
  maxBacklogBytes: number;
  /** Close the current segment once it holds this many rows... */
  rotateRows: number;
  /** ...or once its oldest record is this old. */
  rotateAgeMs: number;
  /**
   * Shortest time between the starts of two group commits (default 2 ms). Each commit costs a thread-pool
   * round trip and a disk sync whatever its size, so under load spacing them out makes the batches
   * bigger; an idle spool commits a lone append at once (after the current event-loop turn).
   */
  commitIntervalMs?: number;
  /** Bytes of each in-memory segment image handed to the loader (default 32 MiB; 0: always read files). */
  memoryImageBytes?: number;
  /** Called with every segment that is closed and ready to be loaded into ClickHouse. */
  onSegmentClosed: (segment: ClosedSegment) => void;
  onWriteError?: (error: unknown) => void;
}

export interface ClosedSegment {
  name: string;
  file: string;
  bytes: number;
  /** The segment's bytes while they are still in memory (see `SegmentInMemory`). */
  written?: SegmentInMemory | undefined;
}

/**
 * A closed segment this process wrote without a write error, still in memory: `content` is exactly the
 * file's bytes, `starts` the offset of each record's line and `rows` its rows. The loader prepares it
 * in place instead of reading the file back, and calls `release` once its inserts are done (or when it
 * decides to read the file instead), which lends the buffer to a later segment.
 */
export interface SegmentInMemory {
  content: Buffer;
  starts: number[];
  rows: number[];
  /** Set by the loader: `content` is prepared in place once, a retry reuses it. */
  prepared?: PreparedSegment;
  release(): void;
}

interface Pending {
  buffer: Buffer;
  rows: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const SEGMENT_SUFFIX = '.seg';
export const DEFAULT_COMMIT_INTERVAL_MS = 2;
/** Size of each buffer that keeps a segment in memory for the loader (the segment filling, two queued). */
export const DEFAULT_MEMORY_IMAGE_BYTES = 32 * 1024 * 1024;
const MAX_ARENAS = 3;

/**
 * Append-only local log that makes an event durable before it is acknowledged. Appends are group
 * committed: the appends of one event-loop turn, and every one arriving while a commit runs or during
 * the commit interval, go out in one `writev` on a file opened with O_DSYNC, so the disk sees one sync
 * per batch, not per event, and the event loop one thread-pool round trip. Closed segments are loaded
 * into ClickHouse in large batches off the request path and deleted once stored.
 */
export class Spool {
  private readonly options: SpoolOptions;
  private readonly commitIntervalMs: number;
  private fd = -1;
  private current: ClosedSegment | undefined;
  private currentRows = 0;
  /** When the current segment received its first record (0: still empty). */
  private currentFirstWriteAt = 0;
  /**
   * A copy of the current segment for the loader, in a buffer reused from segment to segment (a fresh
   * one per segment would be faulted in each time and churn the GC's external-memory accounting, and
   * holding each record's own Buffer until the segment is loaded would promote them all to the old
   * generation). Undefined after a failed write, or when no buffer is free or the segment outgrows it:
   * the loader then reads the file.
   */
  private arena: Buffer | undefined;
  private arenaUsed = 0;
  private arenaStarts: number[] = [];
  private arenaRows: number[] = [];
  private readonly freeArenas: Buffer[] = [];
  private arenasCreated = 0;
  private queue: Pending[] = [];
  /** A commit is running or scheduled. */
  private busy = false;
  private lastCommitAt = Number.NEGATIVE_INFINITY;
  private rotateRequested = false;
  private closed = false;
  private backlog = 0;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};
  private timer: NodeJS.Timeout | undefined;
  private readonly commitNow = () => void this.commit();
  /** The file the next rotation switches to, created in advance. */
  private nextSegment: Promise<{ name: string; file: string; fd: number }> | undefined;

  constructor(options: SpoolOptions) {
    this.options = options;
    this.commitIntervalMs = options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS;
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
    return this.enqueue(encodeRecord(record), rowCount(record));
  }

  /** `append` for rows already encoded as JSONEachRow text. */
  appendEncoded(record: EncodedRecord): Promise<void> {
    if (this.closed) return Promise.reject(shuttingDown());
    return this.enqueue(encodeLine(record), record.rows);
  }

  private enqueue(buffer: Buffer, rows: number): Promise<void> {
    if (this.backlog + buffer.length > this.options.maxBacklogBytes) return Promise.reject(bufferFull());
    this.backlog += buffer.length;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ buffer, rows, resolve, reject });
      if (!this.busy) this.schedule();
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
    if (!this.busy) this.schedule();
    await this.idle;
    await this.discardNextSegment();
  }

  private rotateIfOld(): void {
    if (this.currentRows > 0 && Date.now() - this.currentFirstWriteAt >= this.options.rotateAgeMs) {
      this.rotateRequested = true;
      if (!this.busy) this.schedule();
    }
  }

  /** Starts the next commit once the interval since the last one has passed (never synchronously). */
  private schedule(): void {
    if (!this.busy) {
      this.busy = true;
      this.idle = new Promise((resolve) => {
        this.markIdle = resolve;
      });
    }
    const wait = this.lastCommitAt + this.commitIntervalMs - performance.now();
    if (wait >= 1 && !this.closed) setTimeout(this.commitNow, wait);
    else setImmediate(this.commitNow);
  }

  private async commit(): Promise<void> {
    try {
      if (this.queue.length > 0) {
        this.lastCommitAt = performance.now();
        await this.writeBatch(this.queue.splice(0));
      }
      if (this.rotateRequested) await this.rotate();
    } finally {
      if (this.queue.length > 0 || this.rotateRequested) this.schedule();
      else {
        this.busy = false;
        this.markIdle();
      }
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    let bytes = 0;
    for (const pending of batch) bytes += pending.buffer.length;
    let out: Buffer[];
    const arena = this.arena;
    if (arena !== undefined && this.arenaUsed + bytes <= arena.length) {
      // Copied into the segment's in-memory image first, and written from there in one piece.
      const from = this.arenaUsed;
      let at = from;
      for (const pending of batch) {
        this.arenaStarts.push(at);
        this.arenaRows.push(pending.rows);
        at += pending.buffer.copy(arena, at);
      }
      this.arenaUsed = at;
      out = [arena.subarray(from, at)];
    } else {
      if (arena !== undefined) this.dropArena();
      out = batch.map((p) => p.buffer);
    }
    try {
      const written = await writeAll(this.fd, out);
      if (written !== bytes) throw new Error(`short spool write: ${written} of ${bytes} bytes`);
      this.current!.bytes += bytes;
      if (this.currentFirstWriteAt === 0) this.currentFirstWriteAt = Date.now();
      for (const pending of batch) this.currentRows += pending.rows;
      if (this.currentRows >= this.options.rotateRows) this.rotateRequested = true;
      for (const pending of batch) pending.resolve();
    } catch (error) {
      this.backlog -= bytes;
      this.options.onWriteError?.(error);
      for (const pending of batch) pending.reject(error);
      // A partial write may have left half a line: never append after it, and let the loader read the
      // file (checksums skip the torn line) rather than trust what we meant to write.
      this.dropArena();
      this.rotateRequested = true;
    }
  }

  /** The current segment will be loaded from its file; its buffer goes back to the free list. */
  private dropArena(): void {
    if (this.arena !== undefined) this.freeArenas.push(this.arena);
    this.arena = undefined;
  }

  /** A buffer for the next segment's in-memory image, if one is free or may still be created. */
  private takeArena(): void {
    this.arena = this.freeArenas.pop();
    const size = this.options.memoryImageBytes ?? DEFAULT_MEMORY_IMAGE_BYTES;
    if (this.arena === undefined && size > 0 && this.arenasCreated < MAX_ARENAS) {
      this.arenasCreated++;
      this.arena = Buffer.allocUnsafeSlow(size);
    }
    this.arenaUsed = 0;
    this.arenaStarts = [];
    this.arenaRows = [];
  }

  private async rotate(): Promise<void> {
    this.rotateRequested = false;
    if (this.fd >= 0) {
      const segment = this.current!;
      const hadRows = this.currentRows > 0;
      // Everything written is already synced: closing need not hold up the next commit.
      void closeAsync(this.fd).catch(() => {});
      this.fd = -1;
      const arena = this.arena;
      if (hadRows && segment.bytes > 0 && arena !== undefined) {
        this.arena = undefined;
        const written: SegmentInMemory = {
          content: arena.subarray(0, this.arenaUsed),
          starts: this.arenaStarts,
          rows: this.arenaRows,
          release: () => {
            written.release = () => {};
            this.freeArenas.push(arena);
          },
        };
        this.options.onSegmentClosed({ ...segment, written });
      } else {
        this.dropArena();
        if (hadRows && segment.bytes > 0) this.options.onSegmentClosed(segment);
        else await unlink(segment.file).catch(() => {});
      }
    }
    if (this.closed) return;
    try {
      await this.openSegment();
    } catch (error) {
      // No segment to write to: the next batch fails (503, retried) and asks for another rotation.
      this.options.onWriteError?.(error);
    }
  }

  /** Makes the segment prepared in advance the current one, and starts preparing the one after it. */
  private async openSegment(): Promise<void> {
    const next = this.nextSegment ?? this.createSegment();
    this.nextSegment = undefined;
    const { name, file, fd } = await next;
    this.fd = fd;
    this.current = { name, file, bytes: 0 };
    this.currentRows = 0;
    this.currentFirstWriteAt = 0;
    this.takeArena();
    if (!this.closed) this.nextSegment = this.createSegment();
  }

  /**
   * Creates (and syncs the directory entry of) a segment file. Done ahead of the rotation that needs it,
   * so a rotation never makes the commits behind it wait for a directory sync.
   */
  private createSegment(): Promise<{ name: string; file: string; fd: number }> {
    const created = (async () => {
      // Time-ordered and unique forever, so a segment name never repeats in a dedupe token.
      const name = `${Date.now().toString().padStart(15, '0')}-${randomBytes(4).toString('hex')}${SEGMENT_SUFFIX}`;
      const file = path.join(this.options.dir, name);
      const { O_WRONLY, O_APPEND, O_CREAT, O_DSYNC } = constants;
      const flags = O_WRONLY | O_APPEND | O_CREAT | (this.options.fsync ? O_DSYNC : 0);
      const fd = await openAsync(file, flags, 0o644);
      // The new file's directory entry must be durable too, or a power loss could drop a segment whose
      // records were acknowledged.
      if (this.options.fsync) await syncDirectory(this.options.dir);
      return { name, file, fd };
    })();
    created.catch(() => {}); // reported when a rotation awaits it
    return created;
  }

  /** The segment prepared for the next rotation is not needed after close: an empty file, removed. */
  private async discardNextSegment(): Promise<void> {
    const next = this.nextSegment;
    this.nextSegment = undefined;
    const segment = await next?.catch(() => undefined);
    if (!segment) return;
    await closeAsync(segment.fd).catch(() => {});
    await unlink(segment.file).catch(() => {});
  }
}

/** One `writev` of the whole batch; resolves with the bytes written. */
function writeAll(fd: number, buffers: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    writev(fd, buffers, (error, written) => (error ? reject(error) : resolve(written)));
  });
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
