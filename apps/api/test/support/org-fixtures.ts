import { randomBytes } from 'node:crypto';
import type { Database, Plan, Role } from '@sendops/db';
import { type Kysely, sql } from 'kysely';
import type { ApiApp } from '../../src/http/api-app.ts';
import { type Client, call, ownSlug, signUpClient } from './api-harness.ts';

export interface OrgFixture {
  owner: Client;
  slug: string;
  id: string;
}

/** A user who signed up, and the workspace sign-up gave them. */
export async function orgWithOwner(
  app: ApiApp,
  db: Kysely<Database>,
  plan: Plan = 'business',
): Promise<OrgFixture> {
  const owner = await signUpClient(app, 'Owner Person');
  const slug = await ownSlug(app, owner);
  const org = await db
    .updateTable('organizations')
    .set({ plan })
    .where('slug', '=', slug)
    .returning('id')
    .executeTakeFirstOrThrow();
  return { owner, slug, id: org.id };
}

/** Another user, added to the organization with a role (team routes belong to another module). */
export async function addMember(
  app: ApiApp,
  db: Kysely<Database>,
  org: OrgFixture,
  role: Role,
): Promise<Client> {
  const member = await signUpClient(app, `Member ${role}`);
  await db
    .insertInto('memberships')
    .values({ organization_id: org.id, user_id: member.userId, role })
    .execute();
  return member;
}

export async function createApiKeyVia(
  app: ApiApp,
  client: Client,
  slug: string,
  environment: 'live' | 'test' = 'live',
) {
  const response = await call(app, client, 'POST', `/api/orgs/${slug}/api-keys`, {
    name: `key ${randomBytes(3).toString('hex')}`,
    scopes: ['account.read'],
    environment,
  });
  if (response.statusCode !== 201) throw new Error(`API key creation failed: ${response.body}`);
  return response.json() as { apiKey: { id: string; prefix: string }; secret: string };
}

/** Tables holding tenant rows: every table with an organization_id column. */
export async function tenantTables(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'organization_id' order by table_name
  `.execute(db);
  return rows.map((row) => row.table_name);
}

/** Everything the organization owns, as JSON text: equal snapshots mean nothing of it changed. */
export async function snapshotOrganization(db: Kysely<Database>, organizationId: string): Promise<string> {
  const parts: Record<string, unknown> = {};
  parts.organization = (
    await sql`select to_jsonb(o) as row from organizations o where id = ${organizationId}`.execute(db)
  ).rows;
  for (const table of await tenantTables(db)) {
    const { rows } = await sql`
      select to_jsonb(t) as row from ${sql.table(table)} t where organization_id = ${organizationId} order by 1
    `.execute(db);
    parts[table] = rows;
  }
  return JSON.stringify(parts);
}

/** Every id of a row the organization owns, and the ids of its members. */
export async function idsOwnedBy(db: Kysely<Database>, organizationId: string): Promise<string[]> {
  const ids = new Set<string>([organizationId]);
  for (const table of await tenantTables(db)) {
    const { rows: hasId } = await sql<{ n: string }>`
      select count(*) as n from information_schema.columns
      where table_schema = 'public' and table_name = ${table} and column_name = 'id'
    `.execute(db);
    if (hasId[0]?.n === '0') continue;
    const { rows } = await sql<{ id: string }>`
      select id::text as id from ${sql.table(table)} where organization_id = ${organizationId}
    `.execute(db);
    for (const row of rows) ids.add(row.id);
  }
  const members = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('organization_id', '=', organizationId)
    .execute();
  for (const member of members) ids.add(member.user_id);
  return [...ids];
}
