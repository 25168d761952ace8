import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code. Accounts: users, sessions, memberships,
// invitations, ownership transfers, API keys, MFA, OAuth links, email changes and the audit log.

const ROLES = `'owner', 'org_admin', 'infra_admin', 'developer', 'marketer', 'financial', 'customer_support', 'viewer'`;

async function addOrganizationSettings(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table organizations
      add column plan text not null default 'free'
        constraint organizations_plan_check check (plan in ('free', 'team', 'business')),
      add column session_timeout text not null default '8h'
        constraint organizations_session_timeout_check
        check (session_timeout in ('1h', '4h', '8h', '24h', '7d', '30d')),
      -- Null = not enforced; members without MFA get 7 days from this moment (team/account-settings).
      add column mfa_enforced_at timestamptz,
      add column billing_email text
  `.execute(db);

  // Old slugs redirect for 30 days; a slug is either current or in history, never both (service rule).
  await db.schema
    .createTable('organization_slug_history')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (col) =>
      col.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('slug', 'text', (col) => col.notNull())
    .addColumn('replaced_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('organization_slug_history_slug_key', ['slug'])
    .execute();
  await db.schema
    .createIndex('organization_slug_history_org_idx')
    .on('organization_slug_history')
    .column('organization_id')
    .execute();
}

async function createUsersAndSessions(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('email_verified_at', 'timestamptz')
    // Null for users who only ever signed in through OAuth.
    .addColumn('password_hash', 'text')
    .addColumn('avatar_url', 'text')
    .addColumn('timezone', 'text')
    .addColumn('follow_browser_timezone', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('week_start', 'text', (col) => col.notNull().defaultTo('monday'))
    .addColumn('theme', 'text', (col) => col.notNull().defaultTo('system'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('users_name_check', sql`char_length(name) between 1 and 200`)
    .addCheckConstraint('users_email_check', sql`email like '_%@_%' and char_length(email) <= 320`)
    .addCheckConstraint('users_week_start_check', sql`week_start in ('monday', 'sunday')`)
    .addCheckConstraint('users_theme_check', sql`theme in ('light', 'dark', 'system')`)
    .execute();
  await sql`create unique index users_email_key on users (lower(email))`.execute(db);

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // sha256 hex of the cookie token; the token itself is never stored.
    .addColumn('token_hash', 'text', (col) => col.notNull())
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('stage', 'text', (col) => col.notNull())
    // sha256 hex of the double-submit CSRF token bound to this session.
    .addColumn('csrf_token_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addUniqueConstraint('sessions_token_hash_key', ['token_hash'])
    .addCheckConstraint('sessions_stage_check', sql`stage in ('mfa_pending', 'active')`)
    .addCheckConstraint('sessions_token_hash_check', sql`token_hash ~ '^[0-9a-f]{64}$'`)
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
}

async function createMembershipTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('memberships')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (col) =>
      col.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('memberships_org_user_key', ['organization_id', 'user_id'])
    .addCheckConstraint('memberships_role_check', sql.raw(`role in (${ROLES})`))
    .execute();
  // "There can only be one Owner per organization" (team/members-and-roles).
  await db.schema
    .createIndex('memberships_one_owner_per_org')
    .on('memberships')
    .column('organization_id')
    .unique()
    .where(sql.ref('role'), '=', 'owner')
    .execute();
  await db.schema.createIndex('memberships_user_idx').on('memberships').column('user_id').execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (col) =>
      col.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull())
    .addColumn('invited_by_user_id', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('responded_at', 'timestamptz')
    .addUniqueConstraint('invitations_token_hash_key', ['token_hash'])
    // Nobody is invited as Owner: ownership only moves by transfer.
    .addCheckConstraint('invitations_role_check', sql.raw(`role in (${ROLES}) and role <> 'owner'`))
    .addCheckConstraint(
      'invitations_status_check',
      sql`status in ('pending', 'accepted', 'declined', 'revoked')`,
    )
    .addCheckConstraint('invitations_email_check', sql`email like '_%@_%'`)
    .execute();
  await db.schema.createIndex('invitations_org_idx').on('invitations').column('organization_id').execute();
  await sql`create index invitations_email_idx on invitations (lower(email))`.execute(db);

  await db.schema
    .createTable('ownership_transfers')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (col) =>
      col.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('from_user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('to_user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .addCheckConstraint(
      'ownership_transfers_status_check',
      sql`status in ('pending', 'accepted', 'cancelled', 'expired')`,
    )
    .addCheckConstraint('ownership_transfers_distinct_users_check', sql`from_user_id <> to_user_id`)
    .execute();
  await db.schema
    .createIndex('ownership_transfers_one_pending_per_org')
    .on('ownership_transfers')
    .column('organization_id')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('ownership_transfers_to_user_idx')
    .on('ownership_transfers')
    .column('to_user_id')
    .execute();
}

async function createApiKeys(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (col) =>
      col.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (col) => col.notNull())
    // Visible start of the key (`sk_live_AbCd1234`), so users can tell keys apart.
    .addColumn('prefix', 'text', (col) => col.notNull())
    .addColumn('key_hash', 'text', (col) => col.notNull())
    .addColumn('scopes', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('environment', 'text', (col) => col.notNull())
    .addColumn('created_by_user_id', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addUniqueConstraint('api_keys_key_hash_key', ['key_hash'])
    .addCheckConstraint('api_keys_name_check', sql`char_length(name) between 1 and 64`)
    .addCheckConstraint('api_keys_environment_check', sql`environment in ('live', 'test')`)
    .addCheckConstraint('api_keys_key_hash_check', sql`key_hash ~ '^[0-9a-f]{64}$'`)
    .execute();
  await db.schema.createIndex('api_keys_org_idx').on('api_keys').column('organization_id').execute();
}

async function createCredentialTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mfa_credentials')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('totp_secret_encrypted', 'text')
    .addColumn('webauthn_credential_id', 'text')
    .addColumn('webauthn_public_key', 'bytea')
    .addColumn('webauthn_counter', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('webauthn_transports', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addUniqueConstraint('mfa_credentials_webauthn_credential_id_key', ['webauthn_credential_id'])
    .addCheckConstraint('mfa_credentials_type_check', sql`type in ('totp', 'webauthn')`)
    .addCheckConstraint('mfa_credentials_name_check', sql`char_length(name) between 1 and 64`)
    .addCheckConstraint(
      'mfa_credentials_shape_check',
      sql`(type = 'totp' and totp_secret_encrypted is not null)
        or (type = 'webauthn' and webauthn_credential_id is not null and webauthn_public_key is not null)`,
    )
    .execute();
  await db.schema.createIndex('mfa_credentials_user_idx').on('mfa_credentials').column('user_id').execute();

  await db.schema
    .createTable('mfa_recovery_codes')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('mfa_recovery_codes_user_idx')
    .on('mfa_recovery_codes')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('oauth_accounts')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('provider_user_id', 'text', (col) => col.notNull())
    .addColumn('email', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('oauth_accounts_provider_user_key', ['provider', 'provider_user_id'])
    .addUniqueConstraint('oauth_accounts_user_provider_key', ['user_id', 'provider'])
    .addCheckConstraint('oauth_accounts_provider_check', sql`provider in ('github', 'google')`)
    .execute();

  await db.schema
    .createTable('email_change_requests')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('new_email', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('used_at', 'timestamptz')
    .addUniqueConstraint('email_change_requests_token_hash_key', ['token_hash'])
    .addCheckConstraint('email_change_requests_new_email_check', sql`new_email like '_%@_%'`)
    .execute();
  await db.schema
    .createIndex('email_change_requests_user_idx')
    .on('email_change_requests')
    .column('user_id')
    .execute();
}

/**
 * The audit log is append-only for real (team/audit-log: "cannot be edited or deleted by any user,
 * including the Owner"): triggers enabled ALWAYS refuse UPDATE, DELETE and TRUNCATE for every role,
 * superusers and replication sessions included, and the connecting role holds no UPDATE/DELETE/TRUNCATE
 * privilege. Rows leave only through two SECURITY DEFINER functions: retention pruning (which records an
 * anchor so the hash chain stays verifiable) and the removal of a deleted organization's rows.
 */
async function createAuditLog(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (col) => col.notNull())
    .addColumn('sequence', 'bigint', (col) => col.notNull())
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    // No foreign key: entries outlive their actor; name and email are snapshots.
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_name', 'text')
    .addColumn('actor_email', 'text')
    .addColumn('resource_type', 'text', (col) => col.notNull())
    .addColumn('resource_id', 'text')
    .addColumn('operation', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('note', 'text')
    .addColumn('prev_hash', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .addUniqueConstraint('audit_log_sequence_key', ['organization_id', 'sequence'])
    .addCheckConstraint('audit_log_sequence_check', sql`sequence > 0`)
    .addCheckConstraint('audit_log_hash_check', sql`hash ~ '^[0-9a-f]{64}$' and prev_hash ~ '^[0-9a-f]{64}$'`)
    .execute();
  await db.schema
    .createIndex('audit_log_org_occurred_idx')
    .on('audit_log')
    .columns(['organization_id', 'occurred_at'])
    .execute();

  // Foreign keys deferred, without cascade: an organization can only be deleted in a transaction that
  // also calls audit_log_delete_organization(), the one path that may remove its rows.

  // Where verification starts once retention removed the head of the chain: the last removed row.
  await db.schema
    .createTable('audit_log_anchors')
    .addColumn('organization_id', 'uuid', (col) => col.primaryKey())
    .addColumn('sequence', 'bigint', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .addColumn('pruned_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  for (const table of ['audit_log', 'audit_log_anchors']) {
    await sql`
      alter table ${sql.table(table)} add constraint ${sql.id(`${table}_organization_id_fkey`)}
        foreign key (organization_id) references organizations (id) deferrable initially deferred
    `.execute(db);
  }

  await sql`
    create function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('sendops.audit_log_maintenance', true) = 'on' then
        return old;
      end if;
      raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$
  `.execute(db);
  await sql`
    create trigger audit_log_no_update_delete before update or delete on audit_log
    for each row execute function audit_log_refuse_change()
  `.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change()
  `.execute(db);
  await sql`
    create trigger audit_log_anchors_no_change before update or delete on audit_log_anchors
    for each row execute function audit_log_refuse_change()
  `.execute(db);
  await sql`
    create trigger audit_log_anchors_no_truncate before truncate on audit_log_anchors
    for each statement execute function audit_log_refuse_change()
  `.execute(db);
  // ALWAYS: also fires under session_replication_role = replica, the usual way to silence triggers.
  await sql`alter table audit_log enable always trigger audit_log_no_update_delete`.execute(db);
  await sql`alter table audit_log enable always trigger audit_log_no_truncate`.execute(db);
  await sql`alter table audit_log_anchors enable always trigger audit_log_anchors_no_change`.execute(db);
  await sql`alter table audit_log_anchors enable always trigger audit_log_anchors_no_truncate`.execute(db);

  // Retention by plan (team/audit-log): Free 7 days, Team 90, Business 1 year. Removes the oldest
  // prefix of the chain only (rows before the first one still inside the window) and moves the anchor.
  // The function grants itself DELETE for the length of its own transaction: the table owner (the
  // application's role) holds no standing DELETE privilege, and GRANT/REVOKE are transactional.
  await sql`
    create function audit_log_prune_expired(p_organization_id uuid) returns bigint
    language plpgsql security definer set search_path = public, pg_temp as $$
    declare
      v_days integer;
      v_first_kept bigint;
      v_last_removed record;
      v_removed bigint;
    begin
      perform pg_advisory_xact_lock(hashtextextended('audit_log:' || p_organization_id::text, 0));
      select case plan when 'business' then 365 when 'team' then 90 else 7 end into v_days
        from organizations where id = p_organization_id;
      if v_days is null then
        return 0;
      end if;
      select min(sequence) into v_first_kept from audit_log
        where organization_id = p_organization_id and occurred_at >= now() - make_interval(days => v_days);
      select sequence, hash into v_last_removed from audit_log
        where organization_id = p_organization_id and (v_first_kept is null or sequence < v_first_kept)
        order by sequence desc limit 1;
      if v_last_removed is null then
        return 0;
      end if;
      perform pg_advisory_xact_lock(hashtextextended('audit_log:maintenance', 0));
      execute format('grant delete, insert on audit_log, audit_log_anchors to %I', current_user);
      perform set_config('sendops.audit_log_maintenance', 'on', true);
      delete from audit_log_anchors where organization_id = p_organization_id;
      insert into audit_log_anchors (organization_id, sequence, hash)
        values (p_organization_id, v_last_removed.sequence, v_last_removed.hash);
      delete from audit_log where organization_id = p_organization_id and sequence <= v_last_removed.sequence;
      get diagnostics v_removed = row_count;
      perform set_config('sendops.audit_log_maintenance', 'off', true);
      execute format('revoke delete, insert on audit_log_anchors from %I', current_user);
      execute format('revoke delete on audit_log from %I', current_user);
      return v_removed;
    end $$
  `.execute(db);

  // Only for an organization that is already gone (deleted earlier in the same transaction): the
  // deferred foreign keys above then require its audit rows to leave before commit.
  await sql`
    create function audit_log_delete_organization(p_organization_id uuid) returns bigint
    language plpgsql security definer set search_path = public, pg_temp as $$
    declare
      v_removed bigint;
    begin
      if exists (select 1 from organizations where id = p_organization_id) then
        raise exception 'audit_log rows of an existing organization cannot be removed'
          using errcode = 'insufficient_privilege';
      end if;
      perform pg_advisory_xact_lock(hashtextextended('audit_log:maintenance', 0));
      execute format('grant delete on audit_log, audit_log_anchors to %I', current_user);
      perform set_config('sendops.audit_log_maintenance', 'on', true);
      delete from audit_log_anchors where organization_id = p_organization_id;
      delete from audit_log where organization_id = p_organization_id;
      get diagnostics v_removed = row_count;
      perform set_config('sendops.audit_log_maintenance', 'off', true);
      execute format('revoke delete on audit_log, audit_log_anchors from %I', current_user);
      return v_removed;
    end $$
  `.execute(db);

  // The application connects as the role that runs the migrations: it keeps INSERT and SELECT only.
  await sql`revoke update, delete, truncate on audit_log from public, current_user`.execute(db);
  await sql`revoke insert, update, delete, truncate on audit_log_anchors from public, current_user`.execute(
    db,
  );
  await sql`revoke all on function audit_log_prune_expired(uuid) from public`.execute(db);
  await sql`revoke all on function audit_log_delete_organization(uuid) from public`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await addOrganizationSettings(db);
  await createUsersAndSessions(db);
  await createMembershipTables(db);
  await createApiKeys(db);
  await createCredentialTables(db);
  await createAuditLog(db);
  for (const table of ['users', 'memberships']) {
    await sql`
      create trigger ${sql.id(`${table}_set_updated_at`)} before update on ${sql.table(table)}
      for each row execute function set_updated_at()
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // DROP TABLE is not refused by the triggers (they guard rows, not the schema).
  for (const table of [
    'audit_log_anchors',
    'audit_log',
    'email_change_requests',
    'oauth_accounts',
    'mfa_recovery_codes',
    'mfa_credentials',
    'api_keys',
    'ownership_transfers',
    'invitations',
    'memberships',
    'sessions',
    'users',
    'organization_slug_history',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function audit_log_delete_organization(uuid)`.execute(db);
  await sql`drop function audit_log_prune_expired(uuid)`.execute(db);
  await sql`drop function audit_log_refuse_change()`.execute(db);
  await sql`
    alter table organizations
      drop column plan, drop column session_timeout, drop column mfa_enforced_at, drop column billing_email
  `.execute(db);
}
