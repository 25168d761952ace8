import { createOrganization, type Database, type Plan } from '@sendops/db';
import { createTestDatabase, type TestDatabase } from '@sendops/db/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { OrganizationContext } from '../src/index.ts';

/**
 * The file's own migrated database, created before its tests and destroyed after them. `db` is read when
 * a test runs (the database does not exist yet while the file is being collected).
 */
export function useTestDatabase(): { readonly db: Kysely<Database> } {
  let test: TestDatabase | undefined;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => {
    await test?.destroy();
  });
  return {
    get db() {
      if (!test) throw new Error('the test database is only there inside tests (it starts in beforeAll)');
      return test.db;
    },
  };
}

/** The actor of every context these files build. */
export const alice = {
  userId: '00000000-0000-4000-8000-00000000000a',
  name: 'Alice Admin',
  email: 'alice@example.com',
};

/**
 * A new organization and Alice's context in it with `role`. No user or membership is stored: the
 * functions under test take the context as the API would hand it over.
 */
export async function createOrganizationContext(
  db: Kysely<Database>,
  name: string,
  options: { role: OrganizationContext['role']; plan?: Plan },
): Promise<OrganizationContext> {
  const { organization } = await createOrganization(db, { name });
  if (options.plan) {
    await db
      .updateTable('organizations')
      .set({ plan: options.plan })
      .where('id', '=', organization.id)
      .execute();
  }
  return {
    organizationId: organization.id,
    organizationName: organization.name,
    slug: organization.slug,
    isDemo: false,
    role: options.role,
    actor: alice,
  };
}
