import type { Kysely } from 'kysely';
import { type MigrationResult, Migrator } from 'kysely/migration';
import { migrations } from './migrations/index.ts';

export interface MigrationState {
  name: string;
  executedAt: Date | undefined;
}

function migrator<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/**
 * Applies pending migrations and returns the names it applied. Safe to run from several processes at
 * once: kysely's Migrator takes a Postgres advisory lock.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((result: MigrationResult) => result.status === 'Error');
    const where = failed ? ` in ${failed.migrationName}` : '';
    throw new Error(`database migration failed${where}: ${String(error)}`, { cause: error });
  }
  return (results ?? []).map((result) => result.migrationName);
}

/** Every known migration in order, with when it ran (undefined = pending). */
export async function migrationStatus<DB>(db: Kysely<DB>): Promise<MigrationState[]> {
  const all = await migrator(db).getMigrations();
  return all.map((info) => ({ name: info.name, executedAt: info.executedAt }));
}
