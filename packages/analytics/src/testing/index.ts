import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type EventRow, toClickhouseTime } from '@sendops/ses-events';
import { type AnalyticsStore, createAnalyticsStore } from '../analytics-store.ts';
import { migrateAnalytics } from '../migrate-analytics.ts';

export interface TestAnalytics {
  store: AnalyticsStore;
  destroy(): Promise<void>;
}

// chDB binds one data directory per process: every test store in this process shares it and gets a
// database of its own, so tests stay independent.
let embedded: { store: AnalyticsStore; dir: string } | undefined;

function embeddedStore(): AnalyticsStore {
  if (!embedded) {
    const dir = mkdtempSync(path.join(tmpdir(), 'sendops-chdb-'));
    embedded = { dir, store: createAnalyticsStore({ database: 'default', dataDir: dir }) };
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return embedded.store;
}

/** A migrated ClickHouse database for one test: on `CLICKHOUSE_URL` when set, else in-process chDB. */
export async function createTestAnalytics(): Promise<TestAnalytics> {
  const database = `sendops_test_${randomBytes(6).toString('hex')}`;
  const url = process.env.CLICKHOUSE_URL;
  const base = url ? createAnalyticsStore({ url, database }) : embeddedStore();
  const store: AnalyticsStore = { ...base, database };
  await migrateAnalytics(store);
  return {
    store,
    async destroy() {
      await store.client.command({ query: `DROP DATABASE IF EXISTS ${database}` });
      if (url) await store.client.close();
    },
  };
}

/**
 * A Delivery row of ses_events at `time` with only the key columns (and `raw`) set: ClickHouse fills
 * the other columns with their defaults. For tests about storage layout rather than event content.
 */
export function keyedEventRow(
  organizationId: string,
  time: Date,
  overrides: Partial<EventRow> = {},
): EventRow {
  const text = toClickhouseTime(time);
  return {
    organization_id: organizationId,
    event_id: randomUUID(),
    event_type: 'Delivery',
    event_time: text,
    send_time: text,
    message_id: `m-${randomUUID()}`,
    recipient: 'ana@gmail.com',
    raw: '{"detail-type":"Email Delivered"}',
    retention_days: 3650,
    ...overrides,
  } as EventRow;
}

/** The active parts of ses_events per partition id (`YYYYMMDD`): how many, and the lowest merge level. */
export async function sesEventsParts(
  store: AnalyticsStore,
): Promise<Map<string, { parts: number; minLevel: number }>> {
  const result = await store.client.query({
    query: `SELECT partition_id, toUInt32(count()) AS parts, toUInt32(min(level)) AS min_level FROM system.parts
            WHERE database = {db:String} AND table = 'ses_events' AND active GROUP BY partition_id`,
    query_params: { db: store.database },
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ partition_id: string; parts: number; min_level: number }>();
  return new Map(
    rows.map((r) => [r.partition_id, { parts: Number(r.parts), minLevel: Number(r.min_level) }]),
  );
}
