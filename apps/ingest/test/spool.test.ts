import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { IngestError } from '../src/errors.ts';
import {
  decodeSegment,
  encodeRecord,
  prepareSegment,
  prepareWritten,
  rowCount,
  type SpoolRecord,
} from '../src/spool/segment-format.ts';
import { type ClosedSegment, Spool } from '../src/spool/spool.ts';

const dead = (n: number): SpoolRecord => ({
  t: 'dead',
  row: {
    organization_id: '00000000-0000-4000-8000-000000000001',
    received_at: '2026-11-23 10:00:00.000',
    reason: 'schema',
    error: `e${n}`,
    event_id: `id-${n}`,
    body: 'ü'.repeat(n % 7),
  },
});

const spools: Spool[] = [];
afterEach(async () => {
  for (const spool of spools.splice(0)) await spool.close();
});

function newSpool(overrides: Partial<ConstructorParameters<typeof Spool>[0]> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'spool-'));
  const closed: ClosedSegment[] = [];
  const spool = new Spool({
    dir,
    fsync: true,
    maxBacklogBytes: 10_000_000,
    rotateRows: 1_000,
    rotateAgeMs: 60_000,
    onSegmentClosed: (segment) => closed.push(segment),
    ...overrides,
  });
  spools.push(spool);
  return { dir, spool, closed };
}

describe('segment format', () => {
  it('round-trips records and skips a torn tail', () => {
    const records = [dead(1), dead(2), dead(3)];
    const bytes = Buffer.concat(records.map(encodeRecord));
    expect(decodeSegment(bytes)).toEqual({ records, corruptLines: 0 });
    const torn = bytes.subarray(0, bytes.length - 5);
    expect(decodeSegment(torn)).toEqual({ records: records.slice(0, 2), corruptLines: 1 });
  });

  it('rejects a line whose checksum does not match', () => {
    const line = encodeRecord(dead(4));
    line[20] = line[20] === 0x41 ? 0x42 : 0x41;
    expect(decodeSegment(line).corruptLines).toBe(1);
  });
});

const account = (n: number): SpoolRecord => ({
  t: 'account',
  row: {
    organization_id: '00000000-0000-4000-8000-000000000001',
    event_id: `acc-${n}`,
    detail_type: 'Sending Status Disabled',
    event_time: '2026-11-23 10:00:00.000',
    aws_account_id: '123456789012',
    aws_region: 'eu-west-1',
    detail: '{}',
    raw: '{}',
    ingested_at: '2026-11-23 10:00:01.000',
  },
});

/** A minimal `events` record: the format does not care which columns a row has. */
const events = (n: number, recipients: number): SpoolRecord =>
  ({
    t: 'events',
    rows: Array.from({ length: recipients }, (_, i) => ({
      event_id: `ev-${n}`,
      recipient: `r${i}@example.com`,
      raw: '{"detail":"tab\there, newline\nthere"}',
    })),
  }) as unknown as SpoolRecord;

/** JSONEachRow as ClickHouse reads it: JSON objects separated by any JSON whitespace. */
const jsonRows = (body: Buffer) =>
  body
    .toString()
    .split(/(?<=\})[ \t\n]+(?=\{)/)
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text) => JSON.parse(text) as Record<string, unknown>);

describe('segment preparation for ClickHouse', () => {
  it('turns event lines into JSONEachRow batches of whole records, and the rest into their own bodies', () => {
    const records = [events(1, 2), dead(1), events(2, 1), account(1), events(3, 3), events(4, 1)];
    const content = Buffer.concat(records.map(encodeRecord));
    const prepared = prepareSegment(Buffer.from(content), 3);
    // Batches close once they reach 3 rows: [2+1], [3], [1].
    expect(prepared.events.map((b) => b.rows)).toEqual([3, 3, 1]);
    expect(prepared.events.map((b) => jsonRows(b.body).map((r) => `${r.event_id}/${r.recipient}`))).toEqual([
      ['ev-1/r0@example.com', 'ev-1/r1@example.com', 'ev-2/r0@example.com'],
      ['ev-3/r0@example.com', 'ev-3/r1@example.com', 'ev-3/r2@example.com'],
      ['ev-4/r0@example.com'],
    ]);
    expect(jsonRows(prepared.events[0]!.body)[0]!.raw).toBe('{"detail":"tab\there, newline\nthere"}');
    expect(prepared.dead).toMatchObject({ rows: 1 });
    expect(jsonRows(prepared.dead!.body)).toEqual([(dead(1) as { row: object }).row]);
    expect(jsonRows(prepared.account!.body)).toEqual([(account(1) as { row: object }).row]);
    expect(prepared).toMatchObject({ records: 6, corruptLines: 0 });
  });

  it('builds the same batches from a segment still in memory as from its file', () => {
    const records = [events(1, 2), dead(1), events(2, 1), account(1), events(3, 3), events(4, 1), dead(2)];
    const lines = records.map(encodeRecord);
    const starts = lines.map((_, i) => lines.slice(0, i).reduce((n, line) => n + line.length, 0));
    const fromFile = prepareSegment(Buffer.concat(lines), 3);
    const fromMemory = prepareWritten(Buffer.concat(lines), starts, records.map(rowCount), 3);
    const view = (p: ReturnType<typeof prepareSegment>) => ({
      events: p.events.map((b) => ({ rows: b.rows, rowsJson: jsonRows(b.body) })),
      account: p.account && { rows: p.account.rows, rowsJson: jsonRows(p.account.body) },
      dead: p.dead && { rows: p.dead.rows, rowsJson: jsonRows(p.dead.body) },
      records: p.records,
      corruptLines: p.corruptLines,
    });
    expect(view(fromMemory)).toEqual(view(fromFile));
    expect(fromMemory.events.map((b) => b.rows)).toEqual([3, 3, 1]);
  });

  it('leaves a torn tail out of every batch', () => {
    const content = Buffer.concat([events(1, 1), events(2, 1)].map(encodeRecord));
    const prepared = prepareSegment(content.subarray(0, content.length - 7), 100);
    expect(prepared.corruptLines).toBe(1);
    expect(prepared.events.map((b) => jsonRows(b.body).map((r) => r.event_id))).toEqual([['ev-1']]);
  });

  it('loads segments written in the previous format (raw envelope once per record)', () => {
    const legacyLine = (record: object) => {
      const json = Buffer.from(JSON.stringify(record));
      return Buffer.concat([
        Buffer.from(`${crc32(json).toString(16).padStart(8, '0')} `),
        json,
        Buffer.from('\n'),
      ]);
    };
    const content = Buffer.concat([
      legacyLine({ t: 'events', raw: '{"id":"x"}', rows: [{ event_id: 'x', recipient: 'a@b.c' }] }),
      legacyLine(dead(7) as object),
      encodeRecord(events(2, 1)),
    ]);
    const prepared = prepareSegment(content, 100);
    expect(prepared.events.flatMap((b) => jsonRows(b.body))).toEqual([
      { event_id: 'x', recipient: 'a@b.c', raw: '{"id":"x"}' },
      (events(2, 1) as { rows: object[] }).rows[0],
    ]);
    expect(jsonRows(prepared.dead!.body)).toEqual([(dead(7) as { row: object }).row]);
    expect(decodeSegment(content).records).toHaveLength(3);
  });
});

describe('Spool', () => {
  it('group-commits concurrent appends and rotates at the row limit', async () => {
    const { spool, closed } = newSpool({ rotateRows: 50 });
    await spool.open();
    // Rotation happens between group commits, so feed the spool in waves of concurrent appends.
    for (let wave = 0; wave < 4; wave++) {
      await Promise.all(Array.from({ length: 30 }, (_, i) => spool.append(dead(wave * 30 + i))));
    }
    await spool.close();
    const records = closed.flatMap((segment) => decodeSegment(readFileSync(segment.file)).records);
    expect(records).toHaveLength(120);
    expect(new Set(records.map((r) => (r.t === 'dead' ? r.row.event_id : '')))).toHaveProperty('size', 120);
    expect(closed.length).toBeGreaterThanOrEqual(2);
  });

  it('hands a closed segment over with an in-memory image of its file, and reuses released buffers', async () => {
    const { spool, closed } = newSpool({ rotateRows: 5, memoryImageBytes: 64 * 1024 });
    await spool.open();
    const wave = async (n: number) => {
      await Promise.all(Array.from({ length: 5 }, (_, i) => spool.append(dead(n * 10 + i))));
      await expect.poll(() => closed.length).toBe(n + 1);
    };
    // At most three buffers exist: with none free, a segment is left to be read from its file.
    for (let n = 0; n < 4; n++) await wave(n);
    expect(closed.map((c) => c.written !== undefined)).toEqual([true, true, true, false]);
    for (const segment of closed.slice(0, 3)) {
      expect(Buffer.from(segment.written!.content)).toEqual(readFileSync(segment.file));
      expect(segment.written!.rows).toEqual([1, 1, 1, 1, 1]);
      expect(segment.written!.starts[0]).toBe(0);
    }
    expect(new Set(closed.slice(0, 3).map((c) => c.written!.content.buffer)).size).toBe(3);
    // A released buffer holds a later segment.
    const released = closed[0]!.written!.content.buffer;
    closed[0]!.written!.release();
    await wave(4);
    await wave(5);
    const reuser = closed.slice(4).find((c) => c.written?.content.buffer === released);
    expect(Buffer.from(reuser!.written!.content)).toEqual(readFileSync(reuser!.file));
  });

  it('leaves a segment that outgrows its in-memory image to be read from its file', async () => {
    const { spool, closed } = newSpool({ rotateRows: 5, memoryImageBytes: encodeRecord(dead(1)).length * 2 });
    await spool.open();
    for (let i = 0; i < 5; i++) await spool.append(dead(i));
    await expect.poll(() => closed.length).toBe(1);
    expect(closed[0]!.written).toBeUndefined();
  });

  it('closes a segment once its oldest record reaches the age limit', async () => {
    const { spool, closed } = newSpool({ rotateAgeMs: 50 });
    await spool.open();
    await spool.append(dead(1));
    await expect.poll(() => closed.length, { timeout: 2_000 }).toBe(1);
  });

  it('refuses appends beyond the backlog limit with a retryable error, and accepts again once released', async () => {
    const { spool, closed } = newSpool({
      maxBacklogBytes: encodeRecord(dead(1)).length * 2 + 10,
      rotateRows: 1,
    });
    await spool.open();
    await spool.append(dead(1));
    await spool.append(dead(2));
    const refusal = await spool.append(dead(3)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(IngestError);
    expect((refusal as IngestError).statusCode).toBe(503);
    await expect.poll(() => closed.length).toBeGreaterThanOrEqual(2);
    for (const segment of closed) await spool.release(segment);
    await expect(spool.append(dead(3))).resolves.toBeUndefined();
  });

  it('hands segments left by an earlier run back on open, and refuses appends after close', async () => {
    const { dir, spool } = newSpool();
    await spool.open();
    await spool.append(dead(1));
    // Simulate a crash: a second spool opens the same directory without the first closing.
    const next = new Spool({
      dir,
      fsync: true,
      maxBacklogBytes: 1_000_000,
      rotateRows: 10,
      rotateAgeMs: 60_000,
      onSegmentClosed: () => {},
    });
    spools.push(next);
    const leftovers = await next.open();
    expect(leftovers).toHaveLength(1);
    expect(decodeSegment(readFileSync(leftovers[0]!.file)).records).toEqual([dead(1)]);
    await next.close();
    await expect(next.append(dead(2))).rejects.toMatchObject({ code: 'shutting_down' });
  });

  it('prepares the next segment file ahead of rotation and removes it on close', async () => {
    const { dir, spool, closed } = newSpool();
    await spool.open();
    await spool.append(dead(1));
    const segments = () => readdirSync(dir).filter((f) => f.endsWith('.seg'));
    await expect.poll(() => segments().length).toBe(2);
    await spool.close();
    expect(segments()).toEqual([path.basename(closed[0]!.file)]);
  });

  it('drops empty leftover files', async () => {
    const { dir, spool } = newSpool();
    writeFileSync(path.join(dir, '000000000000001-deadbeef.seg'), '');
    expect(await spool.open()).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith('000000000000001'))).toEqual([]);
  });
});
