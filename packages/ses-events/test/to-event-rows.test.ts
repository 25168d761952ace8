import { describe, expect, it } from 'vitest';
import { type EventRow, toEventRows } from '../src/index.ts';
import { context, fixtureBody, parseSes } from './helpers.ts';

function rowsOf(name: string): EventRow[] {
  return toEventRows(parseSes(fixtureBody(name)), context());
}

function onlyRow(name: string): EventRow {
  const rows = rowsOf(name);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

const MESSAGE_ID = 'EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000';
const SES_TAGS = {
  'ses:configuration-set': ['ConfigSet'],
  'ses:source-ip': ['192.0.2.0'],
  'ses:from-domain': ['example.com'],
  'ses:caller-identity': ['ses_user'],
};

describe('toEventRows on the documented fixtures', () => {
  it('fills every column of a Bounce row', () => {
    expect(onlyRow('bounce')).toEqual({
      organization_id: 'org-1',
      event_id: '0b7e1a52-6f3d-4c1e-9a1f-2d6c1b0e0003',
      event_type: 'Bounce',
      event_time: '2017-08-05 00:41:02.000',
      send_time: '2017-08-05 00:40:02.012',
      message_id: MESSAGE_ID,
      recipient: 'recipient@example.com',
      recipient_domain: 'example.com',
      provider: 'example.com',
      source_address: 'sender@example.com',
      source_domain: 'example.com',
      sending_identity: 'example.com',
      aws_account_id: '123456789012',
      aws_region: 'us-east-1',
      configuration_set: 'ConfigSet',
      channel_id: '6f1c2d3e-0000-4000-8000-000000000001',
      template: '',
      subject: 'Message sent from Amazon SES',
      tags: SES_TAGS,
      bounce_type: 'Permanent',
      bounce_sub_type: 'General',
      diagnostic_code: 'smtp; 550 5.1.1 user unknown',
      dsn_status: '5.1.1',
      dsn_action: 'failed',
      complaint_feedback_type: '',
      complaint_sub_type: '',
      processing_time_ms: 0,
      smtp_response: '',
      delay_type: '',
      delay_expiration_time: '',
      link: '',
      link_tags: {},
      user_agent: '',
      ip_address: '',
      reject_reason: '',
      rendering_error: '',
      rendering_template: '',
      subscription: '',
      raw: '{"raw":true}',
      retention_days: 90,
      ingested_at: '2024-05-01 12:00:00.123',
    } satisfies EventRow);
  });

  it('Send: one row per destination, no type-specific columns', () => {
    const row = onlyRow('send');
    expect(row).toMatchObject({
      event_type: 'Send',
      recipient: 'recipient@example.com',
      send_time: '2016-10-14 05:02:16.645',
      event_time: '2016-10-14 05:02:16.000',
      configuration_set: 'ConfigSet',
      subject: 'Message sent from Amazon SES',
      diagnostic_code: '',
      dsn_status: '',
    });
    expect(row.tags.myCustomTag1).toEqual(['myCustomTagValue1']);
  });

  it('Delivery: recipients from delivery.recipients, processing time and SMTP response', () => {
    expect(onlyRow('delivery')).toMatchObject({
      event_type: 'Delivery',
      recipient: 'recipient@example.com',
      processing_time_ms: 11893,
      smtp_response: '250 2.6.0 Message received',
      diagnostic_code: '',
    });
  });

  it('Complaint: feedback type and the feedback report user agent', () => {
    expect(onlyRow('complaint')).toMatchObject({
      event_type: 'Complaint',
      recipient: 'recipient@example.com',
      complaint_feedback_type: 'abuse',
      complaint_sub_type: '',
      user_agent: expect.stringContaining('Chrome/60.0.3112.90'),
      source_address: 'sender@example.com',
    });
  });

  it('Reject: the reason, recipients from mail.destination', () => {
    expect(onlyRow('reject')).toMatchObject({
      event_type: 'Reject',
      reject_reason: 'Bad content',
      recipient: 'sender@example.com',
    });
  });

  it('Open: ip address and user agent, even without sourceArn', () => {
    expect(onlyRow('open')).toMatchObject({
      event_type: 'Open',
      recipient: 'recipient@example.com',
      ip_address: '192.0.2.1',
      user_agent: expect.stringContaining('iPhone'),
      aws_account_id: '123456789012',
      event_time: '2017-08-09 22:00:19.000',
      send_time: '2017-08-09 21:59:49.927',
    });
  });

  it('Click: link, link tags, ip address and user agent', () => {
    expect(onlyRow('click')).toMatchObject({
      event_type: 'Click',
      link: 'http://docs.aws.amazon.com/ses/latest/DeveloperGuide/send-email-smtp.html',
      link_tags: { samplekey0: ['samplevalue0'], samplekey1: ['samplevalue1'] },
      ip_address: '192.0.2.1',
      user_agent: expect.stringContaining('Windows NT 10.0'),
    });
  });

  it('Rendering Failure: template and error from failure, no subject (no headers in the record)', () => {
    expect(onlyRow('rendering-failure')).toMatchObject({
      event_type: 'Rendering Failure',
      recipient: 'recipient@example.com',
      template: 'MyTemplate',
      rendering_template: 'MyTemplate',
      rendering_error: "Attribute 'attributeName' is not present in the rendering data.",
      subject: '',
      configuration_set: 'ConfigSet',
    });
  });

  it('DeliveryDelay: per-recipient status and diagnostic, delay type and expiration', () => {
    expect(onlyRow('delivery-delay')).toMatchObject({
      event_type: 'DeliveryDelay',
      recipient: 'recipient@example.com',
      dsn_status: '4.4.1',
      dsn_action: '',
      diagnostic_code: 'smtp; 421 4.4.1 Unable to connect to remote host',
      delay_type: 'TransientCommunicationFailure',
      delay_expiration_time: '2020-06-16 00:25:40.914',
      subject: '',
    });
  });

  it('Subscription: the subscription object as JSON text', () => {
    const row = onlyRow('subscription');
    expect(row.event_type).toBe('Subscription');
    expect(row.message_id).toBe('EXAMPLEe4bccb684-777bc8de-afa7-4970-92b0-f515137b1497-000000');
    expect(JSON.parse(row.subscription)).toEqual(fixtureBody('subscription').detail.subscription);
    expect(row.subscription).toContain('"source":"UnsubscribeHeader"');
  });

  it('leaves columns of other types empty (no leaking between types)', () => {
    const click = onlyRow('click');
    expect([click.bounce_type, click.smtp_response, click.reject_reason, click.subscription]).toEqual([
      '',
      '',
      '',
      '',
    ]);
    const bounce = onlyRow('bounce');
    expect([bounce.link, bounce.user_agent, bounce.ip_address, bounce.delay_type]).toEqual(['', '', '', '']);
  });
});
