import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMailTransport,
  invitationMail,
  type MailTransport,
  ownershipTransferInitiatedMails,
} from '../src/index.ts';
import { type SmtpCapture, startSmtpCapture } from '../src/testing/index.ts';

const silent = { info() {} };

describe('SMTP transport (real smtp-server)', () => {
  let smtp: SmtpCapture;
  let transport: MailTransport;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    transport = createMailTransport({ smtpUrl: smtp.url, from: 'SendOps <no-reply@sendops.test>' }, silent);
  });
  afterAll(async () => {
    await transport.close();
    await smtp.close();
  });

  it('delivers an invitation with its recipient, subject and Accept link', async () => {
    const before = smtp.messages.length;
    await transport.send(
      invitationMail({
        publicUrl: 'https://app.sendops.test/',
        to: 'new.member@example.com',
        organizationName: 'Acme <Mail> & Co',
        roleLabel: 'Developer',
        inviter: { name: 'Ada Owner', email: 'ada@example.com' },
        token: 'tok_abc123',
        expiresAt: new Date('2026-12-01T10:00:00Z'),
      }),
    );
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail?.rcptTo).toEqual(['new.member@example.com']);
    expect(mail?.mailFrom).toBe('no-reply@sendops.test');
    expect(mail?.from).toBe('SendOps <no-reply@sendops.test>');
    expect(mail?.subject).toBe('Ada Owner invited you to Acme <Mail> & Co on SendOps');
    expect(mail?.text).toContain('Accept invitation: https://app.sendops.test/invitations/tok_abc123');
    expect(mail?.text).toContain('as Developer');
    expect(mail?.text).toContain('2026-12-01 10:00 UTC');
    // The organization name is escaped in the HTML part, the link is a real anchor.
    expect(mail?.html).toContain('Acme &lt;Mail&gt; &amp; Co');
    expect(mail?.html).not.toContain('<Mail>');
    expect(mail?.html).toContain('href="https://app.sendops.test/invitations/tok_abc123"');
  });

  it('delivers one message per party of an ownership transfer', async () => {
    const before = smtp.messages.length;
    for (const message of ownershipTransferInitiatedMails({
      publicUrl: 'http://localhost:3000',
      organizationName: 'Acme',
      organizationSlug: 'acme',
      from: { name: 'Ada Owner', email: 'ada@example.com' },
      to: { name: 'Bob Admin', email: 'bob@example.com' },
      expiresAt: new Date('2026-12-01T10:00:00Z'),
    })) {
      await transport.send(message);
    }
    const mails = (await smtp.waitFor(before + 2)).slice(before);
    expect(mails.map((m) => m.rcptTo)).toEqual([['bob@example.com'], ['ada@example.com']]);
    expect(mails[0]?.subject).toBe('Ada Owner wants to transfer ownership of Acme to you');
    expect(mails[0]?.text).toContain('Accept ownership: http://localhost:3000/o/acme');
    expect(mails[1]?.text).toContain('Settings → Workspace');
  });

  it('fails when the server refuses the credentials', async () => {
    const wrong = createMailTransport(
      { smtpUrl: smtp.url.replace('smtp-test-password', 'nope'), from: 'a@b.test' },
      silent,
    );
    await expect(wrong.send(invitationMailFor('x@example.com'))).rejects.toThrow();
    await wrong.close();
  });
});

function invitationMailFor(to: string) {
  return invitationMail({
    publicUrl: 'http://localhost:3000',
    to,
    organizationName: 'Acme',
    roleLabel: 'Viewer',
    inviter: { name: '', email: 'ada@example.com' },
    token: 't',
    expiresAt: new Date('2026-12-01T10:00:00Z'),
  });
}
