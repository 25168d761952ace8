import { describe, expect, it } from 'vitest';
import {
  invitationResentMail,
  ownershipTransferAcceptedMails,
  ownershipTransferCancelledMail,
  ownershipTransferExpiredMails,
} from '../src/index.ts';

const transfer = {
  publicUrl: 'http://localhost:3000',
  organizationName: 'Acme "Prod"',
  organizationSlug: 'acme',
  from: { name: 'Ada Owner', email: 'ada@example.com' },
  to: { name: 'Bob <script>', email: 'bob@example.com' },
  expiresAt: new Date('2026-11-27T10:00:00Z'),
};

describe('message builders', () => {
  it('re-sent invitation links the new token and says old links are dead', () => {
    const mail = invitationResentMail({
      publicUrl: 'http://localhost:3000',
      to: 'x@example.com',
      organizationName: 'Acme',
      roleLabel: 'Marketer',
      inviter: { name: 'Ada', email: 'ada@example.com' },
      token: 'new-token',
      expiresAt: new Date('2026-12-01T10:00:00Z'),
    });
    expect(mail.links).toEqual(['http://localhost:3000/invitations/new-token']);
    expect(mail.text).toContain('no longer work');
  });

  it('accepted: one message to each party, telling both they were signed out', () => {
    const [toNewOwner, toFormerOwner] = ownershipTransferAcceptedMails(transfer);
    expect(toNewOwner?.to).toBe('bob@example.com');
    expect(toNewOwner?.subject).toBe('You are now the Owner of Acme "Prod"');
    expect(toFormerOwner?.to).toBe('ada@example.com');
    expect(toFormerOwner?.text).toContain('you are an Org Admin');
    expect(toNewOwner?.links).toEqual(['http://localhost:3000/sign-in?next=%2Fo%2Facme']);
    for (const mail of [toNewOwner, toFormerOwner])
      expect(mail?.text).toContain('signed out of all sessions');
    expect(toFormerOwner?.html).toContain('Bob &lt;script&gt;');
    expect(toFormerOwner?.html).not.toContain('<script>');
    expect(toNewOwner?.html).toContain('Acme &quot;Prod&quot;');
  });

  it('cancelled goes to the target only; expired to both', () => {
    expect(ownershipTransferCancelledMail(transfer).to).toBe('bob@example.com');
    const expired = ownershipTransferExpiredMails(transfer);
    expect(expired.map((m) => m.to)).toEqual(['bob@example.com', 'ada@example.com']);
    expect(expired[1]?.text).toContain('You are still the Owner');
    expect(expired[0]?.text).toContain('2026-11-27 10:00 UTC');
  });
});
