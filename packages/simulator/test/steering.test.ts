import { describe, expect, it } from 'vitest';
import {
  generateMessages,
  LOCAL_PART_OUTCOMES,
  outcomeForAddress,
  type SimulatedMessage,
} from '../src/index.ts';

const window = { start: Date.UTC(2026, 10, 2, 9), end: Date.UTC(2026, 10, 2, 10) };

function send(to: string | string[], seed = 11): SimulatedMessage {
  const [message] = generateMessages({ ...window, seed, messages: 1, recipients: [to] });
  if (!message) throw new Error('no message');
  return message;
}

const types = (message: SimulatedMessage) => message.events.map((e) => e.envelope.detail.eventType);
function detailOf(message: SimulatedMessage, type: string): Record<string, unknown> {
  const event = message.events.find((e) => e.envelope.detail.eventType === type);
  if (!event) throw new Error(`no ${type} event`);
  return event.envelope.detail as unknown as Record<string, unknown>;
}
const bounceOf = (message: SimulatedMessage) =>
  detailOf(message, 'Bounce').bounce as {
    bounceType: string;
    bounceSubType: string;
    reportingMTA: string;
    bouncedRecipients: { emailAddress: string; status: string; diagnosticCode: string; action: string }[];
  };

describe('outcome steering by local part', () => {
  it('delivered@ gives Send and Delivery only', () => {
    for (let seed = 1; seed <= 20; seed++)
      expect(types(send('delivered@example.com', seed))).toEqual(['Send', 'Delivery']);
  });

  it.each(['bounced', 'bounce'])('%s@ gives a Permanent/General bounce with a 5.1.1 DSN', (local) => {
    const message = send(`${local}@gmail.com`);
    expect(types(message)).toEqual(['Send', 'Bounce']);
    const bounce = bounceOf(message);
    expect(bounce.bounceType).toBe('Permanent');
    expect(bounce.bounceSubType).toBe('General');
    expect(bounce.bouncedRecipients[0]).toMatchObject({
      emailAddress: `${local}@gmail.com`,
      action: 'failed',
      status: '5.1.1',
    });
    expect(bounce.bouncedRecipients[0]?.diagnosticCode).toMatch(/^smtp; 550.5\.1\.1 /);
  });

  it.each(['complained', 'complaint'])(
    '%s@ is delivered, then complains with feedback type abuse',
    (local) => {
      const message = send(`${local}@yahoo.com`);
      expect(types(message)).toEqual(['Send', 'Delivery', 'Complaint']);
      expect(detailOf(message, 'Complaint').complaint).toMatchObject({
        complaintFeedbackType: 'abuse',
        complainedRecipients: [{ emailAddress: `${local}@yahoo.com` }],
      });
    },
  );

  it.each(['transient', 'softbounce'])('%s@ soft-bounces Transient/General with a 4.x.x status', (local) => {
    for (let seed = 1; seed <= 10; seed++) {
      const message = send(`${local}@outlook.com`, seed);
      expect(types(message).filter((t) => t !== 'DeliveryDelay')).toEqual(['Send', 'Bounce']);
      const bounce = bounceOf(message);
      expect([bounce.bounceType, bounce.bounceSubType]).toEqual(['Transient', 'General']);
      expect(bounce.bouncedRecipients[0]?.status).toMatch(/^4\.\d\.\d$/);
    }
  });

  it('mailboxfull@ bounces Transient/MailboxFull', () => {
    const bounce = bounceOf(send('mailboxfull@gmail.com'));
    expect([bounce.bounceType, bounce.bounceSubType, bounce.bouncedRecipients[0]?.status]).toEqual([
      'Transient',
      'MailboxFull',
      '5.2.2',
    ]);
  });

  it('suppressed@ and suppressionlist@ bounce from the SES suppression lists without leaving SES', () => {
    const global = bounceOf(send('suppressed@icloud.com'));
    expect([global.bounceType, global.bounceSubType, global.reportingMTA]).toEqual([
      'Permanent',
      'Suppressed',
      'dns; amazonses.com',
    ]);
    const account = bounceOf(send('suppressionlist@icloud.com'));
    expect(account.bounceSubType).toBe('OnAccountSuppressionList');
  });

  it('delayed@ gets a DeliveryDelay, then the Delivery', () => {
    const message = send('delayed@gmx.de');
    expect(types(message)).toEqual(['Send', 'DeliveryDelay', 'Delivery']);
    const delay = detailOf(message, 'DeliveryDelay').deliveryDelay as {
      delayType: string;
      expirationTime: string;
    };
    expect(delay.delayType).toBeTruthy();
    expect(Date.parse(delay.expirationTime)).toBeGreaterThan(message.sentAt);
  });

  it('rejected@ is refused by SES: one Reject, no Send', () => {
    const message = send('rejected@example.com');
    expect(types(message)).toEqual(['Reject']);
    expect(message.messageOutcome).toBe('reject');
    expect(detailOf(message, 'Reject').reject).toEqual({ reason: 'Bad content' });
  });

  it('renderfail@ fails rendering its template', () => {
    const message = send('renderfail@example.com');
    expect(types(message)).toEqual(['Send', 'Rendering Failure']);
    const detail = detailOf(message, 'Rendering Failure');
    expect(detail.failure).toMatchObject({ templateName: message.template });
    expect((detail.failure as { errorMessage: string }).errorMessage).toMatch(
      /is not present in the rendering data/,
    );
    expect((detail.mail as { headers?: unknown }).headers).toBeUndefined();
  });

  it('unsubscribe@ is delivered, then unsubscribes', () => {
    const message = send('unsubscribe@web.de');
    expect(types(message)).toEqual(['Send', 'Delivery', 'Subscription']);
    expect(detailOf(message, 'Subscription').subscription).toMatchObject({
      newTopicPreferences: { unsubscribeAll: true },
    });
  });

  it('opened@ and clicked@ engage exactly once', () => {
    expect(types(send('opened@gmail.com'))).toEqual(['Send', 'Delivery', 'Open']);
    const clicked = send('clicked@gmail.com');
    expect(types(clicked)).toEqual(['Send', 'Delivery', 'Open', 'Click']);
    expect((detailOf(clicked, 'Click').click as { link: string }).link).toMatch(/^https:\/\//);
  });

  it('ignores case and a +label, keeping the domain', () => {
    expect(outcomeForAddress('Bounced+run42@Gmail.com')).toBe('hard-bounce');
    expect(outcomeForAddress('someone@gmail.com')).toBeUndefined();
    expect(Object.keys(LOCAL_PART_OUTCOMES)).toContain('delivered');
  });

  it('steers each recipient of a multi-recipient message on its own', () => {
    const message = send([
      'delivered@northwindtraders.com',
      'bounced@northwindtraders.com',
      'complained@hotmail.com',
    ]);
    const sendEvent = detailOf(message, 'Send');
    expect((sendEvent.mail as { destination: string[] }).destination).toHaveLength(3);
    const bounces = message.events.filter((e) => e.envelope.detail.eventType === 'Bounce');
    expect(bounces).toHaveLength(1);
    expect(bounceOf(message).bouncedRecipients.map((r) => r.emailAddress)).toEqual([
      'bounced@northwindtraders.com',
    ]);
    const delivered = message.events
      .filter((e) => e.envelope.detail.eventType === 'Delivery')
      .flatMap((e) => (e.envelope.detail.delivery as { recipients: string[] }).recipients);
    expect(delivered.sort()).toEqual(['complained@hotmail.com', 'delivered@northwindtraders.com']);
  });
});
