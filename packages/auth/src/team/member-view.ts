import type { Database, Role } from '@sendops/db';
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';

/** A member as the Team page lists it. */
export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
  mfaEnabled: boolean;
}

const hasMfa = (eb: ExpressionBuilder<Database, 'memberships' | 'users'>) =>
  eb.exists(
    eb.selectFrom('mfa_credentials').select('id').whereRef('mfa_credentials.user_id', '=', 'users.id'),
  );

/** The organization's members, or one of them; always scoped to the organization. */
export function selectMembers(db: Kysely<Database> | Transaction<Database>, organizationId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select((eb) => [
      'users.id as userId',
      'users.name',
      'users.email',
      'memberships.role',
      'memberships.created_at as joinedAt',
      hasMfa(eb).as('mfaEnabled'),
    ])
    .where('memberships.organization_id', '=', organizationId);
}

export function memberView(row: {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
  mfaEnabled: boolean | number;
}): MemberView {
  return { ...row, joinedAt: row.joinedAt.toISOString(), mfaEnabled: Boolean(row.mfaEnabled) };
}
