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
  if (typeof value === 'string') {
    const direct = plainUtcTime(value);
    if (direct !== undefined) return direct;
  }
  const date = value instanceof Date ? value : new Date(value);
  const iso = date.toISOString();
  // `YYYY-MM-DDThh:mm:ss.sssZ`; years beyond 9999 (`+YYYYYY-...`) take the general path.
  if (iso.length === 24) return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
  return iso.replace('T', ' ').replace('Z', '');
}

/**
 * `YYYY-MM-DDThh:mm:ssZ` or `YYYY-MM-DDThh:mm:ss.sssZ` (how SES and EventBridge write times) converted
 * by slicing, without a Date: only for values `Date` would keep as they are (day <= 28, hour <= 23,
 * every field in range), since it rolls `02-30` and `T24:00` over into the next day. Anything else:
 * undefined, and the caller takes the Date path.
 */
function plainUtcTime(value: string): string | undefined {
  const n = value.length;
  if ((n !== 20 && n !== 24) || value.charCodeAt(n - 1) !== 0x5a /* Z */) return undefined;
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':' || value[16] !== ':')
    return undefined;
  if (n === 24 && value[19] !== '.') return undefined;
  const end = n === 24 ? 23 : 19;
  for (let i = 0; i < end; i++) {
    if (i === 4 || i === 7 || i === 10 || i === 13 || i === 16 || i === 19) continue;
    const c = value.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
  }
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  if (month < 1 || month > 12 || day < 1 || day > 28) return undefined;
  if (twoDigits(value, 11) > 23 || twoDigits(value, 14) > 59 || twoDigits(value, 17) > 59) return undefined;
  return n === 24
    ? `${value.slice(0, 10)} ${value.slice(11, 23)}`
    : `${value.slice(0, 10)} ${value.slice(11, 19)}.000`;
}

function twoDigits(value: string, at: number): number {
  return (value.charCodeAt(at) - 0x30) * 10 + value.charCodeAt(at + 1) - 0x30;
}
