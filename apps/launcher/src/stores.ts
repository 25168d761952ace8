import path from 'node:path';
import { type AnalyticsStore, createAnalyticsStore, migrateAnalytics } from '@sendops/analytics';
import type { SendOpsConfig } from '@sendops/config';
import { createDatabase, type Database, migrateToLatest, startEmbeddedPostgres } from '@sendops/db';
import type { Kysely } from 'kysely';
import { UsageError } from './cli-output.ts';
import { readRunningState } from './runtime-state.ts';

export interface ControlPlaneHandle {
  db: Kysely<Database>;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Postgres for a command: DATABASE_URL, else the embedded server of a running `sendops start`, else an
 * embedded server started for this command only.
 */
export async function openControlPlane(
  config: SendOpsConfig,
  options: { migrate: boolean },
): Promise<ControlPlaneHandle> {
  const running = config.postgres.url ? undefined : readRunningState(config.dataDir);
  let url = config.postgres.url ?? running?.postgresUrl;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!url) {
    const embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.postgres.embeddedPort,
    });
    url = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const db = createDatabase(url, { poolMax: config.postgres.poolMax });
  try {
    if (options.migrate) await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    await stopEmbedded?.();
    throw error;
  }
  return {
    db,
    url,
    embedded: !config.postgres.url,
    async close() {
      await db.destroy();
      await stopEmbedded?.();
    },
  };
}

/** ClickHouse for a command: CLICKHOUSE_URL, else embedded chDB, which only one process may open. */
export async function openAnalytics(
  config: SendOpsConfig,
  options: { migrate: boolean },
): Promise<AnalyticsStore> {
  if (!config.clickhouse.url) {
    const running = readRunningState(config.dataDir);
    if (running) {
      throw new UsageError(
        `sendops is running on ${config.dataDir} (pid ${running.pid}) and owns its embedded ClickHouse; ` +
          'stop it first, or point CLICKHOUSE_URL at a ClickHouse server',
      );
    }
  }
  const store = createAnalyticsStore({
    url: config.clickhouse.url,
    database: config.clickhouse.database,
    cluster: config.clickhouse.cluster,
    dataDir: config.dataDir,
  });
  if (options.migrate) await migrateAnalytics(store);
  return store;
}

export const spoolDirOf = (config: SendOpsConfig) => path.join(config.dataDir, 'spool');
