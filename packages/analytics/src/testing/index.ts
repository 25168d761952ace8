import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
