import { createHash } from 'node:crypto';
import { type AnalyticsStore, qualified } from './analytics-store.ts';
import { type AnalyticsMigration, analyticsMigrations } from './migrations/index.ts';
import { renderMigration } from './render-migration.ts';

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

export class MigrationChecksumError extends Error {
  constructor(migration: AnalyticsMigration) {
    super(
      `ClickHouse migration ${migration.version}_${migration.name} changed after it was applied; add a new migration instead`,
    );
    this.name = 'MigrationChecksumError';
  }
}

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex');

/** Applies pending migrations in order and records each in `schema_migrations`. Returns the ones applied now. */
export async function migrateAnalytics(
  store: AnalyticsStore,
  migrations: AnalyticsMigration[] = analyticsMigrations,
): Promise<AppliedMigration[]> {
  const target = { database: store.database, cluster: store.cluster };
  const onCluster = store.cluster ? ` ON CLUSTER '${store.cluster}'` : '';
  await store.client.command({ query: `CREATE DATABASE IF NOT EXISTS ${store.database}${onCluster}` });
  for (const statement of renderMigration(MIGRATIONS_TABLE, target))
    await store.client.command({ query: statement });

  const applied = new Map((await appliedMigrations(store)).map((m) => [m.version, m]));
  const done: AppliedMigration[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const sum = checksum(migration.sql);
    const previous = applied.get(migration.version);
    if (previous) {
      if (previous.checksum !== sum) throw new MigrationChecksumError(migration);
      continue;
    }
    for (const statement of renderMigration(migration.sql, target)) {
      await store.client.command({ query: statement });
    }
    const record = { version: migration.version, name: migration.name, checksum: sum };
    await store.client.insert({
      table: qualified(store, 'schema_migrations'),
      values: [record],
      format: 'JSONEachRow',
    });
    done.push(record);
  }
  return done;
}

export async function appliedMigrations(store: AnalyticsStore): Promise<AppliedMigration[]> {
  const result = await store.client.query({
    query: `SELECT version, name, checksum FROM ${qualified(store, 'schema_migrations')} FINAL ORDER BY version`,
    format: 'JSONEachRow',
  });
  return result.json<AppliedMigration>();
}

const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS {{db}}.schema_migrations {{on_cluster}}
(
    version UInt32,
    name String,
    checksum String,
    applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = {{engine:ReplacingMergeTree(applied_at)}}
ORDER BY version;
`;
