import { Readable } from 'node:stream';
import type { AnalyticsStore } from '@sendops/analytics';
import { iterateUndeliverable, type ListQuery, type UndeliverableRow } from './list-undeliverable.ts';

export const CSV_HEADER = [
  'email',
  'status',
  'reason',
  'reason_label',
  'events',
  'last_change',
  'last_diagnostic',
  'note',
];

/**
 * The filtered list as CSV (RFC 4180), streamed a page at a time so an export of the whole list never
 * sits in memory. Cells that a spreadsheet would run as a formula are prefixed with `'`.
 */
export function exportUndeliverableCsv(
  store: AnalyticsStore,
  query: Omit<ListQuery, 'cursor' | 'limit'>,
): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield `${CSV_HEADER.join(',')}\r\n`;
    for await (const row of iterateUndeliverable(store, query)) yield `${csvLine(row)}\r\n`;
  }
  return Readable.from(lines());
}

function csvLine(row: UndeliverableRow): string {
  return [
    row.address,
    row.status,
    row.reason ?? '',
    row.reasonLabel ?? '',
    String(row.events),
    row.lastChange,
    row.lastDiagnostic,
    row.exclusion?.note ?? '',
  ]
    .map(csvCell)
    .join(',');
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
