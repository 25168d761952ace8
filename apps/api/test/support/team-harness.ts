import type { Database, Plan } from '@sendops/db';
import { createMailTransport, type MailTransport } from '@sendops/mail';
import { type CapturedMail, type SmtpCapture, startSmtpCapture } from '@sendops/mail/testing';
import type { Kysely } from 'kysely';
import { type Harness, startHarness } from './api-harness.ts';
import { type OrgFixture, orgWithOwner } from './org-fixtures.ts';

/** The API with its mail going to a real SMTP server started for the test file. */
export interface TeamHarness extends Harness {
  smtp: SmtpCapture;
}

export async function startTeamHarness(): Promise<TeamHarness> {
  const smtp = await startSmtpCapture();
  const mail: MailTransport = createMailTransport(
    { smtpUrl: smtp.url, from: 'SendOps <no-reply@sendops.test>' },
    { info() {} },
  );
  const harness = await startHarness({ mail });
  return {
    ...harness,
    smtp,
    async close() {
      await harness.close();
      await mail.close();
      await smtp.close();
    },
  };
}

/** A signed-up owner whose workspace is on the Team plan (new workspaces start on Free: one seat). */
export function teamOrganization(h: Harness, plan: Plan = 'team'): Promise<OrgFixture> {
  return orgWithOwner(h.app, h.test.db, plan);
}

/** The link token of the invitation mail sent to `email`, the newest one. */
export function invitationTokenFor(smtp: SmtpCapture, email: string): string {
  const mail = smtp.messages.findLast((m: CapturedMail) => m.rcptTo.includes(email));
  const token = mail && /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no invitation mail to ${email}`);
  return token;
}

export async function verifyEmail(db: Kysely<Database>, userId: string): Promise<void> {
  await db.updateTable('users').set({ email_verified_at: new Date() }).where('id', '=', userId).execute();
}
