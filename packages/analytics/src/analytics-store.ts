import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type ClickHouseClient, createClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';

/**
 * The ClickHouse handle every module takes: the client plus the database its tables live in.
 * Table names are always qualified (`db.table`) because chDB ignores the client's `database` option.
 */
export interface AnalyticsStore {
  client: ClickHouseClient;
  database: string;
  cluster: string | undefined;
  /** `embedded` = chDB in this process; `server` = a ClickHouse server over HTTP. */
  kind: 'embedded' | 'server';
}

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

export interface AnalyticsStoreOptions {
  /** ClickHouse server URL; unset means embedded chDB under `dataDir/clickhouse`. */
  url?: string | undefined;
  database: string;
  cluster?: string | undefined;
  dataDir?: string;
}

/** The only place that knows which backend is in use (ARCHITECTURE.md: nothing else branches on it). */
export function createAnalyticsStore(options: AnalyticsStoreOptions): AnalyticsStore {
  if (options.url) {
    const client = createClient({
      url: options.url,
      request_timeout: 30_000,
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    });
    return { client, database: options.database, cluster: options.cluster, kind: 'server' };
  }
  if (!options.dataDir) throw new Error('createAnalyticsStore: dataDir is required for embedded ClickHouse');
  const chdbPath = path.join(options.dataDir, 'clickhouse');
  mkdirSync(chdbPath, { recursive: true });
  // chdb/connection implements the Connection contract of @clickhouse/client-common, which
  // @clickhouse/client now bundles as its own copy: same shape, distinct declarations.
  const connection = createChdbConnection({ path: chdbPath }) as unknown as ClientConnection;
  const client = createClient({ connection });
  // A cluster makes no sense for an in-process engine: ignore it rather than emitting ON CLUSTER.
  return { client, database: options.database, cluster: undefined, kind: 'embedded' };
}

export function qualified(store: Pick<AnalyticsStore, 'database'>, table: string): string {
  return `${store.database}.${table}`;
}
