import { bareAddress, domainOf } from './address.ts';
import { asClickhouseTime } from './clickhouse-time.ts';
import type { SesEventEnvelope } from './envelope-schema.ts';
import { toClickhouseTime } from './event-row.ts';
import { configurationSetOf, subjectOf } from './mail-fields.ts';
import { providerForDomain } from './providers.ts';
import { recipientsOf } from './recipients.ts';
import { templateOf } from './template.ts';
import { type NormalizeContext, typeFields } from './to-event-rows.ts';

/**
 * `ses_events` rows as JSONEachRow text, one JSON object per recipient, separated by TAB. The text is
 * kept in pieces (joined, they are the rows): the request body, the largest part of every row, stays
 * its own string, so it is copied once, straight into the spool's buffer, rather than first flattened
 * with the other columns into one new string.
 */
export interface EncodedEventRows {
  rows: number;
  pieces: (string | Uint8Array)[];
}

/** Characters JSON.stringify would escape in a string: quote, backslash, controls, any surrogate. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what it finds
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON, exactly as JSON.stringify writes it, without calling it for plain text. */
function str(value: string): string {
  if (value === '') return '""';
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/**
 * The rows `toEventRows` builds, written straight to JSONEachRow text (no 40-column objects that would
 * only be serialized). Columns and values are the same, in the same order, so every row parses to the
 * `toEventRows` row. One difference in form, not content: the `raw` column is written as the JSON
 * object itself rather than as an escaped string when it can be (its text is a JSON object and holds
 * no TAB or LF, which the spool uses as separators). ClickHouse reads a JSON object given for a String
 * column as its exact text (`input_format_json_read_objects_as_strings`, on by default), so the stored
 * bytes are identical, and the request body is never escaped.
 *
 * `ctx.raw` must be the text `envelope` was parsed from (`JSON.parse(ctx.raw)` gave it). `rawBytes`,
 * when the caller has them, are its exact UTF-8 bytes (the request body, checked to be valid UTF-8): the
 * row then holds those bytes as they are, with no encoding of the body's text.
 */
export function encodeEventRows(
  envelope: SesEventEnvelope,
  ctx: NormalizeContext,
  rawBytes?: Uint8Array,
): EncodedEventRows {
  const { detail } = envelope;
  const { mail } = detail;
  const sourceAddress = bareAddress(mail.source);
  const t = typeFields(detail);
  const shared =
    `{"organization_id":${str(ctx.organizationId)},"event_id":${str(envelope.id)}` +
    `,"event_type":${str(detail.eventType)},"event_time":"${toClickhouseTime(envelope.time)}"` +
    `,"send_time":"${toClickhouseTime(mail.timestamp)}","message_id":${str(mail.messageId)}` +
    `,"source_address":${str(sourceAddress)},"source_domain":${str(domainOf(sourceAddress))}` +
    `,"sending_identity":${str(ctx.sendingIdentity)},"aws_account_id":${str(envelope.account)}` +
    `,"aws_region":${str(envelope.region)},"configuration_set":${str(configurationSetOf(mail))}` +
    `,"channel_id":${str(ctx.channelId)},"template":${str(templateOf(detail, ctx.templateTagNames))}` +
    `,"subject":${str(subjectOf(mail))},"tags":${mail.tags === undefined ? '{}' : JSON.stringify(mail.tags)}` +
    `,"bounce_type":${str(t.bounce_type)},"bounce_sub_type":${str(t.bounce_sub_type)}` +
    `,"complaint_feedback_type":${str(t.complaint_feedback_type)}` +
    `,"complaint_sub_type":${str(t.complaint_sub_type)},"processing_time_ms":${JSON.stringify(t.processing_time_ms)}` +
    `,"smtp_response":${str(t.smtp_response)},"delay_type":${str(t.delay_type)}` +
    `,"delay_expiration_time":${str(t.delay_expiration_time)},"link":${str(t.link)}` +
    `,"link_tags":${JSON.stringify(t.link_tags)},"user_agent":${str(t.user_agent)},"ip_address":${str(t.ip_address)}` +
    `,"reject_reason":${str(t.reject_reason)},"rendering_error":${str(t.rendering_error)}` +
    `,"rendering_template":${str(t.rendering_template)},"subscription":${str(t.subscription)}` +
    `,"raw":`;
  const raw = rawBytes !== undefined && isInlineObject(rawBytes) ? rawBytes : rawColumn(ctx.raw);
  const tail = `,"retention_days":${JSON.stringify(ctx.retentionDays)},"ingested_at":${str(asClickhouseTime(ctx.ingestedAt))}`;

  const recipients = recipientsOf(detail);
  const pieces: (string | Uint8Array)[] = [];
  for (let i = 0; i < recipients.length; i++) {
    const outcome = recipients[i]!;
    const recipientDomain = domainOf(outcome.recipient);
    if (i > 0) pieces.push('\t');
    pieces.push(
      shared,
      raw,
      `${tail},"recipient":${str(outcome.recipient)},"recipient_domain":${str(recipientDomain)}` +
        `,"provider":${str(recipientDomain === '' ? '' : providerForDomain(recipientDomain))}` +
        `,"diagnostic_code":${str(outcome.diagnosticCode)},"dsn_status":${str(outcome.status)}` +
        `,"dsn_action":${str(outcome.action)}}`,
    );
  }
  return { rows: recipients.length, pieces };
}

/** The UTF-8 bytes of a JSON object text that `rawColumn` would embed as it is. */
function isInlineObject(bytes: Uint8Array): boolean {
  const last = bytes.length - 1;
  return (
    last > 0 &&
    bytes[0] === 0x7b &&
    bytes[last] === 0x7d &&
    bytes.indexOf(0x09) === -1 &&
    bytes.indexOf(0x0a) === -1
  );
}

/**
 * The `raw` column's JSON value: the body itself when it is a JSON object without TAB or LF (what
 * EventBridge sends: compact JSON), else the body as a JSON string.
 */
export function rawColumn(raw: string): string {
  const last = raw.length - 1;
  if (last > 0 && raw.charCodeAt(0) === 0x7b && raw.charCodeAt(last) === 0x7d) {
    if (raw.indexOf('\t') === -1 && raw.indexOf('\n') === -1) return raw;
  }
  return str(raw);
}
