import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, signUpClient, uniqueEmail } from './support/api-harness.ts';
import {
  invitationTokenFor,
  startTeamHarness,
  type TeamHarness,
  teamOrganization,
} from './support/team-harness.ts';

let h: TeamHarness;
beforeAll(async () => {
  h = await startTeamHarness();
});
afterAll(async () => {
  await h?.close();
});

async function auditOperations(client: Parameters<typeof call>[1], slug: string) {
  const response = await call(h.app, client, 'GET', `/api/orgs/${slug}/audit-log?resourceType=invitation`);
  expect(response.statusCode).toBe(200);
  return (response.json().items as { operation: string; summary: string }[]).map((i) => i.operation);
}

describe('the invitee flow, end to end', () => {
  it('invite → email → link page → sign up → accept → member with the role', async () => {
    const org = await teamOrganization(h);
    const email = uniqueEmail('invitee');
    const invited = await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/invitations`, {
      email,
      role: 'developer',
    });
    expect(invited.statusCode).toBe(201);
    const { invitation } = invited.json();
    expect(invitation).toMatchObject({ email, role: 'developer', status: 'pending' });
    expect(invitation.invitedBy).toEqual({ name: org.owner.name, email: org.owner.email });

    // The email, captured by the SMTP server, carries the link.
    const mail = h.smtp.messages.findLast((m) => m.rcptTo.includes(email));
    expect(mail?.subject).toMatch(/invited you to .+ on SendOps/);
    const token = invitationTokenFor(h.smtp, email);
    expect(mail?.text).toContain(`http://localhost:3000/invitations/${token}`);

    // The link page works before signing in.
    const page = await call(h.app, undefined, 'GET', `/api/invitations/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ role: 'developer', email, status: 'pending' });
    expect((await call(h.app, undefined, 'POST', `/api/invitations/${token}/accept`)).statusCode).toBe(401);

    const invitee = await signUpClient(h.app, 'Ivy Invitee', email);
    const me = (await call(h.app, invitee, 'GET', '/api/me')).json();
    expect(me.invitations).toEqual([
      expect.objectContaining({ id: invitation.id, role: 'developer', expiresAt: invitation.expiresAt }),
    ]);

    const accepted = await call(h.app, invitee, 'POST', `/api/invitations/${token}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ organizationSlug: org.slug });
    const orgView = await call(h.app, invitee, 'GET', `/api/orgs/${org.slug}`);
    expect(orgView.json().role).toBe('developer');
    const after = (await call(h.app, invitee, 'GET', '/api/me')).json();
    expect(after.invitations).toEqual([]);
    // The link came to that mailbox, so the address is verified (ownership transfers require it).
    expect([me.user.emailVerified, after.user.emailVerified]).toEqual([false, true]);

    const team = (await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}/members`)).json();
    expect(team.members.map((m: { email: string; role: string }) => [m.email, m.role])).toContainEqual([
      email,
      'developer',
    ]);
    expect(team.invitations).toEqual([]);
    expect(await auditOperations(org.owner, org.slug)).toEqual(['accepted', 'created']);
    expect((await call(h.app, undefined, 'GET', `/api/invitations/${token}`)).json().status).toBe('accepted');
  });

  it('by id from the dashboard banner, and decline from the link', async () => {
    const org = await teamOrganization(h);
    const first = uniqueEmail('banner');
    const second = uniqueEmail('decliner');
    const a = (
      await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/invitations`, {
        email: first,
        role: 'viewer',
      })
    ).json();
    await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/invitations`, {
      email: second,
      role: 'viewer',
    });

    const stranger = await signUpClient(h.app, 'Stranger');
    expect(
      (await call(h.app, stranger, 'POST', `/api/me/invitations/${a.invitation.id}/accept`)).statusCode,
    ).toBe(404);
    const invitee = await signUpClient(h.app, 'Banner User', first);
    const accepted = await call(h.app, invitee, 'POST', `/api/me/invitations/${a.invitation.id}/accept`);
    expect(accepted.json()).toEqual({ organizationSlug: org.slug });

    const decliner = await signUpClient(h.app, 'Decliner', second);
    const token = invitationTokenFor(h.smtp, second);
    expect((await call(h.app, decliner, 'POST', `/api/invitations/${token}/decline`)).statusCode).toBe(204);
    expect((await call(h.app, decliner, 'POST', `/api/invitations/${token}/accept`)).statusCode).toBe(409);
    expect((await call(h.app, undefined, 'GET', `/api/invitations/${token}`)).json().status).toBe('declined');
  });

  it('an expired link answers 410 `expired` and the page says so', async () => {
    const org = await teamOrganization(h);
    const email = uniqueEmail('late');
    const { invitation } = (
      await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/invitations`, { email, role: 'viewer' })
    ).json();
    const token = invitationTokenFor(h.smtp, email);
    await h.test.db
      .updateTable('invitations')
      .set({ expires_at: new Date('2020-01-01T00:00:00Z') })
      .where('id', '=', invitation.id)
      .execute();
    expect((await call(h.app, undefined, 'GET', `/api/invitations/${token}`)).json().status).toBe('expired');
    const invitee = await signUpClient(h.app, 'Late', email);
    const response = await call(h.app, invitee, 'POST', `/api/invitations/${token}/accept`);
    expect(response.statusCode).toBe(410);
    expect(response.json().error.code).toBe('expired');
    expect(response.json().error.message).toMatch(/expired on .* Ask an Owner or Org Admin/);
  });
});

describe('managing invitations', () => {
  it('a Free workspace cannot invite: 403 plan_limit', async () => {
    const org = await teamOrganization(h, 'free');
    const response = await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/invitations`, {
      email: uniqueEmail(),
      role: 'viewer',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toEqual({
      code: 'plan_limit',
      message:
        'The Free plan supports a single user. Upgrade to the Team or Business plan to invite team members.',
    });
  });

  it('validates the body: no owner role, a real email, both fields', async () => {
    const org = await teamOrganization(h);
    const url = `/api/orgs/${org.slug}/invitations`;
    for (const body of [
      { email: uniqueEmail(), role: 'owner' },
      { email: 'nope', role: 'viewer' },
      { email: uniqueEmail() },
      {},
    ]) {
      const response = await call(h.app, org.owner, 'POST', url, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('invalid');
    }
  });

  it('409 for a second pending invitation of the same address', async () => {
    const org = await teamOrganization(h);
    const email = uniqueEmail('dup');
    const url = `/api/orgs/${org.slug}/invitations`;
    expect((await call(h.app, org.owner, 'POST', url, { email, role: 'viewer' })).statusCode).toBe(201);
    const again = await call(h.app, org.owner, 'POST', url, { email: email.toUpperCase(), role: 'marketer' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
  });

  it('re-send replaces the link; revoke kills it', async () => {
    const org = await teamOrganization(h);
    const email = uniqueEmail('resend');
    const { invitation } = (
      await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/invitations`, { email, role: 'marketer' })
    ).json();
    const oldToken = invitationTokenFor(h.smtp, email);
    const resent = await call(
      h.app,
      org.owner,
      'POST',
      `/api/orgs/${org.slug}/invitations/${invitation.id}/resend`,
    );
    expect(resent.statusCode).toBe(200);
    expect(resent.json().invitation).toMatchObject({ id: invitation.id, status: 'pending' });
    const newToken = invitationTokenFor(h.smtp, email);
    expect(newToken).not.toBe(oldToken);
    expect((await call(h.app, undefined, 'GET', `/api/invitations/${oldToken}`)).statusCode).toBe(404);

    const revoked = await call(
      h.app,
      org.owner,
      'DELETE',
      `/api/orgs/${org.slug}/invitations/${invitation.id}`,
    );
    expect(revoked.statusCode).toBe(204);
    expect((await call(h.app, undefined, 'GET', `/api/invitations/${newToken}`)).json().status).toBe(
      'revoked',
    );
    expect(await auditOperations(org.owner, org.slug)).toEqual(['revoked', 'updated', 'created']);
  });
});
