import { describe, expect, it } from 'vitest';
import { parseEventBridgeBody, SES_DETAIL_TYPES, SES_EVENT_TYPES, type SesEventType } from '../src/index.ts';
import {
  ACCOUNT_FIXTURES,
  EMAIL_FIXTURES,
  fixtureBody,
  fixtureText,
  type Json,
  parseAccount,
  parseSes,
} from './helpers.ts';

function invalid(body: unknown) {
  const result = parseEventBridgeBody(body);
  if (result.kind !== 'invalid') throw new Error(`expected invalid, got ${result.kind}`);
  return result;
}

describe('parseEventBridgeBody: documented fixtures', () => {
  it.each(EMAIL_FIXTURES)('accepts %s as an SES event whose detail-type matches its eventType', (name) => {
    const envelope = parseSes(fixtureBody(name));
    const eventType = envelope.detail.eventType as SesEventType;
    expect(SES_EVENT_TYPES).toContain(eventType);
    expect(envelope['detail-type']).toBe(SES_DETAIL_TYPES[eventType]);
    expect(envelope.source).toBe('aws.ses');
  });

  it('covers every SES event type with a fixture', () => {
    const types = EMAIL_FIXTURES.map((name) => parseSes(fixtureBody(name)).detail.eventType).sort();
    expect(types).toEqual([...SES_EVENT_TYPES].sort());
  });

  it.each(ACCOUNT_FIXTURES)('accepts %s as an account-level event', (name) => {
    const envelope = parseAccount(fixtureBody(name));
    expect(envelope.detail).toEqual(fixtureBody(name).detail);
  });

  it('accepts the body as JSON text too', () => {
    expect(parseSes(fixtureText('bounce')).id).toBe('0b7e1a52-6f3d-4c1e-9a1f-2d6c1b0e0003');
  });

  it('keeps the event exactly as received (no coercion, no stripping)', () => {
    const body = fixtureBody('click');
    expect(parseSes(body)).toBe(body);
  });
});

describe('parseEventBridgeBody: tolerance', () => {
  it('accepts unknown extra fields at every level', () => {
    const body = fixtureBody('bounce');
    body.extraEnvelopeField = 1;
    body.detail.newTopLevel = { a: 1 };
    body.detail.mail.newMailField = 'x';
    body.detail.mail.commonHeaders.newHeader = ['y'];
    body.detail.bounce.newBounceField = true;
    body.detail.bounce.bouncedRecipients[0].newRecipientField = 2;
    expect(parseEventBridgeBody(body).kind).toBe('ses_event');
  });

  it('accepts events missing every optional object and field', () => {
    const body = fixtureBody('bounce');
    const { mail, bounce } = body.detail;
    for (const key of [
      'headers',
      'commonHeaders',
      'sourceArn',
      'sendingAccountId',
      'headersTruncated',
      'tags',
    ]) {
      delete mail[key];
    }
    for (const key of ['bounceSubType', 'bounceType', 'reportingMTA', 'feedbackId', 'timestamp'])
      delete bounce[key];
    bounce.bouncedRecipients = [{ emailAddress: 'a@example.com' }];
    expect(parseEventBridgeBody(body).kind).toBe('ses_event');
  });

  it('accepts complaintSubType null, as documented', () => {
    const body = fixtureBody('complaint');
    body.detail.complaint.complaintSubType = null;
    expect(parseEventBridgeBody(body).kind).toBe('ses_event');
  });

  it('accepts Send, Open, Click, Reject, Rendering Failure and Subscription without their own object', () => {
    const ownObject = {
      send: 'send',
      open: 'open',
      click: 'click',
      reject: 'reject',
      'rendering-failure': 'failure',
      subscription: 'subscription',
    };
    for (const [name, key] of Object.entries(ownObject)) {
      const body = fixtureBody(name);
      delete body.detail[key];
      expect(parseEventBridgeBody(body).kind, name).toBe('ses_event');
    }
  });

  it('stores an unknown future eventType with an unknown detail-type', () => {
    const body = fixtureBody('send');
    body['detail-type'] = 'Email Forwarded';
    body.detail.eventType = 'Forward';
    delete body.detail.send;
    body.detail.forward = { to: 'someone@example.org' };
    const envelope = parseSes(body);
    expect(envelope.detail.eventType).toBe('Forward');
  });

  it('accepts timestamps with offsets and microseconds', () => {
    const body = fixtureBody('send');
    body.detail.mail.timestamp = '2024-04-25T18:08:04.933666+03:00';
    expect(parseEventBridgeBody(body).kind).toBe('ses_event');
  });

  it('treats other aws.ses detail-types without a mail object as account events', () => {
    const body = fixtureBody('advisor-recommendation-status-open');
    body['detail-type'] = 'Advisor Recommendation Status Resolved';
    expect(parseAccount(body)['detail-type']).toBe('Advisor Recommendation Status Resolved');
    body['detail-type'] = 'AWS API Call via CloudTrail';
    body.detail = { eventSource: 'ses.amazonaws.com', eventName: 'SendEmail' };
    expect(parseAccount(body).detail).toEqual({ eventSource: 'ses.amazonaws.com', eventName: 'SendEmail' });
  });
});

describe('parseEventBridgeBody: rejections', () => {
  it('rejects non-objects as not_eventbridge', () => {
    expect(invalid(null)).toEqual({
      kind: 'invalid',
      reason: 'not_eventbridge',
      message: '(root): Expected object',
    });
    expect(invalid([fixtureBody('send')]).reason).toBe('not_eventbridge');
    expect(invalid('{not json')).toEqual({
      kind: 'invalid',
      reason: 'not_eventbridge',
      message: 'Body is not valid JSON',
    });
  });

  it('rejects an incomplete envelope as not_eventbridge, naming the field and keeping the id', () => {
    const body = fixtureBody('send');
    delete body['detail-type'];
    expect(invalid(body)).toEqual({
      kind: 'invalid',
      reason: 'not_eventbridge',
      message: 'detail-type: Expected required property',
      eventId: '0b7e1a52-6f3d-4c1e-9a1f-2d6c1b0e0001',
    });
  });

  it('rejects an SNS notification (the other way SES events travel) as not_eventbridge', () => {
    const sns = {
      Type: 'Notification',
      MessageId: 'm-1',
      Message: JSON.stringify(fixtureBody('send').detail),
    };
    expect(invalid(sns).reason).toBe('not_eventbridge');
  });

  it('rejects an unusable envelope time as not_eventbridge', () => {
    const body = fixtureBody('send');
    body.time = 'yesterday';
    expect(invalid(body).message).toBe('time: Expected ISO 8601 date-time');
    body.time = '2017-13-45T00:00:00Z';
    expect(invalid(body).message).toBe('time: Expected ISO 8601 date-time');
  });

  it('rejects events from other sources as not_ses', () => {
    const body = fixtureBody('send');
    body.source = 'aws.s3';
    expect(invalid(body)).toEqual({
      kind: 'invalid',
      reason: 'not_ses',
      message: "source: Expected 'aws.ses', got 'aws.s3'",
      eventId: '0b7e1a52-6f3d-4c1e-9a1f-2d6c1b0e0001',
    });
  });

  it.each([
    [
      'bouncedRecipients is not an array',
      (d: Json) => (d.bounce.bouncedRecipients = 'x'),
      'detail.bounce.bouncedRecipients: Expected array',
    ],
    [
      'a recipient address is a number',
      (d: Json) => (d.bounce.bouncedRecipients[0].emailAddress = 5),
      'detail.bounce.bouncedRecipients[0].emailAddress: Expected string',
    ],
    [
      'diagnosticCode is not a string',
      (d: Json) => (d.bounce.bouncedRecipients[0].diagnosticCode = {}),
      'detail.bounce.bouncedRecipients[0].diagnosticCode: Expected string',
    ],
    [
      'the bounce object is missing',
      (d: Json) => delete d.bounce,
      'detail.bounce: Expected required property',
    ],
    ['mail is missing', (d: Json) => delete d.mail, 'detail.mail: Expected required property'],
    ['eventType is missing', (d: Json) => delete d.eventType, 'detail.eventType: Expected required property'],
    [
      'mail.destination is not an array',
      (d: Json) => (d.mail.destination = 'a@b.c'),
      'detail.mail.destination: Expected array',
    ],
    [
      'a tag value is not a list',
      (d: Json) => (d.mail.tags['ses:configuration-set'] = 'ConfigSet'),
      'detail.mail.tags.ses:configuration-set: Expected array',
    ],
    [
      'mail.timestamp is not a time',
      (d: Json) => (d.mail.timestamp = 'soon'),
      'detail.mail.timestamp: Expected ISO 8601 date-time',
    ],
    [
      'mail.timestamp is an impossible date',
      (d: Json) => (d.mail.timestamp = '2017-02-31T99:00:00Z'),
      'detail.mail.timestamp: Expected ISO 8601 date-time',
    ],
  ])('rejects a Bounce where %s with a precise message', (_, mutate, message) => {
    const body = fixtureBody('bounce');
    mutate(body.detail);
    expect(invalid(body)).toEqual({ kind: 'invalid', reason: 'schema', message, eventId: body.id });
  });

  it('names the failing field for other event types', () => {
    const delivery = fixtureBody('delivery');
    delivery.detail.delivery.processingTimeMillis = '11893';
    expect(invalid(delivery).message).toBe('detail.delivery.processingTimeMillis: Expected number');

    const complaint = fixtureBody('complaint');
    complaint.detail.complaint.complaintSubType = 7;
    expect(invalid(complaint).message).toBe('detail.complaint.complaintSubType: Expected string or null');

    const delay = fixtureBody('delivery-delay');
    delete delay.detail.deliveryDelay.delayedRecipients;
    expect(invalid(delay).message).toBe('detail.deliveryDelay.delayedRecipients: Expected required property');

    const click = fixtureBody('click');
    click.detail.click.linkTags = { samplekey0: 'samplevalue0' };
    expect(invalid(click).message).toBe('detail.click.linkTags.samplekey0: Expected array');
  });

  it('still checks mail for unknown event types', () => {
    const body = fixtureBody('send');
    body['detail-type'] = 'Email Forwarded';
    body.detail.eventType = 'Forward';
    delete body.detail.mail.messageId;
    expect(invalid(body).message).toBe('detail.mail.messageId: Expected required property');
  });

  it('checks the documented fields of account-level details', () => {
    const body = fixtureBody('sending-status-disabled');
    body.detail.data.record.status = 5;
    expect(invalid(body)).toMatchObject({
      reason: 'schema',
      message: 'detail.data.record.status: Expected string',
    });
  });
});

describe('parseEventBridgeBody: speed', () => {
  it('parses a valid event in microseconds (schemas are compiled once)', () => {
    const body = fixtureBody('bounce');
    for (let i = 0; i < 2_000; i++) parseEventBridgeBody(body);
    const iterations = 20_000;
    const started = performance.now();
    for (let i = 0; i < iterations; i++) parseEventBridgeBody(body);
    const microsPerEvent = ((performance.now() - started) * 1000) / iterations;
    // Typically 1-3 µs; compiling per call would cost milliseconds. Loose bound for slow CI machines.
    expect(microsPerEvent).toBeLessThan(50);
  });
});
