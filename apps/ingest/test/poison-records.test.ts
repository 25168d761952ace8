import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeSegment, encodeRecord, type SpoolRecord } from '../src/spool/segment-format.ts';
import { createHarness, deliveryRow, expectEventRows, type Harness } from './support/harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(async () => {
  await harness.destroy();
});

const deliveryRecord = (organizationId: string, recipient: string): SpoolRecord => ({
  t: 'events',
  rows: [deliveryRow(organizationId, recipient)],
});

it('stores the good records of a refused batch and quarantines the refused one instead of blocking', async () => {
  const org = await harness.createOrg({ identities: ['example.com'] });
  // A segment left by an earlier run whose middle record ClickHouse itself refuses (a time it cannot
  // parse), as a record the ingest accepted but the store cannot take would be.
  const poison = deliveryRecord(org.id, 'poison@example.com');
  if (poison.t === 'events') poison.rows[0]!.event_time = 'not a time';
  const records = [deliveryRecord(org.id, 'a@example.com'), poison, deliveryRecord(org.id, 'b@example.com')];
  const spoolDir = mkdtempSync(path.join(tmpdir(), 'ingest-poison-'));
  mkdirSync(spoolDir, { recursive: true });
  writeFileSync(
    path.join(spoolDir, '000000000000001-0badf00d.seg'),
    Buffer.concat(records.map(encodeRecord)),
  );

  const service = await harness.startService({ spoolDir, settings: { batchMaxAgeMs: 200 } });
  await expectEventRows(harness.store, org.id, 2);
  await expect.poll(() => service.loader.pendingSegments).toBe(0);
  expect(service.loader.healthy).toBe(true);

  const quarantine = path.join(spoolDir, 'quarantine');
  const kept = readdirSync(quarantine).flatMap(
    (file) => decodeSegment(readFileSync(path.join(quarantine, file))).records,
  );
  expect(kept).toEqual([poison]);
  const metrics = (await service.app.inject({ url: '/metrics' })).body;
  expect(metrics).toMatch(/sendops_ingest_quarantined_records_total 1/);
});
