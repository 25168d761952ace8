import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AnalyticsStore,
  compactSettledPartitions,
  countEvents,
  insertEventRows,
  migrateAnalytics,
  renderMigration,
} from '../src/index.ts';
import { analyticsMigrations } from '../src/migrations/index.ts';
import {
  createTestAnalytics,
  keyedEventRow,
  sesEventsParts,
  type TestAnalytics,
} from '../src/testing/index.ts';

const DAY_MS = 86_400_000;
const now = new Date('2026-11-23T12:00:00.000Z');

const day = (date: Date) => date.toISOString().slice(0, 10).replaceAll('-', '');
const iso = (date: Date) => date.toISOString().slice(0, 10);

async function rollup(store: AnalyticsStore, organizationId: string) {
  const result = await store.client.query({
    query: `SELECT toString(day) AS day, event_type, toUInt32(sum(events)) AS events
            FROM ${store.database}.ses_daily_counts FINAL WHERE organization_id = {org:UUID}
            GROUP BY day, event_type ORDER BY day, event_type`,
    query_params: { org: organizationId },
    format: 'JSONEachRow',
  });
  return (await result.json<{ day: string; event_type: string; events: number }>()).map((r) => ({
    ...r,
    events: Number(r.events),
  }));
}

let analytics: TestAnalytics;
beforeAll(async () => {
  analytics = await createTestAnalytics();
});
afterAll(async () => {
  await analytics.destroy();
});

describe('migration 4: ses_events by day', () => {
  it('moves every row of a monthly-partitioned table, and can run again after an interruption', async () => {
    const database = `sendops_test_${randomBytes(6).toString('hex')}`;
    const store: AnalyticsStore = { ...analytics.store, database };
    try {
      await migrateAnalytics(store, analyticsMigrations.slice(0, 3));
      const org = randomUUID();
      // 200 days in one batch: more partitions than ClickHouse's default per-insert limit once daily.
      const rows = Array.from({ length: 200 }, (_, i) =>
        keyedEventRow(org, new Date(now.getTime() - i * DAY_MS)),
      );
      await insertEventRows(store, rows);
      await migrateAnalytics(store, analyticsMigrations.slice(0, 4));

      const table = await store.client.query({
        query: `SELECT partition_key FROM system.tables WHERE database = {db:String} AND name = 'ses_events'`,
        query_params: { db: database },
        format: 'JSONEachRow',
      });
      expect(await table.json()).toEqual([{ partition_key: 'toDate(event_time)' }]);
      expect(await countEvents(store, org)).toBe(200);
      expect((await sesEventsParts(store)).size).toBe(200);

      // An interrupted run is not recorded, so the next start runs the whole migration again.
      const migration = analyticsMigrations.find((m) => m.version === 4)!;
      for (const statement of renderMigration(migration.sql, { database, cluster: undefined }))
        await store.client.command({ query: statement });
      expect(await countEvents(store, org)).toBe(200);
      const stored = await store.client.query({
        query: `SELECT event_id, raw FROM ${database}.ses_events WHERE organization_id = {org:UUID} ORDER BY event_id`,
        query_params: { org },
        format: 'JSONEachRow',
      });
      expect(await stored.json()).toEqual(
        rows
          .map((r) => ({ event_id: r.event_id, raw: r.raw }))
          .sort((a, b) => (a.event_id! < b.event_id! ? -1 : 1)),
      );
    } finally {
      await store.client.command({ query: `DROP DATABASE IF EXISTS ${database}` });
    }
  });
});

describe('compactSettledPartitions', () => {
  it('merges settled days into one part each, leaves open days alone, and keeps counts exact', async () => {
    const { store } = analytics;
    const org = randomUUID();
    const old = new Date(now.getTime() - 5 * DAY_MS);
    const older = new Date(now.getTime() - 9 * DAY_MS);
    const recent = new Date(now.getTime() - 1 * DAY_MS);
    const retried = keyedEventRow(org, old, { event_type: 'Bounce' });
    // Three batches: the same bounce arrives twice (a retry past the ingest's window), and each day
    // receives several parts.
    // No background merge may beat the compaction to it: the test asserts what compaction merged.
    await store.client.command({ query: `SYSTEM STOP MERGES ${store.database}.ses_events` });
    await insertEventRows(store, [
      retried,
      keyedEventRow(org, old),
      keyedEventRow(org, older),
      keyedEventRow(org, recent),
    ]);
    await insertEventRows(store, [
      { ...retried, ingested_at: '2026-11-18 12:05:00.000' },
      keyedEventRow(org, older),
    ]);
    await insertEventRows(store, [keyedEventRow(org, old), keyedEventRow(org, recent)]);
    expect(await countEvents(store, org)).toBe(7);

    await store.client.command({ query: `SYSTEM START MERGES ${store.database}.ses_events` });
    const compacted = await compactSettledPartitions(store, { now });
    expect(compacted).toEqual([
      { partition: day(older), parts: 2 },
      { partition: day(old), parts: 3 },
    ]);
    const parts = await sesEventsParts(store);
    for (const settled of [day(old), day(older)]) {
      expect(parts.get(settled)?.parts).toBe(1);
      expect(parts.get(settled)?.minLevel).toBeGreaterThan(0);
    }
    expect(parts.get(day(recent))?.parts).toBe(2);
    // The retried bounce is now a single stored row, not only a single counted one.
    const stored = await store.client.query({
      query: `SELECT count() AS n FROM ${store.database}.ses_events WHERE organization_id = {org:UUID}`,
      query_params: { org },
      format: 'JSONEachRow',
    });
    expect(Number((await stored.json<{ n: string }>())[0]!.n)).toBe(7);
    expect(await countEvents(store, org)).toBe(7);

    // The rollup of the settled days counts the retried bounce once, like FINAL does.
    expect(await rollup(store, org)).toEqual([
      { day: iso(older), event_type: 'Delivery', events: 2 },
      { day: iso(old), event_type: 'Bounce', events: 1 },
      { day: iso(old), event_type: 'Delivery', events: 2 },
    ]);

    // Nothing left to do until a settled day receives a late event.
    expect(await compactSettledPartitions(store, { now })).toEqual([]);
    await store.client.command({ query: `SYSTEM STOP MERGES ${store.database}.ses_events` });
    await insertEventRows(store, [keyedEventRow(org, old)]);
    await store.client.command({ query: `SYSTEM START MERGES ${store.database}.ses_events` });
    expect(await compactSettledPartitions(store, { now })).toEqual([{ partition: day(old), parts: 2 }]);
    expect(await countEvents(store, org)).toBe(8);
    expect(
      (await rollup(store, org)).find((r) => r.day === iso(old) && r.event_type === 'Delivery')?.events,
    ).toBe(3);

    // Two days later the recent day has settled too.
    const later = new Date(now.getTime() + 2 * DAY_MS);
    await store.client.command({ query: `SYSTEM STOP MERGES ${store.database}.ses_events` });
    await insertEventRows(store, [keyedEventRow(org, recent)]);
    await store.client.command({ query: `SYSTEM START MERGES ${store.database}.ses_events` });
    const settledLater = await compactSettledPartitions(store, { now: later });
    expect(settledLater.map((p) => p.partition)).toEqual([day(recent)]);
    expect(await countEvents(store, org)).toBe(9);
  });
});

describe('migration 5: engagement pair hash', () => {
  it('gives rows stored before it and rows inserted after it the SipHash of (message_id, recipient)', async () => {
    const database = `sendops_test_${randomBytes(6).toString('hex')}`;
    const store: AnalyticsStore = { ...analytics.store, database };
    try {
      await migrateAnalytics(store, analyticsMigrations.slice(0, 4));
      const org = randomUUID();
      await insertEventRows(store, [
        keyedEventRow(org, now),
        keyedEventRow(org, new Date(now.getTime() - DAY_MS)),
      ]);
      await migrateAnalytics(store);
      await insertEventRows(store, [keyedEventRow(org, now, { recipient: 'bo@yahoo.com' })]);
      const result = await store.client.query({
        query: `SELECT toUInt8(pair_hash = reinterpretAsUInt128(sipHash128(message_id, recipient))) AS same
                FROM ${database}.ses_events WHERE organization_id = {org:UUID}`,
        query_params: { org },
        format: 'JSONEachRow',
      });
      expect(await result.json()).toEqual([{ same: 1 }, { same: 1 }, { same: 1 }]);
    } finally {
      await store.client.command({ query: `DROP DATABASE IF EXISTS ${database}` });
    }
  });
});
