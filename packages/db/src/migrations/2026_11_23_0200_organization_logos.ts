import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code. The workspace logo (team/account-settings):
// at most one per organization, kept in Postgres (at most 2 MB) so it is private to members and goes
// with the organization when it is deleted.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organization_logos')
    .addColumn('organization_id', 'uuid', (col) =>
      col.primaryKey().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('bytes', 'bytea', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('size', 'integer', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'organization_logos_content_type_check',
      sql`content_type in ('image/png', 'image/jpeg', 'image/webp', 'image/gif')`,
    )
    .addCheckConstraint(
      'organization_logos_size_check',
      sql`size = octet_length(bytes) and size between 1 and 2097152`,
    )
    .addCheckConstraint('organization_logos_sha256_check', sql`sha256 ~ '^[0-9a-f]{64}$'`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('organization_logos').execute();
}
