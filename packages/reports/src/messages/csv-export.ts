import type { EventLogRow } from './event-log.ts';
import type { MessageRow } from './list-messages.ts';
import type { SuppressionRow } from './suppressions.ts';

/**
 * CSV columns of the exported views (the route streams them with the shared CSV writer). Free text
 * that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`: subjects
 * and diagnostics come from outside.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export const MESSAGES_CSV_HEADER = [
  'sent_at',
  'recipient',
  'status',
  'subject',
  'from',
  'sending_identity',
  'template',
  'channel_id',
  'latest_event_at',
  'message_id',
  'events',
] as const;

export function messageCsvRow(m: MessageRow): (string | number)[] {
  return [
    m.sentAt,
    spreadsheetSafe(m.recipient),
    m.status,
    spreadsheetSafe(m.subject),
    spreadsheetSafe(m.from),
    m.sendingIdentity,
    spreadsheetSafe(m.template),
    m.channelId,
    m.latestEventAt,
    m.messageId,
    m.events,
  ];
}

export const EVENTS_CSV_HEADER = [
  'at',
  'type',
  'recipient',
  'message_id',
  'event_id',
  'subject',
  'channel_id',
  'detail',
] as const;

export function eventCsvRow(e: EventLogRow): string[] {
  return [
    e.at,
    e.type,
    spreadsheetSafe(e.recipient),
    e.messageId,
    e.eventId,
    spreadsheetSafe(e.subject),
    e.channelId,
    spreadsheetSafe(e.detail),
  ];
}

export const SUPPRESSIONS_CSV_HEADER = [
  'address',
  'reason',
  'detail',
  'suppressed_at',
  'diagnostic_code',
  'message_id',
] as const;

export function suppressionCsvRow(s: SuppressionRow): string[] {
  return [
    spreadsheetSafe(s.address),
    s.reason,
    s.detail,
    s.suppressedAt,
    spreadsheetSafe(s.diagnosticCode),
    s.messageId,
  ];
}
