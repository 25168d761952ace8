import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code, so later refactors cannot change what
// an already-applied migration did. Constraint names are explicit because repositories map them to
// error messages.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One trigger function keeps updated_at honest whichever code path writes the row.
  await sql`
    create function set_updated_at() returns trigger language plpgsql as $$
    begin
      new.updated_at := now();
      return new;
    end $$
  `.execute(db);

  await db.schema
    .createTable('organizations')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('slug', 'text', (col) => col.notNull())
    .addColumn('ingest_key_hash', 'text', (col) => col.notNull())
    .addColumn('ingest_key_prefix', 'text', (col) => col.notNull())
    .addColumn('ingest_key_created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('external_id', 'text', (col) => col.notNull())
    .addColumn('template_tag_names', sql`text[]`, (col) =>
      col.notNull().defaultTo(sql`'{sendops-template,template,template_name,templateName}'`),
    )
    .addColumn('events_retention_days', 'integer', (col) => col.notNull().defaultTo(400))
    .addColumn('is_demo', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('organizations_slug_key', ['slug'])
    .addUniqueConstraint('organizations_ingest_key_hash_key', ['ingest_key_hash'])
    .addUniqueConstraint('organizations_external_id_key', ['external_id'])
    .addCheckConstraint('organizations_name_check', sql`char_length(name) between 1 and 64`)
    .addCheckConstraint('organizations_slug_check', sql`slug ~ '^[a-z0-9][a-z0-9-]{1,46}[a-z0-9]$'`)
    .addCheckConstraint('organizations_ingest_key_hash_check', sql`ingest_key_hash ~ '^[0-9a-f]{64}$'`)
    .addCheckConstraint('organizations_events_retention_days_check', sql`events_retention_days > 0`)
    .execute();

  await db.schema
    .createTable('aws_connections')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (col) =>
      col.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('aws_account_id', 'text', (col) => col.notNull())
    .addColumn('region', 'text', (col) => col.notNull())
    .addColumn('role_arn', 'text')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('not_connected'))
    .addColumn('last_validated_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('aws_connections_account_region_key', [
      'organization_id',
      'aws_account_id',
      'region',
    ])
    .addCheckConstraint('aws_connections_aws_account_id_check', sql`aws_account_id ~ '^[0-9]{12}$'`)
    .addCheckConstraint('aws_connections_region_check', sql`region ~ '^[a-z]{2}(-[a-z]+)+-[0-9]+$'`)
    .addCheckConstraint(
      'aws_connections_status_check',
      sql`status in ('not_connected', 'connecting', 'validating', 'connected', 'error', 'update_available', 'sandbox')`,
    )
    .execute();

  await db.schema
    .createTable('channels')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (col) =>
      col.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('purpose', 'text', (col) => col.notNull().defaultTo('custom'))
    .addColumn('configuration_set', 'text', (col) => col.notNull())
    .addColumn('is_default', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('channels_name_key', ['organization_id', 'name'])
    .addUniqueConstraint('channels_configuration_set_key', ['organization_id', 'configuration_set'])
    // Target of the identities foreign key, so an identity can only point at its own tenant's channel.
    .addUniqueConstraint('channels_organization_id_id_key', ['organization_id', 'id'])
    .addCheckConstraint('channels_name_check', sql`char_length(name) between 1 and 64`)
    .addCheckConstraint(
      'channels_purpose_check',
      sql`purpose in ('default', 'transactional', 'marketing', 'onboarding', 'custom')`,
    )
    // SES configuration-set names: letters, digits, _ and -, at most 64.
    .addCheckConstraint('channels_configuration_set_check', sql`configuration_set ~ '^[A-Za-z0-9_-]{1,64}$'`)
    .execute();

  await db.schema
    .createIndex('channels_one_default_per_org')
    .on('channels')
    .column('organization_id')
    .unique()
    .where(sql.ref('is_default'), '=', true)
    .execute();

  await db.schema
    .createTable('identities')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (col) =>
      col.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('managed', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('channel_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('identities_value_key', ['organization_id', 'value'])
    .addCheckConstraint('identities_kind_check', sql`kind in ('domain', 'email')`)
    .addCheckConstraint('identities_value_lower_check', sql`value = lower(value)`)
    .addCheckConstraint(
      'identities_value_shape_check',
      sql`(kind = 'email' and value like '_%@_%') or (kind = 'domain' and value like '_%._%' and value not like '%@%')`,
    )
    .execute();

  // Composite key keeps channels tenant-local; SET NULL (channel_id) (Postgres 15+) clears only the
  // channel and leaves organization_id intact when the channel is deleted.
  await sql`
    alter table identities add constraint identities_channel_fkey
      foreign key (organization_id, channel_id) references channels (organization_id, id)
      on delete set null (channel_id)
  `.execute(db);
  await db.schema
    .createIndex('identities_channel_idx')
    .on('identities')
    .columns(['organization_id', 'channel_id'])
    .execute();

  for (const table of ['organizations', 'aws_connections', 'channels', 'identities']) {
    await sql`
      create trigger ${sql.id(`${table}_set_updated_at`)} before update on ${sql.table(table)}
      for each row execute function set_updated_at()
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['identities', 'channels', 'aws_connections', 'organizations']) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function set_updated_at()`.execute(db);
}
