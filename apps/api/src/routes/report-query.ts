import { Readable } from 'node:stream';
import { isIanaTimeZone, requirePermission } from '@sendops/auth';
import { DomainError } from '@sendops/db';
import { type ReportFilter, zonedMidnight } from '@sendops/reports';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { organizationOf } from '../http/api-app.ts';

/**
 * The query string every report shares (dashboard `/api/orgs/:slug/reports/*` and public `/v1/*`):
 * - `from`, `to`: ISO 8601, half-open [from, to). A date-time needs its offset (`Z` or `+02:00`); a bare
 *   date (`2026-11-01`) means midnight of that day in `tz`. Both optional: `to` defaults to now, `from`
 *   to 30 days before `to`. At most MAX_RANGE_DAYS apart.
 * - `tz`: IANA time zone for day buckets (default UTC).
 * - `channel`: a channel uuid of the organization (optional; all channels when absent).
 * - `format`: `json` (default) or `csv` (dashboard exports; needs `reports.export`).
 */
export const MAX_RANGE_DAYS = 400;
export const DEFAULT_RANGE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const ISO_INSTANT = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?$';

const Instant = Type.String({
  maxLength: 40,
  pattern: ISO_INSTANT,
  description: 'ISO 8601 date-time with offset, or a date (midnight in `tz`)',
  examples: ['2026-11-01T00:00:00Z', '2026-11-01'],
});

export const ReportQuerystring = Type.Object({
  from: Type.Optional({ ...Instant, description: 'Start, inclusive. Default: 30 days before `to`.' }),
  to: Type.Optional({ ...Instant, description: 'End, exclusive. Default: now.' }),
  tz: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'IANA time zone for day buckets. Default UTC.',
      examples: ['Europe/Berlin'],
    }),
  ),
  channel: Type.Optional(
    Type.String({ format: 'uuid', description: 'Only this channel (uuid). Default: all channels.' }),
  ),
  format: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'json (default) or csv' }),
  ),
});
export type ReportQuery = Static<typeof ReportQuerystring>;

/** The same parameters without `format`, for `/v1` routes that answer JSON only. */
export const V1ReportQuerystring = Type.Omit(ReportQuerystring, ['format']);

/** True for a real calendar day (Date.UTC and V8's parser roll 2026-02-30 over to March 2). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
}

function parseInstant(value: string, timeZone: string, field: string): Date {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (!isCalendarDay(year, month, day)) {
    throw new DomainError('invalid', `querystring/${field} is not a valid date`);
  }
  if (new RegExp(ISO_DATE).test(value)) return zonedMidnight(year, month, day, timeZone);
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || !new RegExp(ISO_INSTANT).test(value)) {
    throw new DomainError('invalid', `querystring/${field} must be an ISO 8601 date-time with an offset`);
  }
  return date;
}

/**
 * Validates what the schema cannot (the zone is known to Intl, from < to, length) and builds the
 * filter. `now` is the route's clock, passed in so report functions never read it.
 */
export function toReportFilter(
  query: Omit<ReportQuery, 'format'>,
  organizationId: string,
  now: Date = new Date(),
): ReportFilter {
  const timezone = query.tz ?? 'UTC';
  if (!isIanaTimeZone(timezone)) {
    throw new DomainError(
      'invalid',
      `querystring/tz "${timezone}" is not an IANA time zone (e.g. Europe/Paris)`,
    );
  }
  const to = query.to ? parseInstant(query.to, timezone, 'to') : now;
  const from = query.from
    ? parseInstant(query.from, timezone, 'from')
    : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) {
    throw new DomainError('invalid', 'querystring/from must be before querystring/to');
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    throw new DomainError('invalid', `the date range may span at most ${MAX_RANGE_DAYS} days`);
  }
  return { organizationId, from, to, timezone, channelId: query.channel };
}

/** One CSV field, RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record with its CRLF terminator. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

async function* csvLines(
  header: readonly string[],
  rows: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>,
): AsyncGenerator<string> {
  yield csvLine(header);
  // Batch small records into ~64 KiB chunks: one write per row would dominate the cost.
  let chunk = '';
  for await (const row of rows) {
    chunk += csvLine(row);
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** A safe file name: letters, digits, `.`, `_`, `-` only (it goes into a header). */
function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 120);
  return cleaned.endsWith('.csv') ? cleaned : `${cleaned}.csv`;
}

/**
 * Streams a CSV download: header row, then the rows as they come (from a ClickHouse stream, never a
 * whole result in memory). An error after the first bytes can only cut the download short; Fastify
 * logs it.
 */
export function sendCsv(
  reply: FastifyReply,
  fileName: string,
  header: readonly string[],
  rows: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>,
): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${safeFileName(fileName)}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(csvLines(header, rows)));
}

/** `reports-<slug>-<from>-<to>` style name for exports, dates in the filter's zone. */
export function reportFileName(name: string, slug: string, filter: ReportFilter): string {
  const day = (date: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: filter.timezone }).format(date).replaceAll('/', '-');
  return `${name}-${slug}-${day(filter.from)}-${day(filter.to)}.csv`;
}

/**
 * True when the dashboard asked for the CSV of a report; throws 403 unless the role holds
 * `reports.export` (the route itself declares `reports.view`).
 */
export function wantsCsvExport(
  request: FastifyRequest,
  query: { format?: 'json' | 'csv' | undefined },
): boolean {
  if (query.format !== 'csv') return false;
  requirePermission(organizationOf(request).context, 'reports.export');
  return true;
}
