import { appliedMigrations } from '@sendops/analytics';
import type { SendOpsConfig } from '@sendops/config';
import { migrationStatus } from '@sendops/db';
import { printResult } from '../cli-output.ts';
import { readRunningState } from '../runtime-state.ts';
import { openAnalytics, openControlPlane } from '../stores.ts';

/** Applies Postgres and ClickHouse migrations (a running `start` applied the embedded ClickHouse ones itself). */
export async function runMigrate(config: SendOpsConfig, json: boolean): Promise<void> {
  const controlPlane = await openControlPlane(config, { migrate: true });
  let postgres: string[];
  try {
    postgres = (await migrationStatus(controlPlane.db)).filter((m) => m.executedAt).map((m) => m.name);
  } finally {
    await controlPlane.close();
  }
  let clickhouse: string[] | string;
  if (!config.clickhouse.url && readRunningState(config.dataDir)) {
    clickhouse = 'embedded ClickHouse is owned by the running sendops, which migrated it at start';
  } else {
    const store = await openAnalytics(config, { migrate: true });
    try {
      clickhouse = (await appliedMigrations(store)).map((m) => `${m.version}_${m.name}`);
    } finally {
      await store.client.close();
    }
  }
  printResult(
    json,
    { postgres, clickhouse },
    [
      `postgres:   ${postgres.length} migrations applied (latest ${postgres.at(-1) ?? 'none'})`,
      `clickhouse: ${Array.isArray(clickhouse) ? `${clickhouse.length} migrations applied (latest ${clickhouse.at(-1) ?? 'none'})` : clickhouse}`,
    ].join('\n'),
  );
}
