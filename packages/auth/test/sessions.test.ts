import { createOrganization } from '@sendops/db';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createSession, promoteMfaSession, resolveSession, sha256Hex, signUp } from '../src/index.ts';
import { useTestDatabase } from './database-fixture.ts';

const database = useTestDatabase();

let n = 0;
const newUser = async () =>
  (
    await signUp(database.db, {
      name: 'Session User',
      email: `session-${++n}-${Date.now()}@example.com`,
      password: 'long enough',
    })
  ).user;

const idleFor = (sessionId: string, minutes: number) =>
  sql`update sessions set last_seen_at = now() - make_interval(mins => ${minutes}) where id = ${sessionId}`.execute(
    database.db,
  );

describe('sessions', () => {
  it('store only hashes of the cookie and CSRF tokens', async () => {
    const user = await newUser();
    const issued = await createSession(database.db, user.id, 'active');
    expect(issued.session.token_hash).toBe(sha256Hex(issued.token));
    expect(issued.session.csrf_token_hash).toBe(sha256Hex(issued.csrfToken));
    expect((await resolveSession(database.db, issued.token))?.user.id).toBe(user.id);
    expect(await resolveSession(database.db, issued.session.token_hash)).toBeUndefined();
  });

  it('promote a pending MFA sign-in to a new active session; the pending token dies', async () => {
    const user = await newUser();
    const pending = await createSession(database.db, user.id, 'mfa_pending');
    const active = await promoteMfaSession(database.db, pending.session);
    expect(active.session.stage).toBe('active');
    expect(active.token).not.toBe(pending.token);
    expect(await resolveSession(database.db, pending.token)).toBeUndefined();
    expect((await resolveSession(database.db, active.token))?.session.stage).toBe('active');
    await expect(promoteMfaSession(database.db, pending.session)).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    await expect(promoteMfaSession(database.db, active.session)).rejects.toMatchObject({ code: 'conflict' });
  });

  it("time out after the shortest of the user's workspace settings, ignoring the demo's", async () => {
    const user = await newUser();
    const { organization: second } = await createOrganization(database.db, { name: 'Strict workspace' });
    await database.db
      .insertInto('memberships')
      .values({ organization_id: second.id, user_id: user.id, role: 'viewer' })
      .execute();
    const { organization: demo } = await createOrganization(database.db, { name: 'Demo', isDemo: true });
    await database.db
      .updateTable('organizations')
      .set({ session_timeout: '1h' })
      .where('id', '=', demo.id)
      .execute();
    await database.db
      .insertInto('memberships')
      .values({ organization_id: demo.id, user_id: user.id, role: 'viewer' })
      .execute();
    await database.db
      .updateTable('organizations')
      .set({ session_timeout: '4h' })
      .where('id', '=', second.id)
      .execute();

    const issued = await createSession(database.db, user.id, 'active');
    await idleFor(issued.session.id, 3 * 60 + 50);
    expect(await resolveSession(database.db, issued.token)).toBeDefined();
    await idleFor(issued.session.id, 4 * 60 + 10);
    expect(await resolveSession(database.db, issued.token)).toBeUndefined();
  });
});
