import { describe, expect, it } from 'vitest';
import { ownershipTransferAcceptedMails, ownershipTransferInitiatedMails } from '../src/index.ts';

const transfer = {
  publicUrl: 'https://app.sendops.test',
  organizationName: 'Acme "Mail"',
  organizationSlug: 'acme',
  from: { name: 'Ada Owner', email: 'ada@example.com' },
  to: { name: 'Bob Admin', email: 'bob@example.com' },
  expiresAt: new Date('2026-12-01T10:00:00Z'),
};
const logo = { contentType: 'image/webp', content: Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1') };

describe('workspace logo in ownership-transfer mails', () => {
  it('is an inline attachment the HTML refers to by cid', () => {
    for (const mail of [
      ...ownershipTransferInitiatedMails({ ...transfer, logo }),
      ...ownershipTransferAcceptedMails({ ...transfer, logo }),
    ]) {
      expect(mail.attachments).toEqual([
        {
          filename: 'logo.webp',
          contentType: 'image/webp',
          content: logo.content,
          cid: 'workspace-logo@sendops',
        },
      ]);
      expect(mail.html).toContain('<img src="cid:workspace-logo@sendops" alt="Acme &quot;Mail&quot;"');
    }
  });

  it('is absent without a logo', () => {
    for (const mail of ownershipTransferInitiatedMails({ ...transfer, logo: null })) {
      expect(mail.attachments).toBeUndefined();
      expect(mail.html).not.toContain('<img');
    }
  });
});
