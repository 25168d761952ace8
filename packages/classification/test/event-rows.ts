import type { EventRow } from '@sendops/ses-events';
import { toEventRows } from '@sendops/ses-events';
import { loadSesFixture } from '@sendops/ses-events/testing';

/** What a test says about one SES event; the rest comes from the AWS example events. */
export interface TestEvent {
  id: string;
  recipient: string;
  time: Date;
  type: 'Bounce' | 'Complaint' | 'Reject' | 'Delivery' | 'DeliveryDelay' | 'Send' | 'Open';
  bounceType?: 'Permanent' | 'Transient' | 'Undetermined';
  bounceSubType?: string;
  dsnStatus?: string;
  diagnostic?: string;
  feedbackType?: string;
}

const FIXTURE = {
  Bounce: 'bounce',
  Complaint: 'complaint',
  Reject: 'reject',
  Delivery: 'delivery',
  DeliveryDelay: 'delivery-delay',
  Send: 'send',
  Open: 'open',
} as const;

/**
 * The rows the ingest would write for the event: an AWS example envelope reshaped, then normalized by
 * the ingest's own `toEventRows`.
 */
export function eventRows(organizationId: string, event: TestEvent): EventRow[] {
  const envelope = loadSesFixture(FIXTURE[event.type]);
  envelope.id = event.id;
  envelope.time = event.time.toISOString();
  const detail = envelope.detail;
  detail.mail.destination = [event.recipient];
  detail.mail.timestamp = new Date(event.time.getTime() - 60_000).toISOString();
  if (event.type === 'Bounce') {
    detail.bounce.bounceType = event.bounceType ?? 'Permanent';
    detail.bounce.bounceSubType = event.bounceSubType ?? 'General';
    detail.bounce.bouncedRecipients = [
      {
        emailAddress: event.recipient,
        action: 'failed',
        status: event.dsnStatus ?? '5.1.1',
        diagnosticCode: event.diagnostic ?? `smtp; 550 ${event.dsnStatus ?? '5.1.1'} ${event.id}`,
      },
    ];
  } else if (event.type === 'Complaint') {
    detail.complaint.complainedRecipients = [{ emailAddress: event.recipient }];
    detail.complaint.complaintFeedbackType = event.feedbackType ?? 'abuse';
  } else if (event.type === 'Delivery') {
    detail.delivery.recipients = [event.recipient];
  } else if (event.type === 'DeliveryDelay') {
    detail.deliveryDelay.delayedRecipients = [{ emailAddress: event.recipient, status: '4.4.7' }];
  }
  return toEventRows(envelope as never, {
    organizationId,
    sendingIdentity: 'example.com',
    channelId: '',
    templateTagNames: [],
    // Far beyond any test's `now`: ClickHouse's TTL runs on the real clock, and the retention bound
    // under test is the query's own (the organization's plan retention), not the row's TTL.
    retentionDays: 3650,
    ingestedAt: event.time.toISOString(),
    raw: '{}',
  });
}
