import type { DbExecutor } from '@sendops/db';
import { generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode } from './recovery-codes.ts';

/** Replaces the user's recovery codes with ten new ones and returns them (the only time they are seen). */
export async function issueRecoveryCodes(db: DbExecutor, userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('mfa_recovery_codes')
    .values(
      codes.map((code) => ({ user_id: userId, code_hash: hashRecoveryCode(normalizeRecoveryCode(code)!) })),
    )
    .execute();
  return codes;
}

/** Marks the code used; true only the first time a valid, unused code of this user is presented. */
export async function consumeRecoveryCode(
  db: DbExecutor,
  userId: string,
  input: string,
  now: Date,
): Promise<boolean> {
  const normalized = normalizeRecoveryCode(input);
  if (normalized === null) return false;
  // One conditional UPDATE: two concurrent sign-ins with the same code cannot both succeed.
  const used = await db
    .updateTable('mfa_recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashRecoveryCode(normalized))
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return used !== undefined;
}

export async function countUnusedRecoveryCodes(db: DbExecutor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('mfa_recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deleteRecoveryCodes(db: DbExecutor, userId: string): Promise<void> {
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
}
