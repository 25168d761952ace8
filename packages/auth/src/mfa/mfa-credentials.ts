import {
  type Database,
  type DbExecutor,
  DomainError,
  isUuid,
  type MfaCredentialType,
  type NewMfaCredential,
} from '@sendops/db';
import type { Kysely, Transaction } from 'kysely';
import { hasMfa } from '../me/get-me.ts';

import { deleteRecoveryCodes, issueRecoveryCodes } from './recovery-code-store.ts';

export const CREDENTIAL_NAME_MAX = 64;

/** What the user sees of a credential: never its secret or key material. */
export interface MfaCredentialSummary {
  id: string;
  type: MfaCredentialType;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface AddedCredential {
  credential: MfaCredentialSummary;
  /** Ten fresh codes when this is the user's first method (shown once), else null. */
  recoveryCodes: string[] | null;
}

export function credentialName(value: string): string {
  const name = value.trim();
  if (name.length === 0 || name.length > CREDENTIAL_NAME_MAX) {
    throw new DomainError('invalid', `name must be 1 to ${CREDENTIAL_NAME_MAX} characters`);
  }
  return name;
}

export async function listMfaCredentials(db: DbExecutor, userId: string): Promise<MfaCredentialSummary[]> {
  const rows = await db
    .selectFrom('mfa_credentials')
    .select(['id', 'type', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(summary);
}

/**
 * Stores a verified credential. The first one turns MFA on and comes with recovery codes
 * (team/account-settings); the user row is locked so two first enrolments cannot both issue codes.
 * Runs in the caller's transaction, which also consumes the enrolment challenge.
 */
export async function addMfaCredential(
  tx: Transaction<Database>,
  values: Omit<NewMfaCredential, 'id' | 'created_at'>,
): Promise<AddedCredential> {
  await tx.selectFrom('users').select('id').where('id', '=', values.user_id).forUpdate().execute();
  const first = !(await hasMfa(tx, values.user_id));
  const row = await tx
    .insertInto('mfa_credentials')
    .values(values)
    .returning(['id', 'type', 'name', 'created_at', 'last_used_at'])
    .executeTakeFirstOrThrow();
  const recoveryCodes = first ? await issueRecoveryCodes(tx, values.user_id) : null;
  return { credential: summary(row), recoveryCodes };
}

export async function renameMfaCredential(
  db: DbExecutor,
  userId: string,
  credentialId: string,
  name: string,
): Promise<MfaCredentialSummary> {
  const newName = credentialName(name);
  const row = isUuid(credentialId)
    ? await db
        .updateTable('mfa_credentials')
        .set({ name: newName })
        .where('id', '=', credentialId)
        .where('user_id', '=', userId)
        .returning(['id', 'type', 'name', 'created_at', 'last_used_at'])
        .executeTakeFirst()
    : undefined;
  if (!row) throw new DomainError('not_found', 'credential not found');
  return summary(row);
}

/** Removes a credential; removing the last one turns MFA off, so its recovery codes go too. */
export async function removeMfaCredential(
  db: Kysely<Database>,
  userId: string,
  credentialId: string,
): Promise<{ mfaEnabled: boolean }> {
  if (!isUuid(credentialId)) throw new DomainError('not_found', 'credential not found');
  return db.transaction().execute(async (tx) => {
    await tx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
    const removed = await tx
      .deleteFrom('mfa_credentials')
      .where('id', '=', credentialId)
      .where('user_id', '=', userId)
      .returning('id')
      .executeTakeFirst();
    if (!removed) throw new DomainError('not_found', 'credential not found');
    const mfaEnabled = await hasMfa(tx, userId);
    if (!mfaEnabled) await deleteRecoveryCodes(tx, userId);
    return { mfaEnabled };
  });
}

/** New recovery codes (the previous set stops working at once); only while MFA is on. */
export async function regenerateRecoveryCodes(db: Kysely<Database>, userId: string): Promise<string[]> {
  return db.transaction().execute(async (tx) => {
    await tx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
    if (!(await hasMfa(tx, userId))) {
      throw new DomainError('conflict', 'set up an authenticator app or security key first');
    }
    return issueRecoveryCodes(tx, userId);
  });
}

function summary(row: {
  id: string;
  type: MfaCredentialType;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
}): MfaCredentialSummary {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}
