import { bareAddress, domainOf } from './address.ts';
import { asClickhouseTime, clickhouseTimeOrEmpty } from './clickhouse-time.ts';
import type { SesEventEnvelope } from './envelope-schema.ts';
import { type EventRow, toClickhouseTime } from './event-row.ts';
import { configurationSetOf, subjectOf } from './mail-fields.ts';
import { providerForDomain } from './providers.ts';
import { recipientsOf } from './recipients.ts';
import type { SesEventDetail } from './ses-detail-schema.ts';
import { templateOf } from './template.ts';

/** What the ingest knows about an event beyond the event itself. */
export interface NormalizeContext {
  organizationId: string;
  /** The managed identity the event matched (see `sendingIdentityCandidates`). */
  sendingIdentity: string;
  /** Channel uuid resolved from the configuration set, '' when none matched. */
  channelId: string;
  /** Tag names to read the template from, in priority order (usually `DEFAULT_TEMPLATE_TAG_NAMES`). */
  templateTagNames: readonly string[];
  retentionDays: number;
  /** ISO 8601 or ClickHouse `YYYY-MM-DD hh:mm:ss.sss` (UTC). */
  ingestedAt: string;
  /** The request body exactly as received, stored in every row. */
  raw: string;
}

/** The columns that depend on the event type, not on the recipient. */
export type TypeFields = Pick<
  EventRow,
  | 'bounce_type'
  | 'bounce_sub_type'
  | 'complaint_feedback_type'
  | 'complaint_sub_type'
  | 'processing_time_ms'
  | 'smtp_response'
  | 'delay_type'
  | 'delay_expiration_time'
  | 'link'
  | 'link_tags'
  | 'user_agent'
  | 'ip_address'
  | 'reject_reason'
  | 'rendering_error'
  | 'rendering_template'
  | 'subscription'
>;

/**
 * One `ses_events` row per recipient the event is about (see `recipientsOf`), each carrying its own
 * DSN status, action and diagnostic code. Expects an envelope accepted by `parseEventBridgeBody`.
 */
export function toEventRows(envelope: SesEventEnvelope, ctx: NormalizeContext): EventRow[] {
  const { detail } = envelope;
  const { mail } = detail;
  const sourceAddress = bareAddress(mail.source);
  const shared = {
    organization_id: ctx.organizationId,
    event_id: envelope.id,
    event_type: detail.eventType,
    event_time: toClickhouseTime(envelope.time),
    send_time: toClickhouseTime(mail.timestamp),
    message_id: mail.messageId,
    source_address: sourceAddress,
    source_domain: domainOf(sourceAddress),
    sending_identity: ctx.sendingIdentity,
    aws_account_id: envelope.account,
    aws_region: envelope.region,
    configuration_set: configurationSetOf(mail),
    channel_id: ctx.channelId,
    template: templateOf(detail, ctx.templateTagNames),
    subject: subjectOf(mail),
    tags: mail.tags ?? {},
    ...typeFields(detail),
    raw: ctx.raw,
    retention_days: ctx.retentionDays,
    ingested_at: asClickhouseTime(ctx.ingestedAt),
  };

  return recipientsOf(detail).map((outcome): EventRow => {
    const recipientDomain = domainOf(outcome.recipient);
    return {
      ...shared,
      recipient: outcome.recipient,
      recipient_domain: recipientDomain,
      provider: recipientDomain === '' ? '' : providerForDomain(recipientDomain),
      diagnostic_code: outcome.diagnosticCode,
      dsn_status: outcome.status,
      dsn_action: outcome.action,
    };
  });
}

/** Reads only the object that belongs to the event type, so stray objects never leak into columns. */
export function typeFields(detail: SesEventDetail): TypeFields {
  const fields: TypeFields = {
    bounce_type: '',
    bounce_sub_type: '',
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
  };
  switch (detail.eventType) {
    case 'Bounce':
      fields.bounce_type = detail.bounce?.bounceType ?? '';
      fields.bounce_sub_type = detail.bounce?.bounceSubType ?? '';
      break;
    case 'Complaint':
      fields.complaint_feedback_type = detail.complaint?.complaintFeedbackType ?? '';
      fields.complaint_sub_type = detail.complaint?.complaintSubType ?? '';
      // The feedback report's User-Agent: the only user agent a complaint has.
      fields.user_agent = detail.complaint?.userAgent ?? '';
      break;
    case 'Delivery':
      fields.processing_time_ms = detail.delivery?.processingTimeMillis ?? 0;
      fields.smtp_response = detail.delivery?.smtpResponse ?? '';
      break;
    case 'DeliveryDelay':
      fields.delay_type = detail.deliveryDelay?.delayType ?? '';
      fields.delay_expiration_time = clickhouseTimeOrEmpty(detail.deliveryDelay?.expirationTime);
      break;
    case 'Open':
      fields.user_agent = detail.open?.userAgent ?? '';
      fields.ip_address = detail.open?.ipAddress ?? '';
      break;
    case 'Click':
      fields.link = detail.click?.link ?? '';
      fields.link_tags = detail.click?.linkTags ?? {};
      fields.user_agent = detail.click?.userAgent ?? '';
      fields.ip_address = detail.click?.ipAddress ?? '';
      break;
    case 'Reject':
      fields.reject_reason = detail.reject?.reason ?? '';
      break;
    case 'Rendering Failure':
      fields.rendering_error = detail.failure?.errorMessage ?? '';
      fields.rendering_template = detail.failure?.templateName ?? '';
      break;
    case 'Subscription':
      fields.subscription = detail.subscription === undefined ? '' : JSON.stringify(detail.subscription);
      break;
  }
  return fields;
}
