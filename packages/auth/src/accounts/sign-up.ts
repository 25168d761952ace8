import { type Database, DomainError, findDemoOrganization, type NewUser, type User } from '@sendops/db';
import { type Kysely, sql, type Transaction } from 'kysely';
import { createWorkspace } from '../organizations/create-workspace.ts';
import { createSession, type IssuedSession, type SessionClient } from '../sessions/create-session.ts';
import { assertPasswordPolicy, hashPassword } from './passwords.ts';
import { normalizeEmail, normalizeUserName } from './user-fields.ts';

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
}

export interface SignUpResult {
  user: User;
  issued: IssuedSession;
}

/** "Jane Doe" -> "Jane's workspace", within the 64-character organization name limit. */
export function defaultWorkspaceName(userName: string): string {
  const first = userName.split(/\s+/)[0] ?? userName;
  return `${first.slice(0, 40)}'s workspace`;
}

/**
 * The account half of sign-up, shared with OAuth sign-up: the user, their own organization with them as
 * Owner, and a Viewer membership of the demo workspace. `conflict` when the email is taken.
 */
export async function createAccount(
  trx: Transaction<Database>,
  values: Omit<NewUser, 'id' | 'created_at' | 'updated_at'>,
): Promise<User> {
  const user = await trx
    .insertInto('users')
    .values(values)
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!user) throw new DomainError('conflict', 'an account with this email already exists');
  await createWorkspace(
    trx,
    { userId: user.id, name: user.name, email: user.email },
    defaultWorkspaceName(user.name),
  );
  const demo = await findDemoOrganization(trx);
  if (demo) {
    // No audit entry in the demo: its log is visible to every user and would list who signed up.
    await trx
      .insertInto('memberships')
      .values({ organization_id: demo.id, user_id: user.id, role: 'viewer' })
      .onConflict((oc) => oc.columns(['organization_id', 'user_id']).doNothing())
      .execute();
  }
  return user;
}

/**
 * Creates the user, their own organization with them as Owner, and a Viewer membership of the demo
 * workspace when the installation has one (getting-started/creating-your-account); signs them in.
 */
export async function signUp(
  db: Kysely<Database>,
  input: SignUpInput,
  client: SessionClient = {},
): Promise<SignUpResult> {
  const name = normalizeUserName(input.name);
  const email = normalizeEmail(input.email);
  assertPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);

  return db.transaction().execute(async (trx) => {
    const user = await createAccount(trx, { name, email, password_hash: passwordHash });
    const issued = await createSession(trx, user.id, 'active', client);
    return { user, issued };
  });
}
