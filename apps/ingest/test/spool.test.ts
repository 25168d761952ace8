import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IngestError } from '../src/errors.ts';
import { decodeSegment, encodeRecord, type SpoolRecord } from '../src/spool/segment-format.ts';
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

  it('drops empty leftover files', async () => {
    const { dir, spool } = newSpool();
    writeFileSync(path.join(dir, '000000000000001-deadbeef.seg'), '');
    expect(await spool.open()).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith('000000000000001'))).toEqual([]);
  });
});
