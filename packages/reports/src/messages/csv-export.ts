import { Readable } from 'node:stream';
import type { AnalyticsStore } from '@sendops/analytics';
import type { ReportFilter } from '../report-filter.ts';
import { iterateMessages, type MessageListQuery } from './list-messages.ts';
import { iterateSuppressions, type SuppressionQuery } from './suppressions.ts';

/** RFC 4180 cell; a cell a spreadsheet would run as a formula gets a leading `'`. */
export function csvCell(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvStream<T>(
  header: readonly string[],
  rows: AsyncIterable<T>,
  cells: (row: T) => (string | number)[],
) {
  async function* lines(): AsyncGenerator<string> {
    yield `${header.join(',')}\r\n`;
    for await (const row of rows) yield `${cells(row).map(csvCell).join(',')}\r\n`;
  }
  return Readable.from(lines());
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

/** The Messages view as CSV, streamed page by page (times ISO 8601 UTC). */
export function exportMessagesCsv(
  store: AnalyticsStore,
  filter: ReportFilter,
  query: Omit<MessageListQuery, 'cursor' | 'limit'>,
): Readable {
  return csvStream(MESSAGES_CSV_HEADER, iterateMessages(store, filter, query), (m) => [
    m.sentAt,
    m.recipient,
    m.status,
    m.subject,
    m.from,
    m.sendingIdentity,
    m.template,
    m.channelId,
    m.latestEventAt,
    m.messageId,
    m.events,
  ]);
}

export const SUPPRESSIONS_CSV_HEADER = [
  'address',
  'reason',
  'detail',
  'suppressed_at',
  'diagnostic_code',
  'message_id',
] as const;

export function exportSuppressionsCsv(
  store: AnalyticsStore,
  filter: ReportFilter,
  query: Omit<SuppressionQuery, 'cursor' | 'limit'>,
): Readable {
  return csvStream(SUPPRESSIONS_CSV_HEADER, iterateSuppressions(store, filter, query), (s) => [
    s.address,
    s.reason,
    s.detail,
    s.suppressedAt,
    s.diagnosticCode,
    s.messageId,
  ]);
}
