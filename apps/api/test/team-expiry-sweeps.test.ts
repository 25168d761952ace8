import { loadConfig } from '@sendops/config';
import { createMailTransport } from '@sendops/mail';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiApp } from '../src/build-api-app.ts';
import { call, uniqueEmail } from './support/api-harness.ts';
import { addMember } from './support/org-fixtures.ts';
import { startTeamHarness, type TeamHarness, teamOrganization, verifyEmail } from './support/team-harness.ts';

let h: TeamHarness;
beforeAll(async () => {
  h = await startTeamHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('expiry sweeps run by the listening API', () => {
  it('close transfers and invitations past their window, with audit entries and expiry emails', async () => {
    const org = await teamOrganization(h);
    const admin = await addMember(h.app, h.test.db, org, 'org_admin');
    await verifyEmail(h.test.db, admin.userId);
    const base = `/api/orgs/${org.slug}`;
    const { transfer } = (
      await call(h.app, org.owner, 'POST', `${base}/ownership-transfer`, { targetUserId: admin.userId })
    ).json();
    const { invitation } = (
      await call(h.app, org.owner, 'POST', `${base}/invitations`, { email: uniqueEmail(), role: 'viewer' })
    ).json();
    const past = new Date('2020-01-01T00:00:00Z');
    await h.test.db
      .updateTable('ownership_transfers')
      .set({ expires_at: past })
      .where('id', '=', transfer.id)
      .execute();
    await h.test.db
      .updateTable('invitations')
      .set({ expires_at: past })
      .where('id', '=', invitation.id)
      .execute();

    // A second app on the same database, listening: the first sweep runs on listen, close waits for it.
    const mailed = h.smtp.messages.length;
    const listening = await buildApiApp({
      config: loadConfig({}, { NODE_ENV: 'test' }),
      db: h.test.db,
      logger: pino({ level: 'silent' }),
      mail: createMailTransport(
        { smtpUrl: h.smtp.url, from: 'SendOps <no-reply@sendops.test>' },
        { info() {} },
      ),
    });
    await listening.listen({ port: 0, host: '127.0.0.1' });
    await listening.close();

    const transferRow = await h.test.db
      .selectFrom('ownership_transfers')
      .select('status')
      .where('id', '=', transfer.id)
      .executeTakeFirstOrThrow();
    expect(transferRow.status).toBe('expired');
    const invitationRow = await h.test.db
      .selectFrom('invitations')
      .select('status')
      .where('id', '=', invitation.id)
      .executeTakeFirstOrThrow();
    expect(invitationRow.status).toBe('expired');
    expect(
      h.smtp.messages
        .slice(mailed)
        .filter((m) => m.subject.endsWith('expired'))
        .map((m) => m.rcptTo[0])
        .sort(),
    ).toEqual([admin.email, org.owner.email].sort());

    const audit = (await call(h.app, org.owner, 'GET', `${base}/audit-log`)).json();
    expect(
      audit.items
        .slice(0, 2)
        .map((i: { resourceType: string; operation: string; actor: unknown }) => [
          i.resourceType,
          i.operation,
          i.actor,
        ]),
    ).toEqual([
      ['invitation', 'expired', null],
      ['ownership_transfer', 'expired', null],
    ]);
  });
});
