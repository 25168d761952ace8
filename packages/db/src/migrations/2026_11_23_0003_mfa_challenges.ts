import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code. MFA state between two requests:
// an authenticator-app secret awaiting its first code, and WebAuthn challenges awaiting the signed answer.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Time step of the last accepted code: the same code (or an older one) is never accepted twice.
  await db.schema.alterTable('mfa_credentials').addColumn('totp_last_counter', 'bigint').execute();

  await db.schema
    .createTable('mfa_challenges')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (col) => col.notNull())
    // The pending sign-in session a WebAuthn sign-in challenge belongs to (null for enrolment).
    .addColumn('session_id', 'uuid', (col) => col.references('sessions.id').onDelete('cascade'))
    .addColumn('totp_secret_encrypted', 'text')
    .addColumn('webauthn_challenge', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addCheckConstraint(
      'mfa_challenges_purpose_check',
      sql`purpose in ('totp_setup', 'webauthn_registration', 'webauthn_authentication')`,
    )
    .addCheckConstraint(
      'mfa_challenges_shape_check',
      sql`(purpose = 'totp_setup' and totp_secret_encrypted is not null)
        or (purpose = 'webauthn_registration' and webauthn_challenge is not null)
        or (purpose = 'webauthn_authentication' and webauthn_challenge is not null and session_id is not null)`,
    )
    .execute();
  await db.schema.createIndex('mfa_challenges_user_idx').on('mfa_challenges').column('user_id').execute();
  await db.schema
    .createIndex('mfa_recovery_codes_user_code_key')
    .on('mfa_recovery_codes')
    .columns(['user_id', 'code_hash'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('mfa_recovery_codes_user_code_key').execute();
  await db.schema.dropTable('mfa_challenges').execute();
  await db.schema.alterTable('mfa_credentials').dropColumn('totp_last_counter').execute();
}
