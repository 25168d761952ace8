import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { type ClickHouseClient, createClient, drainStream, parseError } from '@clickhouse/client';
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
  /**
   * Inserts bytes already in JSONEachRow format as one statement, without parsing or re-encoding them
   * in JS: chDB takes the Buffer zero-copy and parses it on its own threads; a server gets it as the
   * request body. Set by `createAnalyticsStore`; use it through `insertJsonEachRow`.
   */
  rawInsert?: RawInsert;
}

/** `table` is qualified (`db.table`); `settings` apply to this statement only. */
export type RawInsert = (
  table: string,
  body: Buffer,
  settings: Record<string, string | number>,
) => Promise<void>;

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
    return {
      client,
      database: options.database,
      cluster: options.cluster,
      kind: 'server',
      rawInsert: execRawInsert(client),
    };
  }
  if (!options.dataDir) throw new Error('createAnalyticsStore: dataDir is required for embedded ClickHouse');
  const chdbPath = path.join(options.dataDir, 'clickhouse');
  mkdirSync(chdbPath, { recursive: true });
  // chdb/connection implements the Connection contract of @clickhouse/client-common, which
  // @clickhouse/client now bundles as its own copy: same shape, distinct declarations.
  const chdb = createChdbConnection({ path: chdbPath });
  const client = createClient({ connection: chdb as unknown as ClientConnection });
  const rawInsert: RawInsert = async (table, values, settings) => {
    try {
      // Per-statement SETTINGS: unlike clickhouse_settings through the client, nothing leaks into the session.
      await chdb.chdb.rawInsert({ table, values, format: 'JSONEachRow', settings });
    } catch (error) {
      // Same error shape as the client's (`type` = ClickHouse error name), so callers classify both alike.
      throw parseError(error as Error);
    }
  };
  // A cluster makes no sense for an in-process engine: ignore it rather than emitting ON CLUSTER.
  return { client, database: options.database, cluster: undefined, kind: 'embedded', rawInsert };
}

/** The raw insert through the client: `INSERT ... FORMAT JSONEachRow` with the bytes as the body. */
export function execRawInsert(client: ClickHouseClient): RawInsert {
  return async (table, body, settings) => {
    const result = await client.exec({
      query: `INSERT INTO ${table} FORMAT JSONEachRow`,
      values: Readable.from([body], { objectMode: false }),
      clickhouse_settings: settings,
    });
    await drainStream(result.stream);
  };
}

export function qualified(store: Pick<AnalyticsStore, 'database'>, table: string): string {
  return `${store.database}.${table}`;
}
