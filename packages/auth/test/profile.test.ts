import { randomBytes } from 'node:crypto';
import { isDomainError } from '@sendops/db';
import { createTestDatabase, type TestDatabase } from '@sendops/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../src/accounts/passwords.ts';
import { changePassword } from '../src/profile/change-password.ts';
import { disconnectProvider, listConnections } from '../src/profile/connections.ts';
import { confirmEmailChange, EMAIL_CHANGE_TTL_MS, requestEmailChange } from '../src/profile/email-change.ts';
import { isIanaTimeZone } from '../src/profile/time-zone.ts';
import { updateProfile } from '../src/profile/update-profile.ts';
import { createSession } from '../src/sessions/create-session.ts';

let test: TestDatabase;
let passwordHash: string;
beforeAll(async () => {
  test = await createTestDatabase();
  passwordHash = await hashPassword('correct horse');
});
afterAll(async () => {
  await test?.destroy();
});

const T0 = new Date('2026-03-02T09:00:00Z');
const uniqueEmail = () => `user-${randomBytes(6).toString('hex')}@example.com`;
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

async function newUser(withPassword = true) {
  return test.db
    .insertInto('users')
    .values({ name: 'Ada Lovelace', email: uniqueEmail(), password_hash: withPassword ? passwordHash : null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

describe('updateProfile', () => {
  it('updates name, timezone, week start and theme, and reads back unchanged with no changes', async () => {
    const user = await newUser();
    const updated = await updateProfile(test.db, user.id, {
      name: '  Ada King  ',
      timezone: 'America/Argentina/Buenos_Aires',
      followBrowserTimezone: false,
      weekStart: 'sunday',
      theme: 'dark',
    });
    expect(updated).toMatchObject({
      name: 'Ada King',
      timezone: 'America/Argentina/Buenos_Aires',
      follow_browser_timezone: false,
      week_start: 'sunday',
      theme: 'dark',
    });
    expect(await updateProfile(test.db, user.id, {})).toMatchObject({ name: 'Ada King', theme: 'dark' });
    expect((await updateProfile(test.db, user.id, { timezone: null })).timezone).toBeNull();
  });

  it('refuses a name over 200 characters, an empty one, and unknown time zones', async () => {
    const user = await newUser();
    expect((await updateProfile(test.db, user.id, { name: 'x'.repeat(200) })).name).toHaveLength(200);
    for (const changes of [
      { name: 'x'.repeat(201) },
      { name: '   ' },
      { timezone: 'Mars/Olympus' },
      { timezone: '+01:00' },
    ]) {
      expect(isDomainError(await rejection(updateProfile(test.db, user.id, changes)), 'invalid')).toBe(true);
    }
  });

  it('knows IANA zones from the runtime database', () => {
    expect(isIanaTimeZone('Europe/Paris')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('Europe/Atlantis')).toBe(false);
    expect(isIanaTimeZone('GMT+1:00')).toBe(false);
    expect(isIanaTimeZone('')).toBe(false);
  });
});

describe('changePassword', () => {
  it('needs the current password, then signs out every other session', async () => {
    const user = await newUser();
    const current = (await createSession(test.db, user.id, 'active')).session;
    const other = (await createSession(test.db, user.id, 'active')).session;

    const wrong = await rejection(
      changePassword(
        test.db,
        user.id,
        { currentPassword: 'wrong one', newPassword: 'new password 1' },
        current.id,
      ),
    );
    expect(isDomainError(wrong, 'invalid')).toBe(true);
    const missing = await rejection(
      changePassword(test.db, user.id, { newPassword: 'new password 1' }, current.id),
    );
    expect(isDomainError(missing, 'invalid')).toBe(true);
    const short = await rejection(
      changePassword(
        test.db,
        user.id,
        { currentPassword: 'correct horse', newPassword: 'short' },
        current.id,
      ),
    );
    expect(isDomainError(short, 'invalid')).toBe(true);

    await changePassword(
      test.db,
      user.id,
      { currentPassword: 'correct horse', newPassword: 'new password 1' },
      current.id,
    );
    const row = await test.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash!, 'new password 1')).toBe(true);
    const sessions = await test.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    expect(sessions.map((s) => s.id)).toEqual([current.id]);
    expect(sessions.some((s) => s.id === other.id)).toBe(false);
  });

  it('lets an OAuth-only account set its first password without a current one', async () => {
    const user = await newUser(false);
    const session = (await createSession(test.db, user.id, 'active')).session;
    await changePassword(test.db, user.id, { newPassword: 'first password' }, session.id);
    const row = await test.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash!, 'first password')).toBe(true);
  });
});

describe('email change', () => {
  it('changes the email only once the token comes back, within 24 hours, once', async () => {
    const user = await newUser();
    const newEmail = uniqueEmail().toUpperCase();
    const requested = await requestEmailChange(test.db, user, newEmail, T0);
    expect(requested.newEmail).toBe(newEmail.toLowerCase());
    expect(requested.expiresAt).toEqual(new Date(T0.getTime() + EMAIL_CHANGE_TTL_MS));
    const stored = await test.db
      .selectFrom('email_change_requests')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(requested.token);
    expect(
      (await test.db.selectFrom('users').select('email').where('id', '=', user.id).executeTakeFirstOrThrow())
        .email,
    ).toBe(user.email);

    const someoneElse = await newUser();
    expect(
      isDomainError(
        await rejection(confirmEmailChange(test.db, someoneElse.id, requested.token, T0)),
        'invalid',
      ),
    ).toBe(true);

    const changed = await confirmEmailChange(
      test.db,
      user.id,
      requested.token,
      new Date(T0.getTime() + EMAIL_CHANGE_TTL_MS - 1000),
    );
    expect(changed.email).toBe(newEmail.toLowerCase());
    expect(changed.email_verified_at).not.toBeNull();
    expect(
      isDomainError(await rejection(confirmEmailChange(test.db, user.id, requested.token, T0)), 'invalid'),
    ).toBe(true);
  });

  it('refuses an expired link, a replaced link, a taken address, and OAuth-only accounts', async () => {
    const user = await newUser();
    const first = await requestEmailChange(test.db, user, uniqueEmail(), T0);
    const expired = await rejection(
      confirmEmailChange(test.db, user.id, first.token, new Date(T0.getTime() + EMAIL_CHANGE_TTL_MS)),
    );
    expect(isDomainError(expired, 'expired')).toBe(true);

    const older = await requestEmailChange(test.db, user, uniqueEmail(), T0);
    await requestEmailChange(test.db, user, uniqueEmail(), T0);
    expect(
      isDomainError(await rejection(confirmEmailChange(test.db, user.id, older.token, T0)), 'invalid'),
    ).toBe(true);

    const other = await newUser();
    expect(
      isDomainError(
        await rejection(requestEmailChange(test.db, user, other.email.toUpperCase(), T0)),
        'conflict',
      ),
    ).toBe(true);
    expect(isDomainError(await rejection(requestEmailChange(test.db, user, user.email, T0)), 'invalid')).toBe(
      true,
    );
    expect(
      isDomainError(await rejection(requestEmailChange(test.db, user, 'not an email', T0)), 'invalid'),
    ).toBe(true);
    const oauthOnly = await newUser(false);
    expect(
      isDomainError(await rejection(requestEmailChange(test.db, oauthOnly, uniqueEmail(), T0)), 'conflict'),
    ).toBe(true);

    // The address was free when asked for, but taken before the link came back.
    const race = await requestEmailChange(test.db, user, uniqueEmail(), T0);
    await test.db.insertInto('users').values({ name: 'Squatter', email: race.newEmail }).execute();
    expect(
      isDomainError(await rejection(confirmEmailChange(test.db, user.id, race.token, T0)), 'conflict'),
    ).toBe(true);
  });
});

describe('connected accounts', () => {
  it('lists providers and disconnects them while another sign-in method remains', async () => {
    const user = await newUser(false);
    await test.db
      .insertInto('oauth_accounts')
      .values([
        { user_id: user.id, provider: 'github', provider_user_id: randomBytes(4).toString('hex') },
        { user_id: user.id, provider: 'google', provider_user_id: randomBytes(4).toString('hex') },
      ])
      .execute();
    expect((await listConnections(test.db, user.id)).map((c) => c.provider)).toEqual(['github', 'google']);
    await disconnectProvider(test.db, user.id, 'github');
    const last = await rejection(disconnectProvider(test.db, user.id, 'google'));
    expect(isDomainError(last, 'conflict')).toBe(true);
    expect(isDomainError(await rejection(disconnectProvider(test.db, user.id, 'github')), 'not_found')).toBe(
      true,
    );
    expect((await listConnections(test.db, user.id)).map((c) => c.provider)).toEqual(['google']);
  });

  it('lets a password account disconnect its only provider', async () => {
    const user = await newUser(true);
    await test.db
      .insertInto('oauth_accounts')
      .values({ user_id: user.id, provider: 'google', provider_user_id: randomBytes(4).toString('hex') })
      .execute();
    await disconnectProvider(test.db, user.id, 'google');
    expect(await listConnections(test.db, user.id)).toEqual([]);
  });
});
