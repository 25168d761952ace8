import { createOrganization } from '@sendops/db';
import { describe, expect, it } from 'vitest';
import {
  acceptInvitation,
  declineInvitation,
  expireInvitations,
  getInvitationByToken,
  inviteMember,
  listTeam,
  resendInvitation,
  revokeInvitation,
} from '../../src/index.ts';
import {
  addMember,
  auditRows,
  contextFor,
  createOwnedOrganization,
  createUser,
  DAY,
  expectCode,
  invitationToken,
  mailSince,
  useTeamFixture,
} from './team-fixture.ts';

const f = useTeamFixture();

describe('inviting', () => {
  it('refuses on the Free plan (a single user) with plan_limit, and writes nothing', async () => {
    const { organization, context } = await createOwnedOrganization(f.db, 'free');
    await expectCode(
      inviteMember(f.at(), context, { email: 'x@example.com', role: 'developer' }),
      'plan_limit',
    );
    const invitations = await f.db
      .selectFrom('invitations')
      .where('organization_id', '=', organization.id)
      .execute();
    expect(invitations).toEqual([]);
    expect((await auditRows(f.db, organization.id)).map((r) => r.operation)).toEqual(['created']); // the workspace
  });

  it('stores a pending 7-day invitation, audits it and emails the Accept link', async () => {
    const { owner, organization, context } = await createOwnedOrganization(f.db);
    const mailed = f.smtp.messages.length;
    const invitation = await inviteMember(f.at(), context, {
      email: '  New.Person@Example.com ',
      role: 'developer',
    });

    expect(invitation).toMatchObject({
      email: 'new.person@example.com',
      role: 'developer',
      status: 'pending',
      invitedBy: { name: owner.name, email: owner.email },
      expiresAt: new Date(f.t0.getTime() + 7 * DAY).toISOString(),
    });
    const [mail] = await mailSince(f.smtp, mailed, 1);
    expect(mail?.rcptTo).toEqual(['new.person@example.com']);
    expect(mail?.subject).toBe('Olivia Owner invited you to Acme Mail on SendOps');
    expect(mail?.text).toContain('as Developer');
    const token = invitationToken(mail as NonNullable<typeof mail>);
    // Only the token's hash is stored.
    const stored = await f.db
      .selectFrom('invitations')
      .select('token_hash')
      .where('id', '=', invitation.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);

    expect(await getInvitationByToken(f.db, token, f.t0)).toEqual({
      organizationName: 'Acme Mail',
      role: 'developer',
      invitedBy: { name: owner.name, email: owner.email },
      email: 'new.person@example.com',
      expiresAt: invitation.expiresAt,
      status: 'pending',
    });
    const audit = (await auditRows(f.db, organization.id)).at(-1);
    expect(audit).toMatchObject({
      actor_user_id: owner.id,
      resource_type: 'invitation',
      resource_id: invitation.id,
      operation: 'created',
      summary: 'Invited new.person@example.com as Developer',
      after: { email: 'new.person@example.com', role: 'developer' },
    });
  });

  it('409 for an existing member or a pending invitation of the same email (any case)', async () => {
    const { organization, context } = await createOwnedOrganization(f.db);
    const member = await createUser(f.db, 'Mia Member');
    await addMember(f.db, organization.id, member, 'viewer');
    await expectCode(
      inviteMember(f.at(), context, { email: member.email.toUpperCase(), role: 'viewer' }),
      'conflict',
    );
    await inviteMember(f.at(), context, { email: 'twice@example.com', role: 'viewer' });
    await expectCode(
      inviteMember(f.at(), context, { email: 'TWICE@example.com', role: 'marketer' }),
      'conflict',
    );
    // Once that invitation has expired, the address can be invited again.
    await inviteMember(f.at(7 * DAY + 1), context, { email: 'twice@example.com', role: 'marketer' });
  });

  it('never as Owner, only with team.manage, never into the demo workspace', async () => {
    const { organization, context } = await createOwnedOrganization(f.db);
    await expectCode(inviteMember(f.at(), context, { email: 'o@example.com', role: 'owner' }), 'invalid');
    await expectCode(inviteMember(f.at(), context, { email: 'o@example.com', role: 'superuser' }), 'invalid');
    await expectCode(inviteMember(f.at(), context, { email: 'not-an-email', role: 'viewer' }), 'invalid');
    const developer = await createUser(f.db, 'Dev Eloper');
    await addMember(f.db, organization.id, developer, 'developer');
    const developerContext = await contextFor(f.db, organization.slug, developer);
    await expectCode(
      inviteMember(f.at(), developerContext, { email: 'd@example.com', role: 'viewer' }),
      'forbidden',
    );
    const admin = await createUser(f.db, 'Ada Admin');
    await addMember(f.db, organization.id, admin, 'org_admin');
    await inviteMember(f.at(), await contextFor(f.db, organization.slug, admin), {
      email: 'a@example.com',
      role: 'viewer',
    });

    const { organization: demo } = await createOrganization(f.db, { name: 'Demo', isDemo: true });
    await addMember(f.db, demo.id, admin, 'org_admin');
    await expectCode(
      inviteMember(f.at(), await contextFor(f.db, demo.slug, admin), {
        email: 'z@example.com',
        role: 'viewer',
      }),
      'forbidden',
    );
  });

  it('counts members and pending invitations against the Team plan’s 5 seats', async () => {
    const { context } = await createOwnedOrganization(f.db, 'team');
    const invited = [];
    for (let i = 0; i < 4; i++) {
      invited.push(await inviteMember(f.at(), context, { email: `seat${i}@example.com`, role: 'viewer' }));
    }
    await expectCode(
      inviteMember(f.at(), context, { email: 'seat4@example.com', role: 'viewer' }),
      'plan_limit',
    );
    await revokeInvitation(f.at(), context, invited[0]?.id as string);
    await inviteMember(f.at(), context, { email: 'seat4@example.com', role: 'viewer' });
  });
});

describe('re-sending and revoking', () => {
  it('re-send issues a new token and a new 7-day window; the old link is dead', async () => {
    const { organization, context } = await createOwnedOrganization(f.db);
    let mailed = f.smtp.messages.length;
    const invitation = await inviteMember(f.at(), context, { email: 'resend@example.com', role: 'marketer' });
    const oldToken = invitationToken((await mailSince(f.smtp, mailed, 1))[0] as never);

    mailed = f.smtp.messages.length;
    const resent = await resendInvitation(f.at(2 * DAY), context, invitation.id);
    const [mail] = await mailSince(f.smtp, mailed, 1);
    expect(mail?.subject).toBe('Reminder: join Acme Mail on SendOps');
    const newToken = invitationToken(mail as never);
    expect(newToken).not.toBe(oldToken);
    expect(resent.expiresAt).toBe(new Date(f.t0.getTime() + 9 * DAY).toISOString());

    await expectCode(getInvitationByToken(f.db, oldToken), 'not_found');
    expect((await getInvitationByToken(f.db, newToken, f.at(2 * DAY).now?.())).status).toBe('pending');
    expect((await auditRows(f.db, organization.id)).at(-1)).toMatchObject({
      resource_type: 'invitation',
      resource_id: invitation.id,
      operation: 'updated',
      summary: 'Invitation for resend@example.com re-sent',
    });
  });

  it('revoke kills the link; revoked invitations cannot be re-sent or accepted; other tenants get 404', async () => {
    const { organization, context } = await createOwnedOrganization(f.db);
    const mailed = f.smtp.messages.length;
    const invitation = await inviteMember(f.at(), context, { email: 'revoke@example.com', role: 'viewer' });
    const token = invitationToken((await mailSince(f.smtp, mailed, 1))[0] as never);

    const { context: otherContext } = await createOwnedOrganization(f.db);
    await expectCode(revokeInvitation(f.at(), otherContext, invitation.id), 'not_found');
    await expectCode(resendInvitation(f.at(), otherContext, invitation.id), 'not_found');
    await expectCode(revokeInvitation(f.at(), context, 'not-a-uuid'), 'not_found');

    await revokeInvitation(f.at(), context, invitation.id);
    expect((await getInvitationByToken(f.db, token)).status).toBe('revoked');
    await expectCode(resendInvitation(f.at(), context, invitation.id), 'conflict');
    const invitee = await createUser(f.db, 'Rev Oked', { email: 'revoke@example.com' });
    await expectCode(acceptInvitation(f.at(), invitee, { token }), 'conflict');
    expect((await auditRows(f.db, organization.id)).at(-1)).toMatchObject({
      operation: 'revoked',
      summary: 'Invitation for revoke@example.com revoked',
    });
  });
});

describe('answering', () => {
  it('accepting from the link creates the membership with the invited role, once', async () => {
    const { organization, context } = await createOwnedOrganization(f.db);
    const mailed = f.smtp.messages.length;
    const invitation = await inviteMember(f.at(), context, {
      email: 'joiner@example.com',
      role: 'customer_support',
    });
    const token = invitationToken((await mailSince(f.smtp, mailed, 1))[0] as never);
    const invitee = await createUser(f.db, 'Jo Iner', { email: 'joiner@example.com', verified: false });

    expect(await acceptInvitation(f.at(DAY), invitee, { token })).toEqual({
      organizationSlug: organization.slug,
    });
    // The link came through that mailbox: the address now counts as verified.
    const verified = await f.db
      .selectFrom('users')
      .select('email_verified_at')
      .where('id', '=', invitee.id)
      .executeTakeFirstOrThrow();
    expect(verified.email_verified_at).toEqual(new Date(f.t0.getTime() + DAY));
    expect((await contextFor(f.db, organization.slug, invitee)).role).toBe('customer_support');
    expect((await getInvitationByToken(f.db, token)).status).toBe('accepted');
    await expectCode(acceptInvitation(f.at(DAY), invitee, { token }), 'conflict');
    const audit = (await auditRows(f.db, organization.id)).at(-1);
    expect(audit).toMatchObject({
      actor_user_id: invitee.id,
      resource_type: 'invitation',
      resource_id: invitation.id,
      operation: 'accepted',
      summary: 'Jo Iner (joiner@example.com) accepted the invitation and joined as Customer Support',
    });
  });

  it('an expired invitation is refused with `expired`, for accept and decline alike', async () => {
    const { context } = await createOwnedOrganization(f.db);
    const mailed = f.smtp.messages.length;
    await inviteMember(f.at(), context, { email: 'late@example.com', role: 'viewer' });
    const token = invitationToken((await mailSince(f.smtp, mailed, 1))[0] as never);
    const invitee = await createUser(f.db, 'Late Comer', { email: 'late@example.com' });
    // One millisecond before the end it still works for reading; at the end it is expired.
    expect((await getInvitationByToken(f.db, token, new Date(f.t0.getTime() + 7 * DAY - 1))).status).toBe(
      'pending',
    );
    expect((await getInvitationByToken(f.db, token, new Date(f.t0.getTime() + 7 * DAY))).status).toBe(
      'expired',
    );
    await expectCode(acceptInvitation(f.at(7 * DAY), invitee, { token }), 'expired');
    await expectCode(declineInvitation(f.at(7 * DAY), invitee, { token }), 'expired');
  });

  it('by id only for the signed-in user whose email matches; decline is audited', async () => {
    const { organization, context } = await createOwnedOrganization(f.db);
    const first = await inviteMember(f.at(), context, { email: 'by.id@example.com', role: 'financial' });
    const stranger = await createUser(f.db, 'Stran Ger');
    await expectCode(acceptInvitation(f.at(), stranger, { id: first.id }), 'not_found');
    await expectCode(acceptInvitation(f.at(), stranger, { id: 'nope' }), 'not_found');
    const invitee = await createUser(f.db, 'By Id', { email: 'By.Id@example.com', verified: false });
    expect(await acceptInvitation(f.at(), invitee, { id: first.id })).toEqual({
      organizationSlug: organization.slug,
    });
    // The banner proves nothing about the mailbox.
    const unverified = await f.db
      .selectFrom('users')
      .select('email_verified_at')
      .where('id', '=', invitee.id)
      .executeTakeFirstOrThrow();
    expect(unverified.email_verified_at).toBeNull();
    expect((await contextFor(f.db, organization.slug, invitee)).role).toBe('financial');

    const second = await inviteMember(f.at(), context, { email: 'decliner@example.com', role: 'viewer' });
    const decliner = await createUser(f.db, 'De Cliner', { email: 'decliner@example.com' });
    await declineInvitation(f.at(), decliner, { id: second.id });
    await expectCode(acceptInvitation(f.at(), decliner, { id: second.id }), 'conflict');
    expect((await auditRows(f.db, organization.id)).at(-1)).toMatchObject({
      actor_user_id: decliner.id,
      resource_id: second.id,
      operation: 'declined',
    });
  });

  it('accepting re-checks the seats: a plan downgraded to Free refuses new members', async () => {
    const { organization, context } = await createOwnedOrganization(f.db);
    const invitation = await inviteMember(f.at(), context, {
      email: 'downgrade@example.com',
      role: 'viewer',
    });
    await f.db.updateTable('organizations').set({ plan: 'free' }).where('id', '=', organization.id).execute();
    const invitee = await createUser(f.db, 'Down Grade', { email: 'downgrade@example.com' });
    await expectCode(acceptInvitation(f.at(), invitee, { id: invitation.id }), 'plan_limit');
  });
});

describe('expiry sweep', () => {
  it('marks invitations past 7 days expired with a system audit entry; re-send revives them', async () => {
    const { organization, context } = await createOwnedOrganization(f.db);
    const old = await inviteMember(f.at(), context, { email: 'sweep.old@example.com', role: 'viewer' });
    const fresh = await inviteMember(f.at(3 * DAY), context, {
      email: 'sweep.new@example.com',
      role: 'viewer',
    });

    const swept = await expireInvitations(f.db, new Date(f.t0.getTime() + 7 * DAY));
    expect(swept).toBeGreaterThanOrEqual(1);
    const statuses = await f.db
      .selectFrom('invitations')
      .select(['id', 'status'])
      .where('organization_id', '=', organization.id)
      .execute();
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [old.id]: 'expired',
      [fresh.id]: 'pending',
    });
    expect((await auditRows(f.db, organization.id)).at(-1)).toMatchObject({
      actor_user_id: null,
      resource_type: 'invitation',
      resource_id: old.id,
      operation: 'expired',
    });
    // Nothing left to do at the same time.
    expect(await expireInvitations(f.db, new Date(f.t0.getTime() + 7 * DAY))).toBe(0);

    const team = await listTeam(f.at(7 * DAY), context);
    expect(team.invitations.map((i) => [i.email, i.status])).toEqual([
      ['sweep.new@example.com', 'pending'],
      ['sweep.old@example.com', 'expired'],
    ]);
    const revived = await resendInvitation(f.at(7 * DAY), context, old.id);
    expect(revived.status).toBe('pending');
    expect(revived.expiresAt).toBe(new Date(f.t0.getTime() + 14 * DAY).toISOString());
    expect(f.mailErrors).toEqual([]);
  });
});
