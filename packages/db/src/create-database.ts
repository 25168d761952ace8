import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema/database.ts';

export interface CreateDatabaseOptions {
  poolMax: number;
}

export function createDatabase(url: string, { poolMax }: CreateDatabaseOptions): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  // An idle client that loses its connection (server restart, failover) emits 'error' on the pool;
  // unhandled, that would crash the process. The pool drops the client and the next query reconnects.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
