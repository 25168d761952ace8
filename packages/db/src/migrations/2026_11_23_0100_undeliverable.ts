import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code. The undeliverable list's control-plane
// state (reports/undeliverable-list, reports/classification-rules): each organization's saved
// classification rules, and the addresses operators cleared (Allow) — durable, outliving the events'
// retention window.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per organization that saved rules; none means the Standard profile.
  await db.schema
    .createTable('undeliverable_rules')
    .addColumn('organization_id', 'uuid', (col) =>
      col.primaryKey().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('body', 'jsonb', (col) => col.notNull())
    .addColumn('version', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('undeliverable_rules_version_check', sql`version ~ '^[0-9a-f]{6}$'`)
    .addCheckConstraint('undeliverable_rules_body_check', sql`jsonb_typeof(body) = 'object'`)
    .execute();

  // Re-list ends an exclusion (relisted_at) rather than deleting it, so the history stays; at most one
  // exclusion per address is active.
  await db.schema
    .createTable('undeliverable_exclusions')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (col) =>
      col.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('address', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('actor_user_id', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('actor_name', 'text')
    .addColumn('cleared_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('relisted_at', 'timestamptz')
    .addColumn('relisted_by_user_id', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addCheckConstraint(
      'undeliverable_exclusions_address_check',
      sql`address = lower(address) and char_length(address) between 3 and 320 and position('@' in address) > 1`,
    )
    .addCheckConstraint('undeliverable_exclusions_note_check', sql`char_length(note) <= 500`)
    .execute();
  await sql`
    create unique index undeliverable_exclusions_active_key
      on undeliverable_exclusions (organization_id, address) where relisted_at is null
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('undeliverable_exclusions').execute();
  await db.schema.dropTable('undeliverable_rules').execute();
}
