import { describe, expect, it } from 'vitest';
import { createMailTransport, DevOutboxTransport, invitationMail } from '../src/index.ts';

function message(to: string) {
  return invitationMail({
    publicUrl: 'http://localhost:3000',
    to,
    organizationName: 'Acme',
    roleLabel: 'Viewer',
    inviter: { name: 'Ada', email: 'ada@example.com' },
    token: `token-${to}`,
    expiresAt: new Date('2026-12-01T10:00:00Z'),
  });
}

describe('development outbox transport', () => {
  it('is chosen when no SMTP URL is configured', () => {
    const transport = createMailTransport(
      { smtpUrl: undefined, from: 'SendOps <no-reply@localhost>' },
      { info() {} },
    );
    expect(transport).toBeInstanceOf(DevOutboxTransport);
  });

  it('logs recipient, subject and links, and keeps the newest messages first', async () => {
    const logged: object[] = [];
    const outbox = new DevOutboxTransport({
      from: 'SendOps <no-reply@localhost>',
      logger: { info: (object) => logged.push(object) },
      capacity: 2,
      now: () => new Date('2026-11-24T09:00:00Z'),
    });
    await outbox.send(message('a@example.com'));
    await outbox.send(message('b@example.com'));
    await outbox.send(message('c@example.com'));

    expect(outbox.list().map((m) => m.to)).toEqual(['c@example.com', 'b@example.com']);
    expect(outbox.list()[0]).toMatchObject({
      from: 'SendOps <no-reply@localhost>',
      sentAt: new Date('2026-11-24T09:00:00Z'),
      links: ['http://localhost:3000/invitations/token-c%40example.com'],
    });
    expect(logged[2]).toEqual({
      mail: {
        to: 'c@example.com',
        subject: 'Ada invited you to Acme on SendOps',
        links: ['http://localhost:3000/invitations/token-c%40example.com'],
      },
    });
  });
});
