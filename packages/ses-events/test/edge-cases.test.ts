import { describe, expect, it } from 'vitest';
import { type EventRow, toEventRows } from '../src/index.ts';
import { context, fixtureBody, parseSes } from './helpers.ts';

function rows(body: unknown, ctx = context()): EventRow[] {
  return toEventRows(parseSes(body), ctx);
}

describe('recipient fan-out', () => {
  it('gives each bounced recipient its own status, action and diagnostic', () => {
    const body = fixtureBody('bounce');
    body.detail.mail.destination = ['a@gmail.com', 'B@Outlook.com', 'c@example.org'];
    body.detail.bounce.bouncedRecipients = [
      {
        emailAddress: 'a@gmail.com',
        action: 'failed',
        status: '5.1.1',
        diagnosticCode: 'smtp; 550 5.1.1 no such user',
      },
      {
        emailAddress: 'B@Outlook.com',
        action: 'failed',
        status: '5.2.2',
        diagnosticCode: 'smtp; 552 5.2.2 mailbox full',
      },
      { emailAddress: 'c@example.org' },
    ];
    const result = rows(body).map((r) => [
      r.recipient,
      r.provider,
      r.dsn_status,
      r.dsn_action,
      r.diagnostic_code,
    ]);
    expect(result).toEqual([
      ['a@gmail.com', 'Gmail', '5.1.1', 'failed', 'smtp; 550 5.1.1 no such user'],
      ['b@outlook.com', 'Microsoft', '5.2.2', 'failed', 'smtp; 552 5.2.2 mailbox full'],
      ['c@example.org', 'example.org', '', '', ''],
    ]);
  });

  it('only fans out to the recipients that bounced, not every destination', () => {
    const body = fixtureBody('bounce');
    body.detail.mail.destination = ['recipient@example.com', 'fine@example.com'];
    expect(rows(body).map((r) => r.recipient)).toEqual(['recipient@example.com']);
  });

  it('collapses duplicate recipients (case-insensitive), keeping the first outcome', () => {
    const body = fixtureBody('bounce');
    body.detail.bounce.bouncedRecipients = [
      { emailAddress: 'Dup@Example.com', status: '5.1.1' },
      { emailAddress: 'dup@example.com', status: '4.0.0' },
    ];
    const result = rows(body);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ recipient: 'dup@example.com', dsn_status: '5.1.1' });
  });

  it('fans out Send to every destination, lower-cased, display names removed', () => {
    const body = fixtureBody('send');
    body.detail.mail.destination = ['One@Example.com', '"Two, Person" <two@yahoo.co.jp>', 'one@example.com'];
    expect(rows(body).map((r) => [r.recipient, r.recipient_domain, r.provider])).toEqual([
      ['one@example.com', 'example.com', 'example.com'],
      ['two@yahoo.co.jp', 'yahoo.co.jp', 'Yahoo'],
    ]);
  });

  it('fans out Delivery and Complaint from their own recipient lists', () => {
    const delivery = fixtureBody('delivery');
    delivery.detail.delivery.recipients = ['x@gmx.de', 'y@web.de'];
    expect(rows(delivery).map((r) => r.provider)).toEqual(['GMX', 'Web.de']);
    const complaint = fixtureBody('complaint');
    complaint.detail.complaint.complainedRecipients = [
      { emailAddress: 'p@naver.com' },
      { emailAddress: 'q@qq.com' },
    ];
    expect(rows(complaint).map((r) => r.recipient)).toEqual(['p@naver.com', 'q@qq.com']);
  });

  it('writes one row with recipient "" when an event has no recipients', () => {
    const body = fixtureBody('open');
    body.detail.mail.destination = [];
    const result = rows(body);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({
      recipient: '',
      recipient_domain: '',
      provider: '',
      event_type: 'Open',
    });
  });
});

describe('unknown future event types', () => {
  it('are stored with recipients from mail.destination and no type-specific columns', () => {
    const body = fixtureBody('send');
    body['detail-type'] = 'Email Forwarded';
    body.detail.eventType = 'Forward';
    body.detail.forward = { bounce: 'not ours' };
    body.detail.mail.destination = ['a@icloud.com', 'b@hanmail.net'];
    const result = rows(body);
    expect(result.map((r) => [r.event_type, r.recipient, r.provider])).toEqual([
      ['Forward', 'a@icloud.com', 'Apple'],
      ['Forward', 'b@hanmail.net', 'Daum'],
    ]);
    expect(result[0]!.bounce_type).toBe('');
    expect(result[0]!.subject).toBe('Message sent from Amazon SES');
  });
});

describe('missing optional objects', () => {
  it('handles no commonHeaders, no headers, no sourceArn, no tags', () => {
    const body = fixtureBody('bounce');
    delete body.detail.mail.commonHeaders;
    delete body.detail.mail.headers;
    delete body.detail.mail.sourceArn;
    delete body.detail.mail.tags;
    delete body.detail.bounce.bouncedRecipients[0].diagnosticCode;
    delete body.detail.bounce.bouncedRecipients[0].status;
    const [row] = rows(body);
    expect(row).toMatchObject({
      subject: '',
      configuration_set: '',
      template: '',
      tags: {},
      diagnostic_code: '',
      dsn_status: '',
      dsn_action: 'failed',
    });
  });

  it('falls back to the raw Subject header, decoding RFC 2047', () => {
    const body = fixtureBody('send');
    delete body.detail.mail.commonHeaders;
    body.detail.mail.headers = [
      { name: 'SUBJECT', value: '=?UTF-8?B?UmVjaHRzZ8O8bHRpZw==?= =?UTF-8?Q?_bis_1._M=C3=A4rz?=' },
    ];
    expect(rows(body)[0]!.subject).toBe('Rechtsgültig bis 1. März');
  });

  it('reads the configuration set from the X-SES-CONFIGURATION-SET header when tags lack it', () => {
    const body = fixtureBody('open');
    delete body.detail.mail.tags['ses:configuration-set'];
    expect(rows(body)[0]!.configuration_set).toBe('ConfigSet');
  });

  it('leaves an unparsable delay expiration empty instead of throwing', () => {
    const body = fixtureBody('delivery-delay');
    body.detail.deliveryDelay.expirationTime = 'never';
    expect(rows(body)[0]!.delay_expiration_time).toBe('');
  });
});

describe('text and address fields', () => {
  it('keeps a non-ASCII subject intact', () => {
    const body = fixtureBody('delivery');
    body.detail.mail.commonHeaders.subject = 'Ваш заказ 🎉 — 注文確認 — Größe café';
    expect(rows(body)[0]!.subject).toBe('Ваш заказ 🎉 — 注文確認 — Größe café');
  });

  it.each([
    ['Sender Name <sender@example.com>', 'sender@example.com', 'example.com'],
    ['"Doe, Jane (Billing)" <Billing@Mail.Example.COM>', 'billing@mail.example.com', 'mail.example.com'],
    ['=?UTF-8?B?w4lxdWlwZSBTdXBwb3J0?= <support@example.fr>', 'support@example.fr', 'example.fr'],
    ['=?ISO-8859-1?Q?J=F6rg_M=FCller?= <joerg@example.de>', 'joerg@example.de', 'example.de'],
    ['"a@spoof.com" <real@example.com>', 'real@example.com', 'example.com'],
    ['bounce@example.com (Bounces)', 'bounce@example.com', 'example.com'],
  ])('takes the bare source address from %s', (source, address, domain) => {
    const body = fixtureBody('send');
    body.detail.mail.source = source;
    expect(rows(body)[0]).toMatchObject({ source_address: address, source_domain: domain });
  });
});

describe('template and context', () => {
  it('uses the first configured template tag present', () => {
    const body = fixtureBody('send');
    body.detail.mail.tags.template_name = ['welcome-v2'];
    body.detail.mail.tags['sendops-template'] = ['welcome'];
    expect(rows(body)[0]!.template).toBe('welcome');
    expect(rows(body, context({ templateTagNames: ['template_name'] }))[0]!.template).toBe('welcome-v2');
    expect(rows(body, context({ templateTagNames: [] }))[0]!.template).toBe('');
  });

  it('prefers failure.templateName for Rendering Failure', () => {
    const body = fixtureBody('rendering-failure');
    body.detail.mail.tags.template = ['tagged-name'];
    expect(rows(body)[0]!.template).toBe('MyTemplate');
    delete body.detail.failure.templateName;
    expect(rows(body)[0]!.template).toBe('tagged-name');
  });

  it('accepts ingestedAt in ClickHouse format as is (never re-read as local time)', () => {
    const ctx = context({ ingestedAt: '2024-05-01 12:00:00.123' });
    expect(rows(fixtureBody('send'), ctx)[0]!.ingested_at).toBe('2024-05-01 12:00:00.123');
  });

  it('converts offset timestamps to UTC', () => {
    const body = fixtureBody('send');
    body.detail.mail.timestamp = '2024-04-25T18:08:04.933+03:00';
    expect(rows(body)[0]!.send_time).toBe('2024-04-25 15:08:04.933');
  });
});
