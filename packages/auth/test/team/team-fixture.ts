import { randomUUID } from 'node:crypto';
import { type Database, isDomainError, type Plan, type Role, type User } from '@sendops/db';
import { createTestDatabase, type TestDatabase } from '@sendops/db/testing';
import { createMailTransport, type MailTransport } from '@sendops/mail';
import { type CapturedMail, type SmtpCapture, startSmtpCapture } from '@sendops/mail/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  createWorkspace,
  type OrganizationContext,
  resolveOrganizationAccess,
  type TeamDeps,
  type TeamMailer,
} from '../../src/index.ts';

export const PUBLIC_URL = 'http://dashboard.test';

/**
 * One test file's world: its own migrated database, a real SMTP server capturing mail, and team deps
 * whose clock the tests move explicitly (`at(offsetMs)`), never by sleeping.
 */
export interface TeamFixture {
  db: Kysely<Database>;
  smtp: SmtpCapture;
  mailer: TeamMailer;
  /** Base time of the file; offsets are relative to it. */
  t0: Date;
  at(offsetMs?: number): TeamDeps;
  mailErrors: object[];
  close(): Promise<void>;
}

export async function startTeamFixture(): Promise<TeamFixture> {
  const database: TestDatabase = await createTestDatabase();
  const smtp = await startSmtpCapture();
  const transport: MailTransport = createMailTransport(
    { smtpUrl: smtp.url, from: 'SendOps <no-reply@sendops.test>' },
    { info() {} },
  );
  const mailErrors: object[] = [];
  const mailer: TeamMailer = {
    transport,
    publicUrl: PUBLIC_URL,
    logger: { error: (o) => mailErrors.push(o) },
  };
  const t0 = new Date();
  return {
    db: database.db,
    smtp,
    mailer,
    t0,
    at: (offsetMs = 0) => ({ db: database.db, mailer, now: () => new Date(t0.getTime() + offsetMs) }),
    mailErrors,
    async close() {
      await transport.close();
      await smtp.close();
      await database.destroy();
    },
  };
}

/**
 * The file's fixture, started before its tests and closed after them. Its fields are read when a test
 * runs (the fixture does not exist yet while the file is being collected).
 */
export function useTeamFixture(): Omit<TeamFixture, 'close'> {
  let started: TeamFixture | undefined;
  beforeAll(async () => {
    started = await startTeamFixture();
  });
  afterAll(async () => {
    await started?.close();
  });
  const current = (): TeamFixture => {
    if (!started) throw new Error('the team fixture is only there inside tests (it starts in beforeAll)');
    return started;
  };
  return {
    get db() {
      return current().db;
    },
    get smtp() {
      return current().smtp;
    },
    get mailer() {
      return current().mailer;
    },
    get t0() {
      return current().t0;
    },
    get mailErrors() {
      return current().mailErrors;
    },
    at: (offsetMs) => current().at(offsetMs),
  };
}

/** Asserts that `promise` fails with the domain error `code` (anything else fails the test as itself). */
export async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDomainError(error) ? error.code : error).toBe(code);
}

export async function createUser(
  db: Kysely<Database>,
  name: string,
  options: { verified?: boolean; email?: string } = {},
): Promise<User> {
  const email =
    options.email ?? `${name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 8)}@example.com`;
  return db
    .insertInto('users')
    .values({ name, email, email_verified_at: options.verified === false ? null : new Date() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An organization owned by `owner` on the given plan (tests use Team: the Free plan has one seat). */
export async function createOrganizationOwnedBy(db: Kysely<Database>, owner: User, plan: Plan = 'team') {
  const organization = await db
    .transaction()
    .execute((trx) =>
      createWorkspace(trx, { userId: owner.id, name: owner.name, email: owner.email }, 'Acme Mail'),
    );
  await db.updateTable('organizations').set({ plan }).where('id', '=', organization.id).execute();
  return organization;
}

/** Olivia Owner's new organization and the context of her requests on it. */
export async function createOwnedOrganization(db: Kysely<Database>, plan: Plan = 'team') {
  const owner = await createUser(db, 'Olivia Owner');
  const organization = await createOrganizationOwnedBy(db, owner, plan);
  const context = await contextFor(db, organization.slug, owner);
  return { owner, organization, context };
}

export async function addMember(db: Kysely<Database>, organizationId: string, user: User, role: Role) {
  await db
    .insertInto('memberships')
    .values({ organization_id: organizationId, user_id: user.id, role })
    .execute();
}

/** A new user who is a member of the organization with `role`. */
export async function createMember(
  db: Kysely<Database>,
  organizationId: string,
  name: string,
  role: Role,
  options: { verified?: boolean } = {},
): Promise<User> {
  const user = await createUser(db, name, options);
  await addMember(db, organizationId, user, role);
  return user;
}

/** The context the API would build for this user's request on this organization. */
export async function contextFor(
  db: Kysely<Database>,
  slug: string,
  user: User,
): Promise<OrganizationContext> {
  const access = await resolveOrganizationAccess(db, user, slug);
  if (access.kind !== 'member') throw new Error(`${user.email} is not a member of ${slug}`);
  return access.context;
}

export async function auditRows(db: Kysely<Database>, organizationId: string) {
  return db
    .selectFrom('audit_log')
    .select([
      'sequence',
      'actor_user_id',
      'resource_type',
      'resource_id',
      'operation',
      'summary',
      'before',
      'after',
    ])
    .where('organization_id', '=', organizationId)
    .orderBy('sequence')
    .execute();
}

/** The mail that arrived since `before` messages had been captured, waiting for `count` of them. */
export async function mailSince(smtp: SmtpCapture, before: number, count: number): Promise<CapturedMail[]> {
  return (await smtp.waitFor(before + count)).slice(before, before + count);
}

/** The token in an invitation link of a captured mail. */
export function invitationToken(mail: CapturedMail): string {
  const match = new RegExp(`${PUBLIC_URL}/invitations/([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match?.[1]) throw new Error(`no invitation link in mail to ${mail.to}`);
  return match[1];
}

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
