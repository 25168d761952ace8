import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code. Every change to an exclusion (Allow,
// Allow again, Re-list) takes a new revision from one sequence, so the ClickHouse mirror of the
// exclusions (undeliverable list queries join it there) catches up by reading only rows past the
// revision it has.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence undeliverable_exclusions_revision_seq`.execute(db);
  await sql`
    alter table undeliverable_exclusions
      add column revision bigint not null default nextval('undeliverable_exclusions_revision_seq')
  `.execute(db);
  await sql`
    create index undeliverable_exclusions_revision_idx on undeliverable_exclusions (organization_id, revision)
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index undeliverable_exclusions_revision_idx`.execute(db);
  await sql`alter table undeliverable_exclusions drop column revision`.execute(db);
  await sql`drop sequence undeliverable_exclusions_revision_seq`.execute(db);
}
