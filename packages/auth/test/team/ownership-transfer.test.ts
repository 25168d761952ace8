import { describe, expect, it } from 'vitest';
import {
  acceptOwnershipTransfer,
  cancelOwnershipTransfer,
  createSession,
  expireOwnershipTransfers,
  getOwnershipTransfer,
  startOwnershipTransfer,
} from '../../src/index.ts';
import {
  auditRows,
  contextFor,
  createMember,
  createOwnedOrganization,
  createUser,
  expectCode,
  HOUR,
  mailSince,
  useTeamFixture,
} from './team-fixture.ts';

const f = useTeamFixture();

async function team() {
  const { owner, organization, context: ownerContext } = await createOwnedOrganization(f.db);
  const admin = await createMember(f.db, organization.id, 'Ada Admin', 'org_admin');
  const viewer = await createMember(f.db, organization.id, 'Vic Viewer', 'viewer');
  const unverified = await createMember(f.db, organization.id, 'Una Verified', 'developer', {
    verified: false,
  });
  return {
    organization,
    owner,
    admin,
    viewer,
    unverified,
    ownerContext,
    adminContext: await contextFor(f.db, organization.slug, admin),
    viewerContext: await contextFor(f.db, organization.slug, viewer),
  };
}

const roleOf = async (organizationId: string, userId: string) =>
  (
    await f.db
      .selectFrom('memberships')
      .select('role')
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow()
  ).role;

describe('starting a transfer', () => {
  it('Owner only; the target must be another member with a verified email', async () => {
    const t = await team();
    await expectCode(
      startOwnershipTransfer(f.at(), t.adminContext, { targetUserId: t.viewer.id }),
      'forbidden',
    );
    await expectCode(startOwnershipTransfer(f.at(), t.ownerContext, { targetUserId: t.owner.id }), 'invalid');
    await expectCode(
      startOwnershipTransfer(f.at(), t.ownerContext, { targetUserId: t.unverified.id }),
      'conflict',
    );
    const outsider = await createUser(f.db, 'Out Sider');
    await expectCode(
      startOwnershipTransfer(f.at(), t.ownerContext, { targetUserId: outsider.id }),
      'not_found',
    );
    await expectCode(startOwnershipTransfer(f.at(), t.ownerContext, { targetUserId: 'x' }), 'not_found');
    expect(await getOwnershipTransfer(f.at(), t.viewerContext)).toBeNull();
  });

  it('opens a 72-hour window, mails both parties, audits, and allows one pending at a time', async () => {
    const t = await team();
    const mailed = f.smtp.messages.length;
    const transfer = await startOwnershipTransfer(f.at(), t.ownerContext, { targetUserId: t.admin.id });
    expect(transfer).toMatchObject({
      from: { userId: t.owner.id, name: 'Olivia Owner', email: t.owner.email },
      to: { userId: t.admin.id, name: 'Ada Admin', email: t.admin.email },
      expiresAt: new Date(f.t0.getTime() + 72 * HOUR).toISOString(),
    });
    const mails = await mailSince(f.smtp, mailed, 2);
    expect(mails.map((m) => m.rcptTo)).toEqual([[t.admin.email], [t.owner.email]]);
    expect(mails[0]?.subject).toBe('Olivia Owner wants to transfer ownership of Acme Mail to you');
    expect(mails[0]?.text).toContain(`Accept ownership: http://dashboard.test/o/${t.organization.slug}`);
    expect((await auditRows(f.db, t.organization.id)).at(-1)).toMatchObject({
      actor_user_id: t.owner.id,
      resource_type: 'ownership_transfer',
      resource_id: transfer.id,
      operation: 'initiated',
    });
    // Every member sees it (the Team page banner).
    expect(await getOwnershipTransfer(f.at(), t.viewerContext)).toEqual(transfer);
    await expectCode(
      startOwnershipTransfer(f.at(), t.ownerContext, { targetUserId: t.viewer.id }),
      'conflict',
    );
  });
});

describe('cancelling', () => {
  it('by the Owner: the target is told, it is audited, and a new transfer can start at once', async () => {
    const t = await team();
    const transfer = await startOwnershipTransfer(f.at(), t.ownerContext, { targetUserId: t.admin.id });
    await expectCode(cancelOwnershipTransfer(f.at(), t.adminContext), 'forbidden');
    const mailed = f.smtp.messages.length;
    await cancelOwnershipTransfer(f.at(HOUR), t.ownerContext);
    expect(f.smtp.messages.length).toBe(mailed + 1);
    const [mail] = await mailSince(f.smtp, mailed, 1);
    expect(mail?.rcptTo).toEqual([t.admin.email]);
    expect(mail?.subject).toBe('Ownership transfer of Acme Mail cancelled');
    expect((await auditRows(f.db, t.organization.id)).at(-1)).toMatchObject({
      resource_id: transfer.id,
      operation: 'cancelled',
      actor_user_id: t.owner.id,
    });
    expect(await getOwnershipTransfer(f.at(HOUR), t.viewerContext)).toBeNull();
    await expectCode(cancelOwnershipTransfer(f.at(HOUR), t.ownerContext), 'not_found');
    await startOwnershipTransfer(f.at(HOUR), t.ownerContext, { targetUserId: t.viewer.id });
  });
});

describe('accepting', () => {
  it('swaps Owner and Org Admin, signs both out everywhere, mails both, audits once', async () => {
    const t = await team();
    const transfer = await startOwnershipTransfer(f.at(), t.ownerContext, { targetUserId: t.viewer.id });
    for (const user of [t.owner, t.viewer, t.admin]) await createSession(f.db, user.id, 'active');

    await expectCode(acceptOwnershipTransfer(f.at(), t.adminContext), 'not_found');
    const audited = (await auditRows(f.db, t.organization.id)).length;
    const mailed = f.smtp.messages.length;
    expect(await acceptOwnershipTransfer(f.at(71 * HOUR), t.viewerContext)).toEqual({
      formerOwnerId: t.owner.id,
      newOwnerId: t.viewer.id,
    });

    expect(await roleOf(t.organization.id, t.viewer.id)).toBe('owner');
    expect(await roleOf(t.organization.id, t.owner.id)).toBe('org_admin');
    const sessions = await f.db
      .selectFrom('sessions')
      .select('user_id')
      .where('user_id', 'in', [t.owner.id, t.viewer.id, t.admin.id])
      .execute();
    expect(sessions.map((s) => s.user_id)).toEqual([t.admin.id]);

    const mails = await mailSince(f.smtp, mailed, 2);
    expect(mails.map((m) => m.rcptTo)).toEqual([[t.viewer.email], [t.owner.email]]);
    expect(mails[0]?.subject).toBe('You are now the Owner of Acme Mail');
    const audit = await auditRows(f.db, t.organization.id);
    expect(audit.length).toBe(audited + 1);
    expect(audit.at(-1)).toMatchObject({
      actor_user_id: t.viewer.id,
      resource_type: 'ownership_transfer',
      resource_id: transfer.id,
      operation: 'accepted',
    });
    expect(await getOwnershipTransfer(f.at(71 * HOUR), t.viewerContext)).toBeNull();

    // The former Owner, now an Org Admin, can no longer transfer; the new Owner can.
    const former = await contextFor(f.db, t.organization.slug, t.owner);
    await expectCode(startOwnershipTransfer(f.at(), former, { targetUserId: t.admin.id }), 'forbidden');
    const newOwner = await contextFor(f.db, t.organization.slug, t.viewer);
    await startOwnershipTransfer(f.at(71 * HOUR), newOwner, { targetUserId: t.owner.id });
  });

  it('requires MFA of the target when the organization enforces it', async () => {
    const t = await team();
    await f.db
      .updateTable('organizations')
      .set({ mfa_enforced_at: f.t0 })
      .where('id', '=', t.organization.id)
      .execute();
    await startOwnershipTransfer(f.at(), t.ownerContext, { targetUserId: t.admin.id });
    await expectCode(acceptOwnershipTransfer(f.at(), t.adminContext), 'mfa_required');
    expect(await roleOf(t.organization.id, t.admin.id)).toBe('org_admin');
    await f.db
      .insertInto('mfa_credentials')
      .values({ user_id: t.admin.id, type: 'totp', name: 'Phone', totp_secret_encrypted: 'sealed' })
      .execute();
    await acceptOwnershipTransfer(f.at(), t.adminContext);
    expect(await roleOf(t.organization.id, t.admin.id)).toBe('owner');
  });
});

describe('expiry', () => {
  it('after 72 hours acceptance is refused; the sweep expires it, audits, mails both; a new one can start', async () => {
    const t = await team();
    const transfer = await startOwnershipTransfer(f.at(), t.ownerContext, { targetUserId: t.admin.id });
    await expectCode(acceptOwnershipTransfer(f.at(72 * HOUR), t.adminContext), 'expired');
    expect(await getOwnershipTransfer(f.at(72 * HOUR), t.viewerContext)).toBeNull();

    // Just before the end, the sweep leaves it alone.
    const early = f.smtp.messages.length;
    await expireOwnershipTransfers(f.db, f.mailer, new Date(f.t0.getTime() + 72 * HOUR - 1));
    expect(await getOwnershipTransfer(f.at(72 * HOUR - 1), t.viewerContext)).toEqual(transfer);
    expect(f.smtp.messages.length).toBe(early);

    const mailed = f.smtp.messages.length;
    const expired = await expireOwnershipTransfers(f.db, f.mailer, new Date(f.t0.getTime() + 72 * HOUR));
    expect(expired).toBeGreaterThanOrEqual(1);
    const row = await f.db
      .selectFrom('ownership_transfers')
      .select('status')
      .where('id', '=', transfer.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('expired');
    expect((await auditRows(f.db, t.organization.id)).at(-1)).toMatchObject({
      actor_user_id: null,
      resource_type: 'ownership_transfer',
      resource_id: transfer.id,
      operation: 'expired',
    });
    const mine = f.smtp.messages
      .slice(mailed)
      .filter((m) => [t.admin.email, t.owner.email].includes(m.rcptTo[0] as string));
    expect(mine.every((m) => m.subject === 'Ownership transfer of Acme Mail expired')).toBe(true);
    expect(mine.map((m) => m.rcptTo).sort()).toEqual([[t.admin.email], [t.owner.email]].sort());
    expect(await expireOwnershipTransfers(f.db, f.mailer, new Date(f.t0.getTime() + 72 * HOUR))).toBe(0);

    await startOwnershipTransfer(f.at(72 * HOUR), t.ownerContext, { targetUserId: t.admin.id });
  });

  it('a transfer past its window but not yet swept does not block a new one: it is closed as expired first', async () => {
    const t = await team();
    const stale = await startOwnershipTransfer(f.at(), t.ownerContext, { targetUserId: t.admin.id });
    const fresh = await startOwnershipTransfer(f.at(80 * HOUR), t.ownerContext, {
      targetUserId: t.viewer.id,
    });
    const rows = await f.db
      .selectFrom('ownership_transfers')
      .select(['id', 'status'])
      .where('organization_id', '=', t.organization.id)
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [stale.id]: 'expired',
      [fresh.id]: 'pending',
    });
    expect((await auditRows(f.db, t.organization.id)).slice(-2).map((r) => r.operation)).toEqual([
      'expired',
      'initiated',
    ]);
  });
});
