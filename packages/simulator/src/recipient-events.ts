import { engagementEvents, forcedEngagement } from './engagement.ts';
import { complaintAgent } from './engagement-clients.ts';
import {
  type BounceSubType,
  type BounceType,
  bounceObject,
  complaintObject,
  deliveryDelayObject,
  deliveryObject,
  subscriptionObject,
} from './event-details.ts';
import * as latency from './latency.ts';
import { MX_IP_PREFIXES } from './mailbox-providers.ts';
import { emit, type MessageContext, sesId } from './message-context.ts';
import type { Outcome } from './outcomes.ts';
import {
  ACCOUNT_SUPPRESSION,
  type BounceReply,
  DELAY_REASONS,
  GLOBAL_SUPPRESSION,
  mailboxFull,
  smtpAccepted,
  transientFailure,
  userUnknown,
} from './provider-replies.ts';
import { WeightedPicker } from './random.ts';
import type { Recipient } from './recipients.ts';

const DELAY_PICKER = new WeightedPicker(DELAY_REASONS.map((reason) => [reason, reason[3]] as const));

/** Produces the events after Send for one recipient of a message, according to its outcome. */
export function recipientEvents(
  context: MessageContext,
  recipient: Recipient,
  outcome: Outcome,
  steered: boolean,
): void {
  const { random, sentAt } = context;
  switch (outcome) {
    case 'delivered':
    case 'opened':
    case 'clicked': {
      const at = deliver(context, recipient, sentAt + latency.deliveryLatency(random));
      if (outcome !== 'delivered') forcedEngagement(context, recipient, at, outcome === 'clicked');
      else if (!steered) engagementEvents(context, recipient, at);
      return;
    }
    case 'delayed': {
      const delayedAt = sentAt + latency.firstDelay(random);
      delay(context, recipient, delayedAt);
      const at = deliver(context, recipient, delayedAt + latency.delayedDelivery(random));
      if (!steered) engagementEvents(context, recipient, at);
      return;
    }
    case 'complaint': {
      const at = deliver(context, recipient, sentAt + latency.deliveryLatency(random));
      const complainedAt = at + latency.complaintLag(random);
      const agent = complaintAgent(recipient.domain.client, random);
      const feedbackId = sesId(context.organization.messageIdPrefix, complainedAt, random);
      const object = complaintObject(complainedAt, feedbackId, recipient.address, agent);
      emit(context, 'Complaint', complainedAt, context.mail.delivered, object);
      return;
    }
    case 'unsubscribe': {
      const at = deliver(context, recipient, sentAt + latency.deliveryLatency(random));
      const unsubscribedAt = at + latency.unsubscribeLag(random);
      const topic = context.template?.name ?? 'newsletter';
      const object = subscriptionObject(
        unsubscribedAt,
        `${context.organization.profile.brand} subscribers`,
        topic,
        random.chance(0.7),
      );
      emit(context, 'Subscription', unsubscribedAt, context.mail.delivered, object);
      if (!steered) engagementEvents(context, recipient, at);
      return;
    }
    case 'hard-bounce': {
      // Most hard bounces are an SMTP 550 at RCPT time; some arrive later as an NDR.
      const at =
        sentAt +
        latency.deliveryLatency(random) +
        (random.chance(0.15) ? latency.asyncBounceLatency(random) : 0);
      const reply = userUnknown(recipient.domain.mta, random, recipient.address);
      bounce(context, recipient, at, 'Permanent', 'General', reply, true);
      return;
    }
    case 'suppressed':
    case 'account-suppressed': {
      const reply = outcome === 'suppressed' ? GLOBAL_SUPPRESSION : ACCOUNT_SUPPRESSION;
      const subType = outcome === 'suppressed' ? 'Suppressed' : 'OnAccountSuppressionList';
      bounce(
        context,
        recipient,
        sentAt + latency.suppressionLatency(random),
        'Permanent',
        subType,
        reply,
        false,
      );
      return;
    }
    case 'mailbox-full': {
      const reply = mailboxFull(recipient.domain.mta);
      bounce(
        context,
        recipient,
        sentAt + latency.deliveryLatency(random),
        'Transient',
        'MailboxFull',
        reply,
        true,
      );
      return;
    }
    case 'soft-bounce': {
      const bouncedAt = sentAt + latency.transientBounceLatency(random);
      const delayedAt = sentAt + latency.firstDelay(random);
      if (delayedAt < bouncedAt && random.chance(0.6)) delay(context, recipient, delayedAt);
      const reply = transientFailure(
        recipient.domain.mta,
        random,
        context.outgoingIp,
        Math.round((bouncedAt - sentAt) / 60_000),
      );
      bounce(context, recipient, bouncedAt, 'Transient', 'General', reply, true);
      return;
    }
    case 'reject':
    case 'rendering-failure':
      // Message-level: handled by the message builder, never per recipient.
      return;
  }
}

function remoteMtaIp(context: MessageContext, recipient: Recipient): string {
  return `${context.random.pick(MX_IP_PREFIXES[recipient.domain.mta])}.${context.random.between(2, 250)}`;
}

function deliver(context: MessageContext, recipient: Recipient, at: number): number {
  const { random } = context;
  const response = smtpAccepted(recipient.domain.mta, random, context.messageId, at);
  const object = deliveryObject(
    at,
    context.sentAt,
    recipient.address,
    response,
    remoteMtaIp(context, recipient),
    context.reportingMta,
  );
  emit(context, 'Delivery', at, context.mail.delivered, object);
  return at;
}

function delay(context: MessageContext, recipient: Recipient, at: number): void {
  const { random } = context;
  const reason = DELAY_PICKER.pick(random);
  const expiresAt = context.sentAt + latency.MAX_DELIVERY_DURATION;
  const object = deliveryDelayObject(
    at,
    expiresAt,
    reason[0],
    recipient.address,
    reason[1],
    reason[2],
    context.reportingMta,
  );
  emit(context, 'DeliveryDelay', at, context.mail.bare, object);
}

function bounce(
  context: MessageContext,
  recipient: Recipient,
  at: number,
  type: BounceType,
  subType: BounceSubType,
  reply: BounceReply,
  remote: boolean,
): void {
  const { random } = context;
  const feedbackId = sesId(context.organization.messageIdPrefix, at, random);
  // Suppression-list bounces are generated inside SES: no receiving server, `dns; amazonses.com`.
  const mta = remote ? `dsn; ${context.reportingMta}` : 'dns; amazonses.com';
  const object = bounceObject(
    at,
    feedbackId,
    type,
    subType,
    recipient.address,
    reply,
    mta,
    remote ? remoteMtaIp(context, recipient) : undefined,
  );
  emit(context, 'Bounce', at, remote ? context.mail.delivered : context.mail.accepted, object);
}
