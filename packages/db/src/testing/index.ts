import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { createDatabase } from '../create-database.ts';
import type { Database } from '../schema/database.ts';
import {
  createDatabaseFromTemplate,
  databaseUrl,
  dropDatabase,
  TEMPLATE_DATABASE,
} from './template-database.ts';

export { databaseUrl, prepareTemplateDatabase, TEMPLATE_DATABASE } from './template-database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Maintenance-database URL of the test run's Postgres server (scripts/test-global-setup.ts). */
    postgresUrl: string;
  }
}

export interface TestDatabase {
  db: Kysely<Database>;
  url: string;
  /** Closes the pool and drops the database. */
  destroy(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** An empty database (no migrations applied), for testing the migrations themselves. */
  empty?: boolean;
}

/** A fresh, migrated database of its own for one test file, cloned from the run's template. */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = inject('postgresUrl');
  if (!serverUrl) {
    throw new Error(
      'postgresUrl was not provided: run tests with the root vitest config (scripts/test-global-setup.ts)',
    );
  }
  const name = `sendops_test_${randomBytes(6).toString('hex')}`;
  await createDatabaseFromTemplate(serverUrl, name, options.empty ? 'template0' : TEMPLATE_DATABASE);
  const url = databaseUrl(serverUrl, name);
  const db = createDatabase(url, { poolMax: 4 });
  return {
    db,
    url,
    async destroy() {
      await db.destroy();
      await dropDatabase(serverUrl, name);
    },
  };
}
