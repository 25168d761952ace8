import { sql } from 'kysely';
import { Migrator, NO_MIGRATIONS } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migrationStatus } from '../src/index.ts';
import { migrations } from '../src/migrations/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

const TABLES = [
  'api_keys',
  'audit_log',
  'audit_log_anchors',
  'aws_connections',
  'channels',
  'email_change_requests',
  'identities',
  'invitations',
  'memberships',
  'mfa_challenges',
  'mfa_credentials',
  'mfa_recovery_codes',
  'oauth_accounts',
  'organization_logos',
  'organization_slug_history',
  'organizations',
  'ownership_transfers',
  'sessions',
  'undeliverable_exclusions',
  'undeliverable_rules',
  'users',
];

async function tables(test: TestDatabase): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%' order by table_name
  `.execute(test.db);
  return rows.map((row) => row.table_name);
}

describe('migrations', () => {
  const opened: TestDatabase[] = [];
  const emptyDatabase = async () => {
    const test = await createTestDatabase({ empty: true });
    opened.push(test);
    return test;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((test) => test.destroy()));
  });

  it('apply every migration to an empty database, then nothing on a second run', async () => {
    const test = await emptyDatabase();
    expect(await tables(test)).toEqual([]);
    expect((await migrationStatus(test.db)).every((m) => m.executedAt === undefined)).toBe(true);

    expect(await migrateToLatest(test.db)).toEqual(Object.keys(migrations).sort());
    expect(await tables(test)).toEqual(TABLES);
    expect(await migrateToLatest(test.db)).toEqual([]);

    const status = await migrationStatus(test.db);
    expect(status.map((m) => m.name)).toEqual(Object.keys(migrations).sort());
    expect(status.every((m) => m.executedAt instanceof Date)).toBe(true);
  });

  it('are applied once when several processes migrate at the same time', async () => {
    const test = await emptyDatabase();
    const [first, second] = await Promise.all([migrateToLatest(test.db), migrateToLatest(test.db)]);
    expect([...(first ?? []), ...(second ?? [])]).toEqual(Object.keys(migrations).sort());
  });

  it('can be rolled back completely and re-applied', async () => {
    const test = await emptyDatabase();
    await migrateToLatest(test.db);
    const migrator = new Migrator({ db: test.db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(await tables(test)).toEqual([]);
    await migrateToLatest(test.db);
    expect(await tables(test)).toEqual(TABLES);
  });

  it('leave the template that test databases are cloned from fully migrated', async () => {
    const test = await createTestDatabase();
    opened.push(test);
    expect(await tables(test)).toEqual(TABLES);
    expect(await migrateToLatest(test.db)).toEqual([]);
  });
});
