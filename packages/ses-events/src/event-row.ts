/**
 * One ClickHouse `ses_events` row: one SES event for one recipient.
 * Column names match packages/analytics/migrations exactly. Times are ISO-like
 * `YYYY-MM-DD hh:mm:ss.sss` UTC strings (ClickHouse DateTime64(3) input format).
 * Absent values are '' / 0 / {} rather than null, so rows stay compact and columns non-nullable.
 */
export interface EventRow {
  organization_id: string;
  /** EventBridge envelope `id`: with `recipient`, the dedupe key. */
  event_id: string;
  /** SES `eventType`, verbatim (`Send`, `Bounce`, `Rendering Failure`, or an unknown future type). */
  event_type: string;
  /** EventBridge envelope `time` (when SES emitted the event). */
  event_time: string;
  /** `mail.timestamp` (when SES accepted the message). */
  send_time: string;
  message_id: string;
  /** Lower-cased address, '' for events with no recipient. */
  recipient: string;
  recipient_domain: string;
  /** Canonical mailbox provider (`Gmail`, `Microsoft`, ...) or the raw recipient domain. */
  provider: string;
  /** Bare address of `mail.source` (display name removed), lower-cased. */
  source_address: string;
  source_domain: string;
  /** The managed identity the event matched (domain or address). */
  sending_identity: string;
  aws_account_id: string;
  aws_region: string;
  configuration_set: string;
  /** Channel id (uuid) resolved from the configuration set, '' when none matched. */
  channel_id: string;
  template: string;
  subject: string;
  /** `mail.tags` as SES sends them. */
  tags: Record<string, string[]>;
  bounce_type: string;
  bounce_sub_type: string;
  diagnostic_code: string;
  dsn_status: string;
  dsn_action: string;
  complaint_feedback_type: string;
  complaint_sub_type: string;
  /** `delivery.processingTimeMillis`, 0 when absent. */
  processing_time_ms: number;
  smtp_response: string;
  /** `deliveryDelay.delayType`. */
  delay_type: string;
  /** `deliveryDelay.expirationTime`, '' when absent. */
  delay_expiration_time: string;
  link: string;
  link_tags: Record<string, string[]>;
  user_agent: string;
  ip_address: string;
  reject_reason: string;
  rendering_error: string;
  rendering_template: string;
  /** `subscription` object as JSON text, '' when absent. */
  subscription: string;
  /** The whole EventBridge envelope as received (JSON text). */
  raw: string;
  /** Days after event_time this row expires (ClickHouse TTL). */
  retention_days: number;
  /** When the ingest accepted it. */
  ingested_at: string;
}

/** Account-level `aws.ses` events (sending status, advisor recommendations): one `ses_account_events` row each. */
export interface AccountEventRow {
  organization_id: string;
  event_id: string;
  /** EventBridge `detail-type`, e.g. `Sending Status Disabled`. */
  detail_type: string;
  event_time: string;
  aws_account_id: string;
  aws_region: string;
  /** `detail` as JSON text. */
  detail: string;
  raw: string;
  ingested_at: string;
}

/** A request body the ingest could not accept (`ingest_dead_letters`). */
export interface DeadLetterRow {
  organization_id: string;
  received_at: string;
  reason: string;
  error: string;
  event_id: string;
  body: string;
}

/** Formats a Date (or ISO string) as ClickHouse DateTime64(3) UTC text. */
export function toClickhouseTime(value: Date | string | number): string {
  const date = value instanceof Date ? value : new Date(value);
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
