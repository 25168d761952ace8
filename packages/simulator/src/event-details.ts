import type { Fetcher } from './engagement-clients.ts';
import type { BounceReply } from './provider-replies.ts';
import type { TemplateLink } from './templates.ts';
import { isoMillis } from './time-format.ts';

/** The per-type objects of SES events, with the field order SES uses. */

export function deliveryObject(
  at: number,
  sentAt: number,
  recipient: string,
  smtpResponse: string,
  remoteMtaIp: string,
  reportingMTA: string,
) {
  return {
    timestamp: isoMillis(at),
    processingTimeMillis: Math.max(1, Math.round(at - sentAt)),
    recipients: [recipient],
    smtpResponse,
    remoteMtaIp,
    reportingMTA,
  };
}

export type BounceType = 'Permanent' | 'Transient' | 'Undetermined';
export type BounceSubType =
  | 'General'
  | 'NoEmail'
  | 'Suppressed'
  | 'OnAccountSuppressionList'
  | 'MailboxFull'
  | 'MessageTooLarge'
  | 'ContentRejected'
  | 'AttachmentRejected'
  | 'Undetermined';

export function bounceObject(
  at: number,
  feedbackId: string,
  bounceType: BounceType,
  bounceSubType: BounceSubType,
  recipient: string,
  reply: BounceReply,
  reportingMTA: string,
  remoteMtaIp: string | undefined,
) {
  const bounce: Record<string, unknown> = {
    feedbackId,
    bounceType,
    bounceSubType,
    bouncedRecipients: [
      {
        emailAddress: recipient,
        action: 'failed',
        status: reply.status,
        diagnosticCode: reply.diagnosticCode,
      },
    ],
    timestamp: isoMillis(at),
    reportingMTA,
  };
  // SES reports the receiving server's address only when it talked to one.
  if (remoteMtaIp) bounce.remoteMtaIp = remoteMtaIp;
  return bounce;
}

export function complaintObject(at: number, feedbackId: string, recipient: string, userAgent: string) {
  return {
    feedbackId,
    complaintSubType: null,
    complainedRecipients: [{ emailAddress: recipient }],
    timestamp: isoMillis(at),
    userAgent,
    complaintFeedbackType: 'abuse',
    arrivalDate: isoMillis(at - 1000),
  };
}

export function deliveryDelayObject(
  at: number,
  expiresAt: number,
  delayType: string,
  recipient: string,
  status: string,
  diagnosticCode: string,
  reportingMTA: string,
) {
  return {
    timestamp: isoMillis(at),
    delayType,
    expirationTime: isoMillis(expiresAt),
    delayedRecipients: [{ emailAddress: recipient, status, diagnosticCode }],
    reportingMTA,
  };
}

export function openObject(at: number, fetcher: Fetcher) {
  return { ipAddress: fetcher.ipAddress, timestamp: isoMillis(at), userAgent: fetcher.userAgent };
}

export function clickObject(at: number, fetcher: Fetcher, link: TemplateLink) {
  return {
    ipAddress: fetcher.ipAddress,
    link: link.url,
    linkTags: link.tags,
    timestamp: isoMillis(at),
    userAgent: fetcher.userAgent,
  };
}

export function subscriptionObject(at: number, contactList: string, topic: string, viaHeader: boolean) {
  return {
    contactList,
    timestamp: isoMillis(at),
    source: viaHeader ? 'UnsubscribeHeader' : 'UnsubscribeLink',
    newTopicPreferences: {
      unsubscribeAll: true,
      topicSubscriptionStatus: [{ topicName: topic, subscriptionStatus: 'OptOut' }],
    },
    oldTopicPreferences: {
      unsubscribeAll: false,
      topicSubscriptionStatus: [{ topicName: topic, subscriptionStatus: 'OptIn' }],
    },
  };
}

/** What SES says when rendering data misses a variable the template uses. */
export function failureObject(templateName: string, attribute: string) {
  return { errorMessage: `Attribute '${attribute}' is not present in the rendering data.`, templateName };
}

export const REJECT_OBJECT = { reason: 'Bad content' } as const;
